package org.herald.gateway;

/**
 * One send's place under the throughput limit. The consumer waits for it before it commits the
 * delivery to SENDING, so that a crash finds deliveries SENDING only while their call is under
 * way, not while they queue for the limit; the first attempt uses it, a retry waits for another.
 */
public final class Turn {

    private boolean used;

    Turn() {
    }

    /** Called by each attempt: the first uses this turn, later ones wait for their own. */
    void use(ThroughputLimiter limiter) {
        if (used) {
            limiter.acquire();
        }
        used = true;
    }
}
