package org.herald.tools.bench;

import java.util.Arrays;

/**
 * The figures of one campaign run: enqueue and delivery rates, latency percentiles from the
 * scheduled time to each message's arrival at the provider, and the audit.
 */
record RunFigures(
        String mode,
        int recipients,
        double enqueuePerSecond,
        double deliveredPerSecond,
        double seconds,
        long p50Millis,
        long p95Millis,
        long p99Millis,
        long maxMillis,
        int duplicates,
        int lost) {

    static long percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static long[] sortedCopy(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
