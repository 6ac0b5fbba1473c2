package org.herald.simulator;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * One scripted fault. A rule matches a request when it is still active (not expired, count not
 * used up), its recipient filter fits and its probability roll succeeds; each match uses up one
 * of its {@code count}.
 */
final class FaultRule {

    private static final long UNLIMITED = -1;
    private static final Set<String> FIELDS = Set.of("mode", "count", "probability", "to",
            "latencyMs", "status", "code", "message", "details", "durationMs", "accepted");

    private final long id;
    private final FaultMode mode;
    private final String to;
    private final double probability;
    private final long latencyMs;
    private final Integer status;
    private final int code;
    private final String message;
    private final String details;
    private final long expiresAt;
    private final boolean accepted;
    private final AtomicLong remaining;

    private FaultRule(long id, FaultMode mode, JsonObject spec, long now) {
        this.id = id;
        this.mode = mode;
        String recipient = JsonSupport.string(spec, "to");
        this.to = recipient != null && recipient.startsWith("+") ? recipient.substring(1)
                : recipient;
        this.probability = JsonSupport.decimal(spec, "probability", 1.0);
        this.latencyMs = JsonSupport.number(spec, "latencyMs", defaultLatency(mode));
        this.code = (int) JsonSupport.number(spec, "code", defaultCode(mode));
        long statusValue = JsonSupport.number(spec, "status", 0);
        this.status = statusValue == 0 ? defaultStatus(mode, code)
                : Integer.valueOf((int) statusValue);
        this.message = JsonSupport.string(spec, "message");
        this.details = JsonSupport.string(spec, "details");
        long durationMs = JsonSupport.number(spec, "durationMs", 0);
        this.expiresAt = durationMs > 0 ? now + durationMs : 0;
        this.accepted = JsonSupport.bool(spec, "accepted", true);
        this.remaining = new AtomicLong(JsonSupport.number(spec, "count", UNLIMITED));
        validate(spec, durationMs);
    }

    /**
     * Reads a rule such as {@code {"mode":"http5xx","count":2,"code":131000}}.
     *
     * @throws IllegalArgumentException naming the bad field
     */
    static FaultRule fromJson(long id, JsonObject spec, long now) {
        String mode = JsonSupport.string(spec, "mode");
        if (mode == null) {
            throw new IllegalArgumentException("fault rule needs a mode: " + spec);
        }
        return new FaultRule(id, FaultMode.fromJson(mode), spec, now);
    }

    FaultMode mode() {
        return mode;
    }

    long latencyMs() {
        return latencyMs;
    }

    boolean acceptsMessage() {
        return accepted;
    }

    boolean targetsRecipient() {
        return to != null;
    }

    /** The error this rule answers with; for error-answering modes only. */
    ApiError error() {
        return ApiError.custom(code, status, message, details, null);
    }

    boolean active(long now) {
        return remaining.get() != 0 && (expiresAt == 0 || now < expiresAt);
    }

    /** Checks the rule against a request to {@code recipient} and uses up one count if it fits. */
    boolean tryClaim(String recipient, long now, RandomGenerator random) {
        if (!active(now) || (to != null && !to.equals(recipient))) {
            return false;
        }
        if (probability < 1.0 && random.nextDouble() >= probability) {
            return false;
        }
        while (true) {
            long left = remaining.get();
            if (left == UNLIMITED) {
                return true;
            }
            if (left == 0) {
                return false;
            }
            if (remaining.compareAndSet(left, left - 1)) {
                return true;
            }
        }
    }

    JsonObject toJson() {
        JsonObjectBuilder json = JsonSupport.object()
                .add("id", id)
                .add("mode", mode.jsonName());
        long left = remaining.get();
        if (left == UNLIMITED) {
            json.addNull("remaining");
        } else {
            json.add("remaining", left);
        }
        JsonSupport.putNullable(json, "to", to);
        json.add("probability", probability);
        switch (mode) {
            case LATENCY, TIMEOUT_AFTER_ACCEPT -> json.add("latencyMs", latencyMs);
            case RESET -> json.add("accepted", accepted);
            case UNDELIVERABLE -> json.add("code", 131026);
            default -> json.add("status", error().httpStatus()).add("code", code);
        }
        if (expiresAt > 0) {
            json.add("expiresAt", expiresAt);
        }
        return json.build();
    }

    private void validate(JsonObject spec, long durationMs) {
        for (String field : spec.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown fault field '" + field + "'; known: "
                        + FIELDS);
            }
        }
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("probability must be within 0..1: " + probability);
        }
        if (latencyMs < 0 || durationMs < 0) {
            throw new IllegalArgumentException("latencyMs and durationMs must be >= 0: " + spec);
        }
        if (remaining.get() < UNLIMITED || remaining.get() == 0) {
            throw new IllegalArgumentException("count must be positive: " + remaining.get());
        }
        if (status != null && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("status must be an HTTP status: " + status);
        }
    }

    private static long defaultLatency(FaultMode mode) {
        return mode == FaultMode.TIMEOUT_AFTER_ACCEPT ? 30_000 : 1_000;
    }

    private static int defaultCode(FaultMode mode) {
        return switch (mode) {
            case HTTP5XX -> 131000;
            case THROTTLE -> 130429;
            case OUTAGE -> 2;
            default -> 131026;
        };
    }

    /** A 5xx mode keeps the code's own status when that is a 5xx; other modes use the code's. */
    private static Integer defaultStatus(FaultMode mode, int code) {
        int usual = ApiError.of(code, null).httpStatus();
        return switch (mode) {
            case HTTP5XX -> usual >= 500 ? usual : 500;
            case OUTAGE -> usual >= 500 ? usual : 503;
            default -> null;
        };
    }
}
