package org.herald.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Cloud API endpoints: {@code POST /{version}/{phone-number-id}/messages} and
 * {@code GET /{version}/{waba-id}/message_templates}.
 */
final class CloudApiHandler implements HttpHandler {

    private static final Logger LOG = System.getLogger(CloudApiHandler.class.getName());
    private static final Pattern VERSION = Pattern.compile("v\\d+(\\.\\d+)?");
    private static final String API_VERSION_HEADER = "facebook-api-version";

    private final SimulatorConfig config;
    private final SendRequestParser parser;
    private final TemplateCatalog catalog;
    private final MessageLedger ledger;
    private final FaultBook faults;
    private final Set<String> notOnWhatsApp;
    private final WebhookDispatcher webhooks;
    private final Deferrer deferrer;

    CloudApiHandler(SimulatorConfig config, TemplateCatalog catalog, MessageLedger ledger,
            FaultBook faults, Set<String> notOnWhatsApp, WebhookDispatcher webhooks,
            Deferrer deferrer) {
        this.config = config;
        this.parser = new SendRequestParser(catalog);
        this.catalog = catalog;
        this.ledger = ledger;
        this.faults = faults;
        this.notOnWhatsApp = notOnWhatsApp;
        this.webhooks = webhooks;
        this.deferrer = deferrer;
    }

    /** Runs a task later on the request workers, so that no worker sleeps. */
    interface Deferrer {
        void later(long delayMillis, Runnable task);
    }

    @Override
    public void handle(HttpExchange exchange) {
        String[] segments = exchange.getRequestURI().getPath().substring(1).split("/");
        String method = exchange.getRequestMethod();
        boolean versioned = segments.length == 3 && VERSION.matcher(segments[0]).matches();
        boolean send = versioned && "messages".equals(segments[2]);
        if (versioned) {
            exchange.getResponseHeaders().set(API_VERSION_HEADER, segments[0]);
        }
        try {
            if (send) {
                receiveSend(exchange, segments[1], method);
            } else if (versioned && "message_templates".equals(segments[2])) {
                listTemplates(exchange, segments[1], method);
            } else {
                throw ApiError.unknownPath(exchange.getRequestURI().getPath());
            }
        } catch (ApiError e) {
            answerError(exchange, e, send);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "SIM-W002 request {0} failed unexpectedly: {1}",
                    exchange.getRequestURI(), e.toString());
            answerError(exchange, ApiError.of(131000, "Simulator error: " + e), send);
        }
    }

    private void receiveSend(HttpExchange exchange, String phoneNumberId, String method)
            throws IOException {
        authorize(exchange);
        if (!"POST".equals(method) || !config.phoneNumberId().equals(phoneNumberId)) {
            throw ApiError.unknownObject(phoneNumberId, method.toLowerCase());
        }
        SendRequest request = parser.parse(Exchanges.body(exchange));

        FaultBook.Decision decision = faults.decide(request.to());
        if (decision.latencyMs() > 0) {
            deferrer.later(decision.latencyMs(), () -> settle(exchange, request, decision.rule()));
        } else {
            settle(exchange, request, decision.rule());
        }
    }

    /** Decides whether the message is sent and how the client hears about it. */
    private void settle(HttpExchange exchange, SendRequest request, FaultRule rule) {
        try {
            FaultMode mode = rule == null ? null : rule.mode();
            if (mode == null || mode == FaultMode.UNDELIVERABLE) {
                byte flags = mode == null ? 0 : StoredMessage.UNDELIVERABLE;
                AcceptedMessage message = accept(request, flags);
                Exchanges.send(exchange, 200, sendAnswer(request, message));
            } else if (mode == FaultMode.TIMEOUT_AFTER_ACCEPT) {
                AcceptedMessage message = accept(request, StoredMessage.ANSWER_DELAYED);
                JsonObject answer = sendAnswer(request, message);
                deferrer.later(rule.latencyMs(), () -> Exchanges.send(exchange, 200, answer));
            } else if (mode == FaultMode.RESET) {
                dropConnection(exchange, request, rule);
            } else {
                throw rule.error();
            }
        } catch (ApiError e) {
            answerError(exchange, e, true);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SIM-W002 request {0} failed unexpectedly: {1}",
                    exchange.getRequestURI(), e.toString());
            answerError(exchange, ApiError.of(131000, "Simulator error: " + e), true);
        }
    }

    private void dropConnection(HttpExchange exchange, SendRequest request, FaultRule rule) {
        if (rule.acceptsMessage()) {
            try {
                accept(request, StoredMessage.ANSWER_LOST);
            } catch (ApiError rateLimited) {
                ledger.countRejected();
            }
        } else {
            ledger.countRejected();
        }
        Exchanges.abort(exchange);
    }

    private AcceptedMessage accept(SendRequest request, byte flags) {
        if (notOnWhatsApp.contains(request.to())) {
            flags |= StoredMessage.UNDELIVERABLE;
        }
        AcceptedMessage message = ledger.admit(request, flags);
        webhooks.messageAccepted(message);
        return message;
    }

    private void listTemplates(HttpExchange exchange, String wabaId, String method) {
        authorize(exchange);
        if (!"GET".equals(method) || !config.wabaId().equals(wabaId)) {
            throw ApiError.unknownObject(wabaId, method.toLowerCase());
        }
        FaultBook.Decision decision = faults.decide(null);
        Runnable answer = () -> {
            if (decision.rule() != null) {
                answerError(exchange, decision.rule().error(), false);
            } else {
                Exchanges.send(exchange, 200, templates(Exchanges.query(exchange)));
            }
        };
        if (decision.latencyMs() > 0) {
            deferrer.later(decision.latencyMs(), answer);
        } else {
            answer.run();
        }
    }

    private JsonObject templates(Map<String, String> query) {
        String name = query.get("name");
        JsonArrayBuilder data = JsonSupport.array();
        for (Template template : catalog.all()) {
            if (name != null && !template.name().contains(name)) {
                continue;
            }
            data.add(JsonSupport.object()
                    .add("name", template.name())
                    .add("parameter_format", "POSITIONAL")
                    .add("components", JsonSupport.array().add(JsonSupport.object()
                            .add("type", "BODY")
                            .add("text", template.body())))
                    .add("language", template.language())
                    .add("status", template.status())
                    .add("category", template.category())
                    .add("id", template.id()));
        }
        return JsonSupport.object()
                .add("data", data)
                .add("paging", JsonSupport.object().add("cursors", JsonSupport.object()
                        .add("before", cursor(0))
                        .add("after", cursor(catalog.all().size() - 1))))
                .build();
    }

    private static String cursor(int position) {
        return Base64.getEncoder().withoutPadding()
                .encodeToString(("simulator-" + position).getBytes(StandardCharsets.UTF_8));
    }

    private void authorize(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Bearer " + config.accessToken();
        if (header == null || !header.trim().equals(expected)) {
            exchange.getResponseHeaders().set("WWW-Authenticate",
                    "OAuth \"Facebook Platform\" \"invalid_token\" \"Invalid OAuth access token"
                            + " - Cannot parse access token\"");
            throw ApiError.of(190, null);
        }
    }

    private static JsonObject sendAnswer(SendRequest request, AcceptedMessage message) {
        return JsonSupport.object()
                .add("messaging_product", "whatsapp")
                .add("contacts", JsonSupport.array().add(JsonSupport.object()
                        .add("input", request.input())
                        .add("wa_id", request.to())))
                .add("messages", JsonSupport.array().add(JsonSupport.object()
                        .add("id", message.wamid())
                        .add("message_status", "accepted")))
                .build();
    }

    private void answerError(HttpExchange exchange, ApiError error, boolean send) {
        if (send) {
            ledger.countRejected();
        }
        Exchanges.send(exchange, error.httpStatus(), error.toJson());
    }
}
