package org.herald.campaign.domain;

/** What started a dispatch attempt. Every trigger goes through the same one-winner claim. */
public enum DispatchTrigger {
    /** The campaign's own persistent EJB timer. */
    TIMER,
    /** The periodic sweep that finds due campaigns whose timer did not run, and stalled ones. */
    SWEEP,
    /** An operator's "send now", which does not wait for the scheduled time. */
    SEND_NOW,
    /** A resume of a campaign that was paused before its dispatch finished. */
    RESUME;

    public boolean waitsForSchedule() {
        return this != SEND_NOW;
    }
}
