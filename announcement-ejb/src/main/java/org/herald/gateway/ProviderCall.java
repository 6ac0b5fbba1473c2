package org.herald.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * One send under MicroProfile Fault Tolerance. Only a retry-safe failure (the provider certainly
 * did not take the message) is retried, with backoff and jitter, and only it counts towards
 * opening the circuit; an ambiguous outcome is returned, never retried. The bulkhead bounds
 * concurrent calls; the timeout is a backstop behind the HTTP client's own. Every value can be
 * overridden through MicroProfile Config ({@code org.herald.gateway.ProviderCall/send/Retry/
 * maxRetries=...}).
 */
@ApplicationScoped
public class ProviderCall {

    @Inject
    CloudApiClient client;

    @Inject
    ThroughputLimiter limiter;

    @Retry(maxRetries = 2, delay = 250, jitter = 200, retryOn = RetrySafeFailure.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000,
            successThreshold = 3, failOn = RetrySafeFailure.class)
    @Timeout(60_000)
    @Bulkhead(32)
    public SendOutcome send(TemplateMessage message, Turn turn) throws RetrySafeFailure {
        turn.use(limiter);
        limiter.enterWindow();
        SendOutcome outcome = client.post(message);
        if (outcome instanceof SendOutcome.NotSent notSent) {
            if (notSent.code() == 130429 || notSent.code() == 80007 || notSent.code() == 4) {
                limiter.throttled(notSent.code());
            }
            throw new RetrySafeFailure(notSent);
        }
        return outcome;
    }
}
