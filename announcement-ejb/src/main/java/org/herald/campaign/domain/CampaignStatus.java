package org.herald.campaign.domain;

/**
 * Where a campaign is in its life. Only SCHEDULED can be claimed for dispatch, and only by one
 * claimer; DISPATCHING with an expired lease can be taken over by another dispatcher. A
 * DISPATCHING or DISPATCHED campaign can be PAUSED: nothing of it is enqueued or sent until it is
 * resumed, when it goes back to the state it was paused in.
 */
public enum CampaignStatus {
    SCHEDULED,
    DISPATCHING,
    DISPATCHED,
    PAUSED,
    CANCELLED
}
