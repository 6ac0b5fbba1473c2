package org.herald.platform;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts, on this node since it started, the repeats each guard stopped: a replayed create
 * request, a refused campaign claim, a message the consumer had already processed, a delivery
 * already past QUEUED, a repeated status webhook.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DuplicateCounters {

    private final AtomicLong idempotencyKey = new AtomicLong();
    private final AtomicLong campaignClaim = new AtomicLong();
    private final AtomicLong processedMessage = new AtomicLong();
    private final AtomicLong deliveryState = new AtomicLong();
    private final AtomicLong statusWebhook = new AtomicLong();

    public void requestReplayed() {
        idempotencyKey.incrementAndGet();
    }

    public void campaignClaimRefused() {
        campaignClaim.incrementAndGet();
    }

    public void messageAlreadyProcessed() {
        processedMessage.incrementAndGet();
    }

    public void deliveryAlreadyStarted() {
        deliveryState.incrementAndGet();
    }

    public void webhookRepeated() {
        statusWebhook.incrementAndGet();
    }

    public Map<String, Long> snapshot() {
        return Map.of(
                "idempotencyKey", idempotencyKey.get(),
                "campaignClaim", campaignClaim.get(),
                "processedMessage", processedMessage.get(),
                "deliveryState", deliveryState.get(),
                "statusWebhook", statusWebhook.get());
    }
}
