package org.herald.example;

import jakarta.jms.JMSConsumer;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Sends one campaign request to Herald over JMS, waits for the reply, then prints the
 * campaign's events until every recipient's delivery has left QUEUED, HELD (its campaign
 * paused) and SENDING.
 *
 * <pre>
 * java -jar integration-client-example/target/herald-integration-client.jar \
 *     --server 127.0.0.1:8080 --user crm --password ... \
 *     --departments Sales,Legal [--name ...] [--template office_closure] [--in-seconds 5]
 * </pre>
 *
 * The password may come from the environment variable HERALD_JMS_PASSWORD instead.
 */
public final class IntegrationClient {

    private static final Set<String> UNSETTLED = Set.of("QUEUED", "HELD", "SENDING");

    private IntegrationClient() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String password = options.getOrDefault("password", System.getenv("HERALD_JMS_PASSWORD"));
        if (!options.containsKey("user") || password == null) {
            System.err.println("usage: --server host:port --user <name> --password <pw>"
                    + " [--departments A,B | --employees E1,E2 | --all] [--name text]"
                    + " [--template name] [--language en_US] [--in-seconds n]"
                    + " [--timeout-seconds n] [--request-id id]");
            System.exit(2);
        }
        String requestId = options.getOrDefault("request-id", UUID.randomUUID().toString());
        String request = request(options, requestId);
        Duration timeout = Duration.ofSeconds(Long.parseLong(
                options.getOrDefault("timeout-seconds", "120")));

        try (HeraldJms jms = HeraldJms.connect(options.getOrDefault("server", "127.0.0.1:8080"),
                options.get("user"), password)) {
            JMSConsumer events = jms.subscribe(null);
            TemporaryQueue replies = jms.replyQueue();
            System.out.println("request " + requestId + ": " + request);
            String messageId = jms.send(request, requestId, replies);
            Optional<String> reply = jms.awaitReply(replies, messageId, Duration.ofSeconds(30));
            if (reply.isEmpty()) {
                System.out.println("no reply within 30 s");
                System.exit(1);
            }
            System.out.println("reply: " + reply.get());
            JsonObject answer = read(reply.get());
            if (!"ACCEPTED".equals(answer.getString("status"))) {
                System.exit(1);
            }
            boolean finished = follow(events, answer.getJsonNumber("campaignId").longValue(),
                    timeout);
            System.exit(finished ? 0 : 1);
        }
    }

    /**
     * Prints the campaign's events (dropping repeats by event id) until it is dispatched and
     * none of its deliveries is QUEUED, HELD or SENDING any more; false if the timeout came first.
     */
    static boolean follow(JMSConsumer events, long campaignId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> seen = new HashSet<>();
        Map<Long, JsonObject> latest = new HashMap<>();
        Integer recipients = null;
        Map<String, Integer> counts = new LinkedHashMap<>();
        while (System.nanoTime() < deadline) {
            Message message = events.receive(500);
            String text = HeraldJms.text(message);
            if (text != null) {
                JsonObject event = read(text);
                if (event.getJsonNumber("campaignId").longValue() != campaignId
                        || !seen.add(event.getString("eventId"))) {
                    continue;
                }
                System.out.println("event: " + text);
                if ("campaign".equals(event.getString("type"))) {
                    if ("CANCELLED".equals(event.getString("status"))) {
                        return true;
                    }
                    if (event.containsKey("recipients")) {
                        recipients = event.getInt("recipients");
                    }
                } else {
                    latest.merge(event.getJsonNumber("deliveryId").longValue(), event,
                            (old, now) -> now.getInt("sequence") > old.getInt("sequence")
                                    ? now : old);
                }
            }
            if (recipients != null && settled(latest) == recipients) {
                counts.clear();
                latest.values().forEach(e -> counts.merge(e.getString("status"), 1,
                        Integer::sum));
                System.out.println("campaign " + campaignId + " finished: " + recipients
                        + " recipients " + counts);
                return true;
            }
        }
        System.out.println("campaign " + campaignId + " not finished within " + timeout);
        return false;
    }

    private static long settled(Map<Long, JsonObject> latest) {
        return latest.values().stream()
                .filter(event -> !UNSETTLED.contains(event.getString("status")))
                .count();
    }

    private static String request(Map<String, String> options, String requestId) {
        JsonObjectBuilder audience = Json.createObjectBuilder();
        if (options.containsKey("employees")) {
            audience.add("type", "EMPLOYEES").add("employeeIds", list(options.get("employees")));
        } else if (options.containsKey("departments")) {
            audience.add("type", "DEPARTMENTS")
                    .add("departments", list(options.get("departments")));
        } else {
            audience.add("type", "ALL");
        }
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(Long.parseLong(options.getOrDefault("in-seconds", "5")));
        return Json.createObjectBuilder()
                .add("version", 1)
                .add("requestId", requestId)
                .add("name", options.getOrDefault("name", "Sent over JMS " + at))
                .add("template", options.getOrDefault("template", "office_closure"))
                .add("language", options.getOrDefault("language", "en_US"))
                .add("parameters", Json.createArrayBuilder().add("{{employee.name}}")
                        .add("Berlin").add("Friday"))
                .add("audience", audience)
                .add("scheduledAt", at.toString())
                .build()
                .toString();
    }

    private static JsonArrayBuilder list(String commaSeparated) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        List.of(commaSeparated.split(",")).forEach(item -> array.add(item.trim()));
        return array;
    }

    private static JsonObject read(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(name, flag ? "true" : args[++i]);
        }
        return options;
    }
}
