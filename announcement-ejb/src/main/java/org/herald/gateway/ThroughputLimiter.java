package org.herald.gateway;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
 * <p>The limit holds per server. In a cluster each node needs its share of the number's limit.
 */
@ApplicationScoped
public class ThroughputLimiter {

    private static final Logger LOG = Logger.getLogger(ThroughputLimiter.class.getName());
    private static final long RECOVERY_STEP_NANOS = TimeUnit.SECONDS.toNanos(5);

    @Inject
    @ConfigProperty(name = "herald.whatsapp.messages-per-second", defaultValue = "80")
    double configuredRate;

    private final AtomicLong nextSlot = new AtomicLong();
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
        double pace = Math.max(0.5, rate * 0.95 - 1);
        long interval = (long) (TimeUnit.SECONDS.toNanos(1) / pace);
        long now = System.nanoTime();
        long slot = nextSlot.getAndAccumulate(now,
                (previous, current) -> Math.max(previous, current) + interval);
        long wait = Math.max(slot, now) - now;
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
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
