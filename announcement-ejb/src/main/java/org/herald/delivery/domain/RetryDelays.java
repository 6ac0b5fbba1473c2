package org.herald.delivery.domain;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a delivery the provider did not take waits before its next attempt: doubling from one
 * second up to a minute, plus up to half a second of jitter so that a throttled burst does not
 * come back as one burst.
 */
public final class RetryDelays {

    private static final long FIRST_MILLIS = 1_000;
    private static final long MAX_MILLIS = 60_000;

    private RetryDelays() {
    }

    public static long afterAttempt(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 16));
        long base = Math.min(MAX_MILLIS, FIRST_MILLIS << doublings);
        return base + ThreadLocalRandom.current().nextLong(500);
    }
}
