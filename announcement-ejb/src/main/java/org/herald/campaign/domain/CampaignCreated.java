package org.herald.campaign.domain;

/**
 * The answer to a create request: the campaign's id and the response body given the first time,
 * which a repeat of the same request with the same idempotency key gets again.
 */
public record CampaignCreated(long campaignId, boolean replayed, String body) {
}
