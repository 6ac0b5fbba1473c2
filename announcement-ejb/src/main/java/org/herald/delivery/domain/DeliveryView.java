package org.herald.delivery.domain;

import java.time.OffsetDateTime;

/**
 * One recipient of a campaign as the API and the console show it. For an UNKNOWN delivery,
 * {@code awaitingDecision} says the reconciliation window has passed without a webhook.
 */
public record DeliveryView(
        long id,
        long campaignId,
        String employeeId,
        String name,
        String phone,
        DeliveryStatus status,
        String wamid,
        Integer errorCode,
        String reason,
        int attempts,
        OffsetDateTime unknownSince,
        boolean awaitingDecision,
        OffsetDateTime updatedAt) {
}
