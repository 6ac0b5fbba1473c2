package org.herald.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Down while the provider circuit is open, as far as the latest sends tell (see
 * {@link ProviderCircuitWatch}: the breaker's own state cannot be read through the MicroProfile
 * API). While it is down, deliveries wait in the queue and nothing is lost; the data says what
 * the judgement rests on.
 */
@Readiness
@ApplicationScoped
public class ProviderCircuitCheck implements HealthCheck {

    @Inject
    private ProviderCircuitWatch circuit;

    @Override
    public HealthCheckResponse call() {
        ProviderCircuitWatch.View view = circuit.view();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("herald-provider-circuit")
                .status(!view.open())
                .withData("circuit", view.open() ? "open" : "closed")
                .withData("derivedFrom", "the latest 50 sends on this node")
                .withData("latestSend", view.latest() == null ? "none since start"
                        : view.latest().label());
        view.recent().forEach((outcome, count) -> response.withData(outcome.label(), count));
        withTime(response, "latestSendAt", view.latestAt());
        withTime(response, "lastAnsweredAt", view.lastAnsweredAt());
        withTime(response, "lastRefusedByCircuitAt", view.lastRefusedAt());
        return response.build();
    }

    private static void withTime(HealthCheckResponseBuilder response, String key, Instant time) {
        if (time != null) {
            response.withData(key, time.toString());
        }
    }
}
