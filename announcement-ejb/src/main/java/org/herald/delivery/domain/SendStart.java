package org.herald.delivery.domain;

import java.util.Optional;

/**
 * How an attempt to start sending a delivery ended: it won the change to SENDING (with what to
 * send), its campaign was paused (the delivery is HELD for the resume, or was already past
 * QUEUED), or it found the delivery past QUEUED.
 */
public record SendStart(Optional<SendJob> job, boolean paused, boolean held) {

    public static SendStart started(SendJob job) {
        return new SendStart(Optional.of(job), false, false);
    }

    /** The campaign is paused; {@code held} when this attempt moved the delivery to HELD. */
    public static SendStart paused(boolean held) {
        return new SendStart(Optional.empty(), true, held);
    }

    public static SendStart notQueued() {
        return new SendStart(Optional.empty(), false, false);
    }
}
