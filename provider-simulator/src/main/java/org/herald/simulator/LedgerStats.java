package org.herald.simulator;

/**
 * Counters since start or the last reset.
 *
 * @param maxPerSecond the most messages accepted within any sliding window of 1,000 ms
 * @param firstAcceptedAt epoch millis, 0 when nothing was accepted
 */
record LedgerStats(long accepted, long rejected, int recipients, long duplicates,
        int maxPerSecond, long firstAcceptedAt, long lastAcceptedAt) {
}
