package org.herald.delivery.domain;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import org.herald.platform.JsonFactory;

/**
 * The per-recipient message on the delivery queue, as JSON text. Its key names the campaign and
 * employee, so the same recipient of the same campaign always has the same key: the broker's
 * duplicate detection and the consumer's processed-message table both use it.
 */
public record DeliveryMessage(long deliveryId, long campaignId, long employeeId, int attempt,
        int release) {

    public static final int VERSION = 1;

    /** The first message for a delivery, sent by the dispatch. */
    public DeliveryMessage(long deliveryId, long campaignId, long employeeId) {
        this(deliveryId, campaignId, employeeId, 0, 0);
    }

    /** A message for the given attempt, not a release of a held delivery. */
    public DeliveryMessage(long deliveryId, long campaignId, long employeeId, int attempt) {
        this(deliveryId, campaignId, employeeId, attempt, 0);
    }

    /**
     * The same for every copy of this message; a later attempt (a retry after the provider did
     * not take the message, or an operator's resend) and the release of a held delivery after a
     * resume have keys of their own.
     */
    public String key() {
        String key = "herald-delivery:" + campaignId + ":" + employeeId;
        if (release != 0) {
            return key + ":r" + release;
        }
        return attempt == 0 ? key : key + ":a" + attempt;
    }

    /** The message for a later attempt, numbered by the delivery's attempt counter. */
    public DeliveryMessage forAttempt(int newAttempt) {
        return new DeliveryMessage(deliveryId, campaignId, employeeId, newAttempt, 0);
    }

    /**
     * The message that puts a held delivery back on the queue after a resume, numbered by the
     * delivery's version once it is QUEUED again: each release has a key of its own, and a
     * release repeated for the same change has the same key.
     */
    public DeliveryMessage released(int deliveryVersion) {
        if (deliveryVersion <= 0) {
            throw new IllegalArgumentException("delivery version must be positive, not "
                    + deliveryVersion);
        }
        return new DeliveryMessage(deliveryId, campaignId, employeeId, 0, deliveryVersion);
    }

    public String toJson() {
        return JsonFactory.objectBuilder()
                .add("v", VERSION)
                .add("deliveryId", deliveryId)
                .add("campaignId", campaignId)
                .add("employeeId", employeeId)
                .add("attempt", attempt)
                .add("release", release)
                .build()
                .toString();
    }

    /** Reads a message body; a body that is not a delivery message is an error naming why. */
    public static DeliveryMessage fromJson(String body) {
        if (body == null) {
            throw new IllegalArgumentException("delivery message has no body");
        }
        try (JsonReader reader = JsonFactory.reader(new StringReader(body))) {
            JsonObject json = reader.readObject();
            int version = json.getInt("v", -1);
            if (version != VERSION) {
                throw new IllegalArgumentException("delivery message version " + version
                        + " is not supported; expected " + VERSION);
            }
            return new DeliveryMessage(json.getJsonNumber("deliveryId").longValueExact(),
                    json.getJsonNumber("campaignId").longValueExact(),
                    json.getJsonNumber("employeeId").longValueExact(),
                    json.getInt("attempt", 0), json.getInt("release", 0));
        } catch (JsonParsingException | NullPointerException | ClassCastException e) {
            throw new IllegalArgumentException("delivery message is malformed: " + body, e);
        }
    }
}
