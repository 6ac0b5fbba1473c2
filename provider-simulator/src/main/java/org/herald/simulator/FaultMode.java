package org.herald.simulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a fault rule does to the send requests it matches. */
enum FaultMode {

    /** Wait {@code latencyMs}, then handle the request normally. */
    LATENCY(false),
    /** Answer a 5xx error (default 500, code 131000); nothing is sent. */
    HTTP5XX(true),
    /** Answer a rate-limit error (default 400, code 130429); nothing is sent. */
    THROTTLE(true),
    /** Answer an error (default code 131026); nothing is sent. */
    REJECT(true),
    /** Answer 503 with code 2 for {@code durationMs}; nothing is sent. */
    OUTAGE(true),
    /** Send the message, then hold the answer for {@code latencyMs} (default 30 s). */
    TIMEOUT_AFTER_ACCEPT(true),
    /** Send the message (unless {@code accepted} is false), then drop the connection. */
    RESET(true),
    /** Accept the message; its webhook then reports failed with code 131026. */
    UNDELIVERABLE(true);

    private final boolean terminal;

    FaultMode(boolean terminal) {
        this.terminal = terminal;
    }

    /** True when the rule decides the answer; false for latency, which only delays it. */
    boolean terminal() {
        return terminal;
    }

    String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FaultMode fromJson(String name) {
        for (FaultMode mode : values()) {
            if (mode.jsonName().equals(name)) {
                return mode;
            }
        }
        String known = Arrays.stream(values()).map(FaultMode::jsonName)
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown fault mode '" + name + "'; known: " + known);
    }
}
