package org.herald.simulator;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.util.Set;

/**
 * How status webhooks are sent. Changed at runtime through {@code POST /_sim/webhooks}; fields
 * left out of such a request keep their value.
 *
 * @param duplicate post every webhook twice
 * @param shuffle post the statuses of a message in reverse order (delivered before sent)
 * @param onlyRead post a single {@code read} status per message instead of sent and delivered
 * @param maxAttempts attempts per webhook before giving up, the first included
 * @param retryDelayMs delay before the first retry; it doubles with each further retry
 */
record WebhookSettings(boolean enabled, String url, boolean duplicate, boolean shuffle,
        boolean readReceipts, boolean onlyRead, long sentDelayMs, long deliveredDelayMs,
        long readDelayMs, int maxAttempts, long retryDelayMs) {

    private static final Set<String> FIELDS = Set.of("enabled", "url", "duplicate", "shuffle",
            "readReceipts", "onlyRead", "sentDelayMs", "deliveredDelayMs", "readDelayMs",
            "maxAttempts", "retryDelayMs");

    WebhookSettings {
        if (url != null && url.isBlank()) {
            url = null;
        }
        if (url != null) {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("webhook url must be http(s): " + url);
            }
        }
        if (sentDelayMs < 0 || deliveredDelayMs < 0 || readDelayMs < 0 || retryDelayMs < 0) {
            throw new IllegalArgumentException("webhook delays must be >= 0");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
        }
    }

    static WebhookSettings defaults(String url) {
        return new WebhookSettings(url != null, url, false, false, false, false, 50, 150, 300, 5,
                500);
    }

    /** True when webhooks should be posted at all. */
    boolean active() {
        return enabled && url != null;
    }

    /**
     * These settings with the fields present in {@code changes} replaced.
     *
     * @throws IllegalArgumentException for an unknown field or a bad value
     */
    WebhookSettings with(JsonObject changes) {
        for (String field : changes.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown webhook setting '" + field
                        + "'; known: " + FIELDS);
            }
        }
        String newUrl = changes.containsKey("url") ? JsonSupport.string(changes, "url") : url;
        boolean newEnabled = JsonSupport.bool(changes, "enabled",
                changes.containsKey("url") && url == null ? newUrl != null : enabled);
        return new WebhookSettings(
                newEnabled,
                newUrl,
                JsonSupport.bool(changes, "duplicate", duplicate),
                JsonSupport.bool(changes, "shuffle", shuffle),
                JsonSupport.bool(changes, "readReceipts", readReceipts),
                JsonSupport.bool(changes, "onlyRead", onlyRead),
                JsonSupport.number(changes, "sentDelayMs", sentDelayMs),
                JsonSupport.number(changes, "deliveredDelayMs", deliveredDelayMs),
                JsonSupport.number(changes, "readDelayMs", readDelayMs),
                (int) JsonSupport.number(changes, "maxAttempts", maxAttempts),
                JsonSupport.number(changes, "retryDelayMs", retryDelayMs));
    }

    JsonObject toJson() {
        JsonObjectBuilder json = JsonSupport.object().add("enabled", enabled);
        JsonSupport.putNullable(json, "url", url);
        return json
                .add("duplicate", duplicate)
                .add("shuffle", shuffle)
                .add("readReceipts", readReceipts)
                .add("onlyRead", onlyRead)
                .add("sentDelayMs", sentDelayMs)
                .add("deliveredDelayMs", deliveredDelayMs)
                .add("readDelayMs", readDelayMs)
                .add("maxAttempts", maxAttempts)
                .add("retryDelayMs", retryDelayMs)
                .build();
    }
}
