package org.herald.gateway;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.herald.platform.JsonFactory;
import org.herald.platform.metrics.HeraldMetrics;

/**
 * The WhatsApp Cloud API over HTTP: posts one template message and says what the answer proves.
 * Base URL, API version, phone number id and token come from configuration, so pointing Herald
 * at the real API is a configuration change.
 */
@ApplicationScoped
public class CloudApiClient {

    @Inject
    CloudApiSettings settings;

    @Inject
    HeraldMetrics metrics;

    private HttpClient client;

    @PostConstruct
    void init() {
        client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Posts the message and records the call's time by what its outcome proves. */
    public SendOutcome post(TemplateMessage message) {
        long started = System.nanoTime();
        SendOutcome outcome = call(message);
        metrics.observeSend(outcomeLabel(outcome), System.nanoTime() - started);
        return outcome;
    }

    private static String outcomeLabel(SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Accepted) {
            return "accepted";
        }
        if (outcome instanceof SendOutcome.NotSent) {
            return "not_sent";
        }
        return outcome instanceof SendOutcome.Rejected ? "rejected" : "ambiguous";
    }

    private SendOutcome call(TemplateMessage message) {
        long timeout = settings.requestTimeoutMillis();
        HttpRequest request = HttpRequest.newBuilder(settings.messagesUri())
                .timeout(Duration.ofMillis(timeout))
                .header("Authorization", settings.authorization())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(message)))
                .build();
        try {
            HttpResponse<String> response = client.send(request,
                    HttpResponse.BodyHandlers.ofString());
            return read(response.statusCode(), response.body());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return new SendOutcome.NotSent(0, "provider unreachable: " + e.getMessage());
        } catch (HttpTimeoutException e) {
            return new SendOutcome.Ambiguous("no answer within " + timeout + " ms");
        } catch (IOException e) {
            return new SendOutcome.Ambiguous("connection failed after sending: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.Ambiguous("interrupted while waiting for the provider");
        }
    }

    static String body(TemplateMessage message) {
        JsonArrayBuilder parameters = JsonFactory.arrayBuilder();
        message.bodyParameters().forEach(text -> parameters.add(
                JsonFactory.objectBuilder().add("type", "text").add("text", text)));
        return JsonFactory.objectBuilder()
                .add("messaging_product", "whatsapp")
                .add("recipient_type", "individual")
                .add("to", message.to())
                .add("type", "template")
                .add("template", JsonFactory.objectBuilder()
                        .add("name", message.templateName())
                        .add("language", JsonFactory.objectBuilder()
                                .add("code", message.languageCode()))
                        .add("components", JsonFactory.arrayBuilder().add(
                                JsonFactory.objectBuilder()
                                        .add("type", "body")
                                        .add("parameters", parameters))))
                .add("biz_opaque_callback_data", message.callbackData())
                .build()
                .toString();
    }

    static SendOutcome read(int status, String body) {
        JsonObject json = parse(body);
        if (status / 100 == 2) {
            String wamid = json == null ? null : wamidOf(json);
            return wamid == null
                    ? new SendOutcome.Ambiguous("HTTP " + status + " without a message id")
                    : new SendOutcome.Accepted(wamid);
        }
        JsonObject error = json == null ? null : json.getJsonObject("error");
        int code = error == null ? 0 : error.getInt("code", 0);
        String title = error == null ? null : error.getString("message", null);
        return ProviderErrors.classify(status, code, title);
    }

    private static String wamidOf(JsonObject json) {
        if (!json.containsKey("messages") || json.getJsonArray("messages").isEmpty()) {
            return null;
        }
        return json.getJsonArray("messages").getJsonObject(0).getString("id", null);
    }

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = JsonFactory.reader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            return value.getValueType() == JsonValue.ValueType.OBJECT ? value.asJsonObject() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
