package org.herald.simulator;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Shared, thread-safe JSON factories and a few lenient accessors. */
final class JsonSupport {

    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final JsonWriterFactory WRITERS = Json.createWriterFactory(Map.of());

    private JsonSupport() {
    }

    static JsonObjectBuilder object() {
        return BUILDERS.createObjectBuilder();
    }

    static JsonArrayBuilder array() {
        return BUILDERS.createArrayBuilder();
    }

    /**
     * Parses a request body.
     *
     * @throws IllegalArgumentException when the bytes are not one JSON object or array
     */
    static JsonStructure parse(byte[] body) {
        if (body.length == 0) {
            throw new IllegalArgumentException("empty body");
        }
        try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(body),
                StandardCharsets.UTF_8)) {
            return reader.read();
        } catch (JsonParsingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
        } catch (JsonException e) {
            throw new IllegalArgumentException("unreadable JSON: " + e.getMessage(), e);
        }
    }

    static byte[] bytes(JsonStructure value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonWriter writer = WRITERS.createWriter(out, StandardCharsets.UTF_8)) {
            writer.write(value);
        }
        return out.toByteArray();
    }

    /** The string at {@code name}, or null when absent, null or not a string. */
    static String string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof JsonString text ? text.getString() : null;
    }

    static boolean bool(JsonObject object, String name, boolean fallback) {
        JsonValue value = object.get(name);
        if (value == JsonValue.TRUE) {
            return true;
        }
        if (value == JsonValue.FALSE) {
            return false;
        }
        return fallback;
    }

    static long number(JsonObject object, String name, long fallback) {
        JsonValue value = object.get(name);
        if (value instanceof JsonNumber number) {
            return number.longValue();
        }
        if (value instanceof JsonString text) {
            try {
                return Long.parseLong(text.getString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is not a number: "
                        + text.getString(), e);
            }
        }
        return fallback;
    }

    static double decimal(JsonObject object, String name, double fallback) {
        JsonValue value = object.get(name);
        if (value instanceof JsonNumber number) {
            return number.doubleValue();
        }
        return fallback;
    }

    static void putNullable(JsonObjectBuilder builder, String name, String value) {
        if (value == null) {
            builder.addNull(name);
        } else {
            builder.add(name, value);
        }
    }
}
