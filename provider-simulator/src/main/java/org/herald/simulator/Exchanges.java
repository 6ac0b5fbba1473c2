package org.herald.simulator;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reading requests and writing JSON answers on the JDK HTTP server. */
final class Exchanges {

    static final int MAX_BODY_BYTES = 1 << 20;

    private Exchanges() {
    }

    /**
     * The whole request body.
     *
     * @throws IOException when the body is larger than {@link #MAX_BODY_BYTES}
     */
    static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new IOException("request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }

    /** Decoded query parameters; the last value wins. */
    static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        Map<String, String> parameters = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** Writes a JSON answer and completes the exchange; a vanished client is ignored. */
    static void send(HttpExchange exchange, int status, JsonStructure json) {
        send(exchange, status, JsonSupport.bytes(json));
    }

    static void send(HttpExchange exchange, int status, byte[] body) {
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            out.write(body);
        } catch (IOException e) {
            exchange.close();
        }
    }

    /** Closes the connection without any answer: the client sees the connection end. */
    static void abort(HttpExchange exchange) {
        exchange.close();
    }
}
