package org.herald.simulator;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds the body of a {@code messages} status webhook, one status per post as the Cloud API
 * usually sends them, and its {@code X-Hub-Signature-256} header.
 */
final class StatusWebhook {

    static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    static final String ERRORS_HREF =
            "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

    private static final String HMAC = "HmacSHA256";

    private final SimulatorConfig config;
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    StatusWebhook(SimulatorConfig config) {
        this.config = config;
        this.key = new SecretKeySpec(config.appSecret().getBytes(StandardCharsets.UTF_8), HMAC);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The webhook body for one status of one message; {@code status} is sent, delivered, ... */
    byte[] body(AcceptedMessage message, String status, long timestampMillis) {
        JsonObject value = JsonSupport.object()
                .add("messaging_product", "whatsapp")
                .add("metadata", JsonSupport.object()
                        .add("display_phone_number", config.displayPhoneNumber())
                        .add("phone_number_id", config.phoneNumberId()))
                .add("statuses", JsonSupport.array()
                        .add(statusJson(message, status, timestampMillis)))
                .build();
        JsonObject change = JsonSupport.object().add("value", value).add("field", "messages")
                .build();
        return JsonSupport.bytes(JsonSupport.object()
                .add("object", "whatsapp_business_account")
                .add("entry", JsonSupport.array().add(JsonSupport.object()
                        .add("id", config.wabaId())
                        .add("changes", JsonSupport.array().add(change))))
                .build());
    }

    /** {@code sha256=} and the lowercase hex HMAC-SHA256 of the exact body bytes. */
    String signature(byte[] body) {
        Mac mac = macs.get();
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static JsonObject statusJson(AcceptedMessage message, String status,
            long timestampMillis) {
        JsonObjectBuilder json = JsonSupport.object()
                .add("id", message.wamid())
                .add("status", status)
                .add("timestamp", Long.toString(timestampMillis / 1000))
                .add("recipient_id", message.to());
        if ("sent".equals(status) || "delivered".equals(status)) {
            json.add("conversation", JsonSupport.object()
                    .add("id", conversationId(message.to()))
                    .add("origin", JsonSupport.object().add("type", "utility")));
            json.add("pricing", JsonSupport.object()
                    .add("billable", true)
                    .add("pricing_model", "PMP")
                    .add("category", "utility")
                    .add("type", "regular"));
        }
        if (message.bizOpaqueCallbackData() != null) {
            json.add("biz_opaque_callback_data", message.bizOpaqueCallbackData());
        }
        if ("failed".equals(status)) {
            json.add("errors", JsonSupport.array().add(undeliverableError()));
        }
        return json.build();
    }

    private static JsonObject undeliverableError() {
        return JsonSupport.object()
                .add("code", 131026)
                .add("title", "Message undeliverable")
                .add("message", "Message undeliverable")
                .add("error_data", JsonSupport.object().add("details",
                        "Message Undeliverable: the recipient is not a WhatsApp user or cannot"
                                + " receive this message."))
                .add("href", ERRORS_HREF)
                .build();
    }

    private static String conversationId(String to) {
        long hash = Integer.toUnsignedLong(to.hashCode());
        return HexFormat.of().toHexDigits(hash * 0x9E3779B97F4A7C15L)
                + HexFormat.of().toHexDigits(hash ^ 0x5DEECE66DL);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
