package org.herald.campaign.domain;

/** How one dispatch attempt ended. */
public enum DispatchOutcome {
    /** This attempt enqueued the remaining recipients and marked the campaign dispatched. */
    DISPATCHED,
    /** Another attempt holds or finished the dispatch, or the campaign was cancelled. */
    NOT_CLAIMED,
    /** The campaign is not due yet by the database's clock. */
    NOT_DUE,
    /** This attempt's lease was taken over by another dispatcher mid-way; it stopped. */
    LEASE_LOST,
    /** The campaign was paused mid-way; this attempt stopped, the resume continues it. */
    PAUSED
}
