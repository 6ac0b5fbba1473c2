package org.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.herald.example.HeraldJms;
import org.herald.tools.HeraldClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * Herald's JMS integration from a client outside the server process: the plain Artemis JMS
 * client, connected over WildFly's HTTP port with an account of the role herald-integration
 * that the test launcher created before the server started.
 */
@ArquillianTest
class JmsIntegrationIT {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private final HeraldClient herald = TestData.admin();
    private final String server = System.getProperty("herald.it.jms-server");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.herald();
    }

    @Test
    void aRequestSentThreeTimesMakesOneCampaign() {
        TestData data = new TestData(2);
        herald.importEmployees(data.csv());
        String requestId = UUID.randomUUID().toString();
        String request = request(requestId, data, inSeconds(3600));

        try (HeraldJms jms = connect()) {
            TemporaryQueue replies = jms.replyQueue();
            List<String> sameDuplicateId = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sameDuplicateId.add(jms.send(request, requestId, replies));
            }
            JsonObject first = reply(jms, replies, sameDuplicateId.get(0));
            List<JsonObject> resent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String messageId = jms.send(request, UUID.randomUUID().toString(), replies, null);
                resent.add(reply(jms, replies, messageId));
            }
            Optional<String> dropped = jms.awaitReply(replies, sameDuplicateId.get(1),
                    Duration.ofSeconds(1));

            assertEquals("ACCEPTED", first.getString("status"), first::toString);
            assertFalse(first.getBoolean("replayed"));
            for (JsonObject reply : resent) {
                assertEquals(first.getJsonNumber("campaignId"), reply.getJsonNumber("campaignId"));
                assertTrue(reply.getBoolean("replayed"), reply::toString);
            }
            assertTrue(dropped.isEmpty(), "the broker dropped the copies with the same id");
            assertEquals(1, campaignsNamed(data.department));
        }
    }

    @Test
    void aRequestRedeliveredAfterADatabaseFailureMakesOneCampaign() throws SQLException {
        TestData data = new TestData(2);
        herald.importEmployees(data.csv());
        String requestId = UUID.randomUUID().toString();
        String failure = "it_fail_" + requestId.substring(0, 8);

        try (Connection db = database(); HeraldJms jms = connect()) {
            failTwice(db, failure, "jms:" + requestId);
            try {
                TemporaryQueue replies = jms.replyQueue();
                String messageId = jms.send(request(requestId, data, inSeconds(3600)), requestId,
                        replies);
                JsonObject reply = reply(jms, replies, messageId);

                assertEquals("ACCEPTED", reply.getString("status"), reply::toString);
                assertEquals(3, attempts(db, failure), "two rolled-back attempts, then one");
                assertEquals(1, campaignsNamed(data.department));
            } finally {
                removeFailure(db, failure);
            }
        }
    }

    @Test
    void aRequestThatIsNotJsonIsRefusedAndDeadLetteredWithItsReason() {
        try (HeraldJms jms = connect()) {
            TemporaryQueue replies = jms.replyQueue();
            String correlationId = "corr-" + UUID.randomUUID();

            String messageId = jms.send("not json {", UUID.randomUUID().toString(), replies,
                    correlationId);
            String replyText = jms.context().createConsumer(replies,
                    "JMSCorrelationID = '" + correlationId + "'")
                    .receiveBody(String.class, REPLY_TIMEOUT.toMillis());
            Message dead = deadLetter(jms, messageId);

            assertNotNull(replyText, "a reply correlated by the request's own correlation id");
            JsonObject reply = json(replyText);
            assertEquals("REJECTED", reply.getString("status"));
            assertTrue(reply.getJsonArray("problems").getString(0).contains("not a JSON object"),
                    replyText);
            assertNotNull(dead, "a copy on HeraldRequestsDLQ");
            assertEquals("not json {", HeraldJms.text(dead));
            assertTrue(property(dead, "heraldRejection").contains("not a JSON object"));
        }
    }

    @Test
    void aRequestOfAnotherVersionOrWithInvalidContentIsRefusedNamingEveryProblem() {
        TestData data = new TestData(1);
        String wrongVersion = request(UUID.randomUUID().toString(), data, inSeconds(60))
                .replace("\"version\":1", "\"version\":2");
        String invalid = "{\"version\":1,\"requestId\":\"" + UUID.randomUUID()
                + "\",\"template\":\"Bad Name\",\"language\":\"en_US\","
                + "\"audience\":{\"type\":\"EVERYONE\"}}";

        try (HeraldJms jms = connect()) {
            TemporaryQueue replies = jms.replyQueue();
            String versionId = jms.send(wrongVersion, UUID.randomUUID().toString(), replies);
            String invalidId = jms.send(invalid, UUID.randomUUID().toString(), replies);
            JsonObject versionReply = reply(jms, replies, versionId);
            JsonObject invalidReply = reply(jms, replies, invalidId);
            Message versionDead = deadLetter(jms, versionId);
            Message invalidDead = deadLetter(jms, invalidId);

            assertEquals("REJECTED", versionReply.getString("status"));
            assertEquals(List.of("version must be 1 (was 2)"), strings(versionReply));
            assertEquals("REJECTED", invalidReply.getString("status"));
            List<String> problems = strings(invalidReply);
            assertTrue(problems.contains("name is required"), problems::toString);
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("template")),
                    problems::toString);
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("audience.type 'EVERYONE'")),
                    problems::toString);
            assertTrue(problems.contains("scheduledAt is required (ISO-8601 with offset, e.g."
                    + " 2026-12-03T15:00:00Z)") || problems.stream()
                    .anyMatch(p -> p.startsWith("scheduledAt")), problems::toString);
            assertEquals("version must be 1 (was 2)", property(versionDead, "heraldRejection"));
            assertTrue(property(invalidDead, "heraldRejection").contains("name is required"));
        }
    }

    @Test
    void theEventsOfAFinishedCampaignAreCompleteAndInOrder() {
        TestData data = new TestData(3);
        herald.importEmployees(data.csv());
        String requestId = UUID.randomUUID().toString();

        try (HeraldJms jms = connect()) {
            JMSConsumer events = jms.subscribe(null);
            TemporaryQueue replies = jms.replyQueue();
            String messageId = jms.send(request(requestId, data, inSeconds(2)), requestId,
                    replies);
            long campaignId = reply(jms, replies, messageId).getJsonNumber("campaignId")
                    .longValue();
            EventLog log = new EventLog(campaignId);
            Await.until("the campaign's last events", Duration.ofSeconds(90), () -> {
                log.receive(events);
                return log.matches(deliveryStates(campaignId));
            });

            assertEquals(List.of("CREATED", "DISPATCHING", "DISPATCHED"), log.campaignStatuses);
            assertEquals(List.of(1, 2, 3), log.campaignSequences);
            assertEquals(3, log.recipients);
            assertEquals(3, log.deliveries.size());
            for (List<JsonObject> perDelivery : log.deliveries.values()) {
                List<Integer> sequences = perDelivery.stream()
                        .map(event -> event.getInt("sequence")).sorted().toList();
                assertEquals(2, sequences.get(0), perDelivery::toString);
                for (int i = 1; i < sequences.size(); i++) {
                    assertEquals(sequences.get(i - 1) + 1, sequences.get(i),
                            "no gap and no repeat: " + perDelivery);
                }
                assertEquals("SENDING", byRank(perDelivery).get(0).getString("status"));
                assertEquals("SENT", byRank(perDelivery).get(1).getString("status"));
            }
            assertEquals(log.eventIds.size(), log.received, "every event id once");
        }
    }

    @Test
    void aClientWithoutTheIntegrationRoleIsRefused() {
        String outsider = System.getProperty("herald.it.jms-outsider");
        String password = System.getProperty("herald.it.jms-outsider-password");

        try (HeraldJms jms = HeraldJms.connect(server, outsider, password)) {
            assertThrows(JMSRuntimeException.class,
                    () -> jms.send(request(UUID.randomUUID().toString(), new TestData(1),
                            inSeconds(60)), UUID.randomUUID().toString(), null));
            assertThrows(JMSRuntimeException.class, () -> jms.subscribe(null));
        }
        assertThrows(JMSRuntimeException.class,
                () -> HeraldJms.connect(server, System.getProperty("herald.it.jms-user"),
                        "wrong-password").close());
    }

    private HeraldJms connect() {
        return HeraldJms.connect(server, System.getProperty("herald.it.jms-user"),
                System.getProperty("herald.it.jms-password"));
    }

    private static JsonObject reply(HeraldJms jms, TemporaryQueue replies, String messageId) {
        return json(jms.awaitReply(replies, messageId, REPLY_TIMEOUT).orElseThrow(
                () -> new AssertionError("no reply to " + messageId + " in " + REPLY_TIMEOUT)));
    }

    private static Message deadLetter(HeraldJms jms, String messageId) {
        try (JMSConsumer consumer = jms.context().createConsumer(jms.deadLetters(),
                "heraldOriginalMessageId = '" + messageId + "'")) {
            return consumer.receive(REPLY_TIMEOUT.toMillis());
        }
    }

    private static String property(Message message, String name) {
        try {
            return message.getStringProperty(name);
        } catch (jakarta.jms.JMSException e) {
            throw new AssertionError(e);
        }
    }

    private long campaignsNamed(String name) {
        return herald.campaigns(1000).stream()
                .filter(campaign -> name.equals(campaign.getString("name"))).count();
    }

    private Map<Long, String> deliveryStates(long campaignId) {
        Map<Long, String> states = new HashMap<>();
        for (JsonValue value : herald.deliveries(campaignId, null)) {
            JsonObject delivery = value.asJsonObject();
            states.put(delivery.getJsonNumber("id").longValue(), delivery.getString("status"));
        }
        return states;
    }

    private static List<JsonObject> byRank(List<JsonObject> events) {
        return events.stream()
                .sorted((a, b) -> Integer.compare(a.getInt("sequence"), b.getInt("sequence")))
                .toList();
    }

    private static List<String> strings(JsonObject reply) {
        return reply.getJsonArray("problems").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }

    private static String request(String requestId, TestData data, String scheduledAt) {
        return "{\"version\":1,\"requestId\":\"" + requestId + "\","
                + data.campaignJson(scheduledAt).substring(1);
    }

    private static String inSeconds(int seconds) {
        return OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds).toString();
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(System.getProperty("herald.it.db-url"),
                System.getProperty("herald.it.db-user"),
                System.getProperty("herald.it.db-password"));
    }

    /**
     * A passing database failure: the first two attempts to complete the idempotency key of
     * this request fail after the campaign row is written. A sequence counts them, since a
     * sequence is not rolled back with the transaction that used it.
     */
    private static void failTwice(Connection db, String name, String key) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("create sequence " + name);
            sql.execute("create function " + name + "() returns trigger language plpgsql as $$"
                    + " begin if new.idem_key = '" + key + "' and nextval('" + name + "') <= 2"
                    + " then raise exception 'simulated database outage'; end if;"
                    + " return new; end $$");
            sql.execute("create trigger " + name + " before update on idempotency_key"
                    + " for each row execute function " + name + "()");
        }
    }

    private static long attempts(Connection db, String name) throws SQLException {
        try (Statement sql = db.createStatement();
                ResultSet rs = sql.executeQuery("select last_value from " + name)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void removeFailure(Connection db, String name) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute("drop trigger " + name + " on idempotency_key");
            sql.execute("drop function " + name + "()");
            sql.execute("drop sequence " + name);
        }
    }

    /** The events of one campaign received so far, repeats dropped by event id. */
    private static final class EventLog {

        private final long campaignId;
        private final Set<String> eventIds = new HashSet<>();
        private final List<String> campaignStatuses = new ArrayList<>();
        private final List<Integer> campaignSequences = new ArrayList<>();
        private final Map<Long, List<JsonObject>> deliveries = new HashMap<>();
        private int received;
        private Integer recipients;

        EventLog(long campaignId) {
            this.campaignId = campaignId;
        }

        void receive(JMSConsumer consumer) {
            for (Message message = consumer.receive(200); message != null;
                    message = consumer.receiveNoWait()) {
                JsonObject event = json(HeraldJms.text(message));
                if (event.getJsonNumber("campaignId").longValue() != campaignId) {
                    continue;
                }
                received++;
                if (!eventIds.add(event.getString("eventId"))) {
                    continue;
                }
                if ("campaign".equals(event.getString("type"))) {
                    campaignStatuses.add(event.getString("status"));
                    campaignSequences.add(event.getInt("sequence"));
                    if (event.containsKey("recipients")) {
                        recipients = event.getInt("recipients");
                    }
                } else {
                    deliveries.computeIfAbsent(event.getJsonNumber("deliveryId").longValue(),
                            id -> new ArrayList<>()).add(event);
                }
            }
        }

        /** True when the latest event of each delivery names the state the database holds. */
        boolean matches(Map<Long, String> states) {
            if (recipients == null || states.size() != recipients
                    || deliveries.size() != states.size()) {
                return false;
            }
            return states.entrySet().stream().allMatch(state -> {
                List<JsonObject> events = byRank(deliveries.getOrDefault(state.getKey(),
                        List.of()));
                return !events.isEmpty() && !Set.of("QUEUED", "SENDING").contains(state.getValue())
                        && events.get(events.size() - 1).getString("status")
                                .equals(state.getValue());
            });
        }
    }
}
