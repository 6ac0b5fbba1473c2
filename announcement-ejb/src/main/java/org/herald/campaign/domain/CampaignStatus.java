package org.herald.campaign.domain;

/**
 * Where a campaign is in its life. Only SCHEDULED can be claimed for dispatch, and only by one
 * claimer; DISPATCHING with an expired lease can be taken over by another dispatcher.
 */
public enum CampaignStatus {
    SCHEDULED,
    DISPATCHING,
    DISPATCHED,
    CANCELLED
}
