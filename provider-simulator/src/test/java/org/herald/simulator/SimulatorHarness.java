package org.herald.simulator;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Starts a simulator on a free port and talks to it the way Herald would. */
final class SimulatorHarness implements AutoCloseable {

    static final String TOKEN = "test-token";
    static final String SECRET = "test-secret";
    static final String VERSION = "v21.0";

    final ProviderSimulator simulator;
    final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private SimulatorHarness(ProviderSimulator simulator) {
        this.simulator = simulator;
    }

    static SimulatorHarness start() {
        return start(SimulatorConfig.forTests(TOKEN, SECRET));
    }

    static SimulatorHarness start(SimulatorConfig config) {
        try {
            return new SimulatorHarness(ProviderSimulator.start(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sendBody(String to, String template, String language, List<String> parameters,
            String callbackData) {
        JsonArrayBuilder texts = Json.createArrayBuilder();
        parameters.forEach(text -> texts.add(Json.createObjectBuilder()
                .add("type", "text").add("text", text)));
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("messaging_product", "whatsapp")
                .add("recipient_type", "individual")
                .add("to", to)
                .add("type", "template")
                .add("template", Json.createObjectBuilder()
                        .add("name", template)
                        .add("language", Json.createObjectBuilder().add("code", language))
                        .add("components", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                .add("type", "body")
                                .add("parameters", texts))));
        if (callbackData != null) {
            body.add("biz_opaque_callback_data", callbackData);
        }
        return body.build().toString();
    }

    /** An announcement to {@code to} with the hr_announcement template. */
    HttpResponse<String> announce(String to) throws IOException, InterruptedException {
        return send(sendBody(to, "hr_announcement", "en_US", List.of("Ada", "Summer party"),
                null));
    }

    HttpResponse<String> send(String body) throws IOException, InterruptedException {
        return send(body, "Bearer " + TOKEN, Duration.ofSeconds(10));
    }

    HttpResponse<String> send(String body, String authorization, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(messagesUri())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI messagesUri() {
        return simulator.baseUri().resolve("/" + VERSION + "/"
                + simulator.config().phoneNumberId() + "/messages");
    }

    HttpResponse<String> get(String path, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(simulator.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonObject control(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(simulator.baseUri().resolve("/_sim" + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("control " + method + " " + path + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    JsonObject stats() throws IOException, InterruptedException {
        return control("GET", "/stats", null);
    }

    int countFor(String to) throws IOException, InterruptedException {
        return control("GET", "/recipients/" + to, null).getInt("count");
    }

    static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    static JsonObject error(HttpResponse<String> response) {
        return json(response.body()).getJsonObject("error");
    }

    @Override
    public void close() {
        simulator.close();
    }
}
