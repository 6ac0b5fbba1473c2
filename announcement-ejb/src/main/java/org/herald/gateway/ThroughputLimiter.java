package org.herald.gateway;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps sends to the provider under the phone number's throughput limit, evenly spaced rather
 * than in bursts, however many consumers call it: each caller reserves the next free slot, one
 * interval after the previous one, and waits for it. The pace aims 5% (and one message) below the
 * limit, so that network jitter between the send and its arrival never puts more than the limit
 * into any one-second window at the provider. A throttling answer from the provider halves the
 * rate; it then climbs back by a tenth of the configured rate every few seconds.
 *
 * <p>The pace is taken before a delivery commits to SENDING, so the time to that commit lies
 * between a turn and its call. Right before each call, {@link #enterWindow()} therefore also
 * checks the last second itself: never more calls in any one-second window than the pace.
 *
 * <p>The limit holds per server. In a cluster each node needs its share of the number's limit.
 */
@ApplicationScoped
public class ThroughputLimiter {

    private static final Logger LOG = Logger.getLogger(ThroughputLimiter.class.getName());
    private static final long RECOVERY_STEP_NANOS = TimeUnit.SECONDS.toNanos(5);

    @Inject
    @ConfigProperty(name = "herald.whatsapp.messages-per-second", defaultValue = "80")
    double configuredRate;

    private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1_020);

    private final AtomicLong nextSlot = new AtomicLong();
    private long[] window = new long[0];
    private int oldest;
    private volatile double limit;
    private volatile double currentRate;
    private volatile long lastChange;

    @PostConstruct
    void init() {
        setLimit(configuredRate);
    }

    /** Changes the limit at run time; 0 or less switches limiting off. */
    public void setLimit(double messagesPerSecond) {
        limit = messagesPerSecond;
        currentRate = messagesPerSecond;
        lastChange = System.nanoTime();
        LOG.log(Level.INFO, "HERALD-0601 throughput limit {0} messages/s",
                messagesPerSecond > 0 ? messagesPerSecond : "off");
    }

    public double limit() {
        return limit;
    }

    public double currentRate() {
        return currentRate;
    }

    /** Waits for this caller's slot. */
    public void acquire() {
        recover();
        double rate = currentRate;
        if (rate <= 0) {
            return;
        }
        double pace = Math.max(0.5, belowLimit(rate));
        long interval = (long) (TimeUnit.SECONDS.toNanos(1) / pace);
        long now = System.nanoTime();
        long slot = nextSlot.getAndAccumulate(now,
                (previous, current) -> Math.max(previous, current) + interval);
        long wait = Math.max(slot, now) - now;
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** The pace aimed at for a rate: 5% and one message below it. */
    private static double belowLimit(double rate) {
        return rate * 0.95 - 1;
    }

    /**
     * Waits, if need be, until fewer calls than 95% of the limit started in the last second
     * (plus a 20 ms allowance), then counts this one. The margin keeps the window below the
     * limit itself: calls that leave evenly can still arrive bunched (a delayed one landing next
     * to its successors), and a window as large as the limit let 42 calls reach the provider
     * within one second at a limit of 40 on an idle 2-core machine.
     */
    public synchronized void enterWindow() {
        double current = limit;
        if (current <= 0) {
            return;
        }
        int size = (int) Math.max(1, Math.floor(current * 0.95));
        long now = System.nanoTime();
        if (window.length != size) {
            window = new long[size];
            Arrays.fill(window, now - TimeUnit.SECONDS.toNanos(2));
            oldest = 0;
        }
        long wait = window[oldest] + WINDOW_NANOS - now;
        if (wait > 0) {
            LockSupport.parkNanos(wait);
            now = System.nanoTime();
        }
        window[oldest] = now;
        oldest = (oldest + 1) % size;
    }

    /** The provider answered with a throttling code: halve the rate for now. */
    public void throttled(int code) {
        if (limit <= 0) {
            return;
        }
        double halved = Math.max(1, currentRate / 2);
        if (halved < currentRate) {
            currentRate = halved;
            lastChange = System.nanoTime();
            LOG.log(Level.WARNING, "HERALD-0602 provider throttled (code {0,number,#});"
                    + " rate lowered to"
                    + " {1} messages/s", new Object[] {code, halved});
        }
    }

    private void recover() {
        double rate = currentRate;
        if (limit <= 0 || rate >= limit || System.nanoTime() - lastChange < RECOVERY_STEP_NANOS) {
            return;
        }
        currentRate = Math.min(limit, rate + limit / 10);
        lastChange = System.nanoTime();
    }
}
