package org.herald.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.herald.health.ProviderCircuitWatch;

/**
 * Sends a template message and says what the attempt proves: accepted, not sent (retry later),
 * refused for good, or ambiguous. While the provider is out (circuit open), sends fail fast as
 * not sent, so messages wait in the queue instead of piling up on a dead endpoint.
 */
@ApplicationScoped
public class WhatsAppGateway {

    @Inject
    ProviderCall providerCall;

    @Inject
    ThroughputLimiter limiter;

    @Inject
    ProviderCircuitWatch circuit;

    /** Waits until the throughput limit lets one more message go. */
    public Turn awaitTurn() {
        limiter.acquire();
        return new Turn();
    }

    /** Sends in a turn taken with {@link #awaitTurn()}. */
    public SendOutcome send(TemplateMessage message, Turn turn) {
        try {
            SendOutcome outcome = providerCall.send(message, turn);
            circuit.record(ProviderCircuitWatch.Outcome.ANSWERED);
            return outcome;
        } catch (RetrySafeFailure e) {
            circuit.record(ProviderCircuitWatch.Outcome.NOT_SENT);
            return e.outcome();
        } catch (CircuitBreakerOpenException e) {
            circuit.record(ProviderCircuitWatch.Outcome.CIRCUIT_OPEN);
            return new SendOutcome.NotSent(0, "provider circuit open");
        } catch (BulkheadException e) {
            return new SendOutcome.NotSent(0, "too many concurrent provider calls");
        } catch (TimeoutException e) {
            return new SendOutcome.Ambiguous("no answer within the fault-tolerance timeout");
        }
    }
}
