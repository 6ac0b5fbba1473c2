package org.herald.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** When the due-campaign sweep last started on this node. */
@ApplicationScoped
public class SweepHeartbeat {

    private volatile Instant lastRun;

    public void beat() {
        lastRun = Instant.now();
    }

    /** Empty before the first run. */
    public Instant lastRun() {
        return lastRun;
    }
}
