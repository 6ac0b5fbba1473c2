package org.herald.gateway;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.herald.platform.JsonFactory;

/**
 * One message status from a Cloud API webhook ({@code entry[].changes[].value.statuses[]}): the
 * wamid, the status (sent, delivered, read, failed), the echoed callback data and, for failures,
 * the first error.
 */
public record StatusUpdate(
        String wamid,
        String status,
        String callbackData,
        Integer errorCode,
        String errorTitle) {

    /** Reads every status of a webhook body; other changes (incoming messages) are skipped. */
    public static List<StatusUpdate> parse(byte[] body) {
        List<StatusUpdate> updates = new ArrayList<>();
        try (JsonReader reader = JsonFactory.reader(new ByteArrayInputStream(body))) {
            JsonObject root = reader.readObject();
            for (JsonValue entry : array(root, "entry")) {
                for (JsonValue change : array(entry.asJsonObject(), "changes")) {
                    JsonObject value = change.asJsonObject().getJsonObject("value");
                    for (JsonValue status : value == null ? JsonValue.EMPTY_JSON_ARRAY
                            : array(value, "statuses")) {
                        updates.add(read(status.asJsonObject()));
                    }
                }
            }
        } catch (JsonParsingException | ClassCastException e) {
            throw new IllegalArgumentException("webhook body is not a Cloud API notification: "
                    + e.getMessage(), e);
        }
        return updates;
    }

    private static StatusUpdate read(JsonObject status) {
        JsonArray errors = array(status, "errors");
        JsonObject error = errors.isEmpty() ? null : errors.getJsonObject(0);
        return new StatusUpdate(status.getString("id", null), status.getString("status", null),
                status.getString("biz_opaque_callback_data", null),
                error == null ? null : error.getInt("code", 0),
                error == null ? null : error.getString("title", error.getString("message", null)));
    }

    private static JsonArray array(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof JsonArray array ? array : JsonValue.EMPTY_JSON_ARRAY;
    }

    /** The delivery id Herald put in the callback data ({@code herald:<campaign>:<delivery>}). */
    public Long deliveryId() {
        if (callbackData == null || !callbackData.startsWith("herald:")) {
            return null;
        }
        String[] parts = callbackData.split(":");
        try {
            return parts.length == 3 ? Long.valueOf(parts[2]) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
