package org.herald.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the dispatch sweep (every 5 s on each node) keeps running: if it has not started
 * for a minute, this node's timer service or its threads are stuck, due campaigns would be left
 * to other nodes, and a restart is the remedy. A sweep that runs and fails (the database down)
 * still counts as running: a restart would not help there, and readiness reports it.
 */
@Liveness
@ApplicationScoped
public class DispatchSweepCheck implements HealthCheck {

    private static final Duration STALE = Duration.ofSeconds(60);

    private final Instant started = Instant.now();

    @Inject
    private SweepHeartbeat heartbeat;

    @Override
    public HealthCheckResponse call() {
        Instant lastRun = heartbeat.lastRun();
        Instant reference = lastRun == null ? started : lastRun;
        boolean alive = reference.plus(STALE).isAfter(Instant.now());
        return HealthCheckResponse.named("herald-dispatch-sweep")
                .status(alive)
                .withData("lastRun", lastRun == null ? "not yet" : lastRun.toString())
                .withData("staleAfterSeconds", STALE.toSeconds())
                .build();
    }
}
