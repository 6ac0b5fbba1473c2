package org.herald.campaign.domain;

/**
 * The right to enqueue a campaign's deliveries, held by one dispatcher (the owner) until its lease
 * runs out. The cursor is the last employee key already enqueued.
 */
public record DispatchClaim(long campaignId, String owner, long cursor, Audience audience,
        DeliveryGuarantee guarantee) {

    public DispatchClaim advancedTo(long newCursor) {
        return new DispatchClaim(campaignId, owner, newCursor, audience, guarantee);
    }
}
