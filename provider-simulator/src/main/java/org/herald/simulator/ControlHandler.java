package org.herald.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The control API under {@code /_sim}: inspection of what was sent, faults, limits and webhook
 * behaviour. No authentication; it listens on the loopback interface only.
 */
final class ControlHandler implements HttpHandler {

    static final String PREFIX = "/_sim";
    private static final int DEFAULT_PAGE = 1000;
    private static final int MAX_PAGE = 10_000;

    private final MessageLedger ledger;
    private final FaultBook faults;
    private final Set<String> notOnWhatsApp;
    private final WebhookDispatcher webhooks;
    private final Runnable reset;

    ControlHandler(MessageLedger ledger, FaultBook faults, Set<String> notOnWhatsApp,
            WebhookDispatcher webhooks, Runnable reset) {
        this.ledger = ledger;
        this.faults = faults;
        this.notOnWhatsApp = notOnWhatsApp;
        this.webhooks = webhooks;
        this.reset = reset;
    }

    /** A control request the caller got wrong; answered with its status and a reason. */
    private static final class ControlError extends RuntimeException {

        private final int status;

        ControlError(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            JsonStructure answer = route(exchange, exchange.getRequestMethod(), path);
            Exchanges.send(exchange, 200, answer);
        } catch (ControlError e) {
            Exchanges.send(exchange, e.status, problem(e.getMessage()));
        } catch (IllegalArgumentException e) {
            Exchanges.send(exchange, 400, problem(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            Exchanges.send(exchange, 500, problem(e.toString()));
        }
    }

    private JsonStructure route(HttpExchange exchange, String method, String path)
            throws IOException {
        if (path.startsWith("/recipients/")) {
            requireMethod(method, "GET");
            return recipient(path.substring("/recipients/".length()));
        }
        return switch (path) {
            case "/health" -> JsonSupport.object().add("status", "UP").build();
            case "/stats" -> read(method, this::stats);
            case "/recipients" -> read(method, this::recipients);
            case "/messages" -> read(method, () -> messages(Exchanges.query(exchange)));
            case "/reset" -> resetAll(method);
            case "/faults" -> faults(exchange, method);
            case "/rate-limit" -> rateLimit(exchange, method);
            case "/not-on-whatsapp" -> notOnWhatsApp(exchange, method);
            case "/webhooks" -> webhooks(exchange, method);
            default -> throw new ControlError(404, "no control endpoint " + PREFIX + path);
        };
    }

    private JsonObject stats() {
        LedgerStats stats = ledger.stats();
        WebhookStats webhookStats = webhooks.stats();
        JsonObjectBuilder json = JsonSupport.object()
                .add("accepted", stats.accepted())
                .add("rejected", stats.rejected())
                .add("recipients", stats.recipients())
                .add("duplicates", stats.duplicates())
                .add("maxPerSecond", stats.maxPerSecond())
                .add("maxPerSecondWindow", "sliding-1000ms");
        addMillis(json, "firstAcceptedAt", stats.firstAcceptedAt());
        addMillis(json, "lastAcceptedAt", stats.lastAcceptedAt());
        return json
                .add("webhooks", JsonSupport.object()
                        .add("delivered", webhookStats.delivered())
                        .add("failedAttempts", webhookStats.failedAttempts())
                        .add("abandoned", webhookStats.abandoned())
                        .add("pending", webhookStats.pending()))
                .add("rateLimit", rateLimitJson())
                .build();
    }

    private JsonObject recipients() {
        JsonObjectBuilder json = JsonSupport.object();
        for (Map.Entry<String, Integer> entry : ledger.countsByRecipient().entrySet()) {
            json.add(entry.getKey(), entry.getValue());
        }
        return json.build();
    }

    private JsonObject recipient(String to) {
        String digits = to.startsWith("+") ? to.substring(1) : to;
        List<AcceptedMessage> messages = ledger.messagesTo(digits);
        JsonArrayBuilder list = JsonSupport.array();
        for (AcceptedMessage message : messages) {
            list.add(messageJson(message, false));
        }
        return JsonSupport.object()
                .add("to", digits)
                .add("count", messages.size())
                .add("messages", list)
                .build();
    }

    private JsonObject messages(Map<String, String> query) {
        long after = longParameter(query, "after", 0);
        int limit = (int) Math.min(MAX_PAGE, longParameter(query, "limit", DEFAULT_PAGE));
        if (after < 0 || limit < 1) {
            throw new IllegalArgumentException("after must be >= 0 and limit >= 1");
        }
        List<AcceptedMessage> page = ledger.messagesAfter(after, limit);
        JsonArrayBuilder list = JsonSupport.array();
        for (AcceptedMessage message : page) {
            list.add(messageJson(message, true));
        }
        long next = page.isEmpty() ? after : page.get(page.size() - 1).seq();
        return JsonSupport.object()
                .add("messages", list)
                .add("next", next)
                .add("total", ledger.stats().accepted())
                .build();
    }

    private JsonObject resetAll(String method) {
        requireMethod(method, "POST");
        reset.run();
        return JsonSupport.object().add("status", "RESET").build();
    }

    private JsonObject faults(HttpExchange exchange, String method) throws IOException {
        switch (method) {
            case "GET" -> {
            }
            case "POST" -> faults.add(JsonSupport.parse(Exchanges.body(exchange)));
            case "DELETE" -> faults.clear();
            default -> throw new ControlError(405, method + " not allowed on /faults");
        }
        JsonArrayBuilder list = JsonSupport.array();
        for (FaultRule rule : faults.active()) {
            list.add(rule.toJson());
        }
        return JsonSupport.object().add("faults", list).build();
    }

    private JsonObject rateLimit(HttpExchange exchange, String method) throws IOException {
        if ("POST".equals(method)) {
            JsonObject body = object(exchange);
            if (body.containsKey("perSecond")) {
                ledger.limitThroughput((int) JsonSupport.number(body, "perSecond", 0));
            }
            if (body.containsKey("pairPerSecond")) {
                ledger.limitPairRate(JsonSupport.decimal(body, "pairPerSecond", 0));
            }
        } else {
            requireMethod(method, "GET");
        }
        return rateLimitJson();
    }

    private JsonObject notOnWhatsApp(HttpExchange exchange, String method) throws IOException {
        switch (method) {
            case "GET" -> {
            }
            case "POST" -> notOnWhatsApp.addAll(numbers(object(exchange)));
            case "DELETE" -> notOnWhatsApp.clear();
            default -> throw new ControlError(405, method + " not allowed on /not-on-whatsapp");
        }
        JsonArrayBuilder list = JsonSupport.array();
        new TreeSet<>(notOnWhatsApp).forEach(list::add);
        return JsonSupport.object().add("numbers", list).build();
    }

    private JsonObject webhooks(HttpExchange exchange, String method) throws IOException {
        if ("POST".equals(method)) {
            webhooks.configure(webhooks.settings().with(object(exchange)));
        } else {
            requireMethod(method, "GET");
        }
        return webhooks.settings().toJson();
    }

    private JsonObject rateLimitJson() {
        return JsonSupport.object()
                .add("perSecond", ledger.throughputLimit())
                .add("pairPerSecond", ledger.pairRateLimit())
                .build();
    }

    private static JsonObject messageJson(AcceptedMessage message, boolean withRecipient) {
        JsonObjectBuilder json = JsonSupport.object().add("seq", message.seq())
                .add("wamid", message.wamid());
        if (withRecipient) {
            json.add("to", message.to());
        }
        JsonArrayBuilder parameters = JsonSupport.array();
        message.parameters().forEach(parameters::add);
        json.add("template", message.template())
                .add("language", message.language())
                .add("parameters", parameters);
        JsonSupport.putNullable(json, "bizOpaqueCallbackData", message.bizOpaqueCallbackData());
        return json.add("acceptedAt", message.acceptedAt())
                .add("undeliverable", message.undeliverable())
                .add("answer", message.answer())
                .build();
    }

    private static List<String> numbers(JsonObject body) {
        if (!(body.get("numbers") instanceof JsonArray array)) {
            throw new IllegalArgumentException("expected {\"numbers\":[\"...\"]}");
        }
        return array.stream()
                .map(value -> value.getValueType() == JsonValue.ValueType.STRING
                        ? ((JsonString) value).getString() : value.toString())
                .map(number -> number.startsWith("+") ? number.substring(1) : number)
                .toList();
    }

    private static JsonObject object(HttpExchange exchange) throws IOException {
        if (!(JsonSupport.parse(Exchanges.body(exchange)) instanceof JsonObject object)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return object;
    }

    private static JsonStructure read(String method, Supplier<JsonObject> reader) {
        requireMethod(method, "GET");
        return reader.get();
    }

    private static void requireMethod(String method, String allowed) {
        if (!allowed.equals(method)) {
            throw new ControlError(405, method + " not allowed here; use " + allowed);
        }
    }

    private static long longParameter(Map<String, String> query, String name, long fallback) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number: " + value, e);
        }
    }

    private static void addMillis(JsonObjectBuilder json, String name, long millis) {
        if (millis == 0) {
            json.addNull(name);
        } else {
            json.add(name, millis);
        }
    }

    private static JsonObject problem(String reason) {
        return JsonSupport.object().add("error", reason == null ? "" : reason).build();
    }
}
