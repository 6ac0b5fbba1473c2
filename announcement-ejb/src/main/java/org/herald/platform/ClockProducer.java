package org.herald.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * Supplies the clock Herald reads. Decisions that must survive a clock stepped back (claims,
 * leases) use the database's clock instead; this one only stamps and schedules.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    public Clock clock() {
        return Clock.systemUTC();
    }
}
