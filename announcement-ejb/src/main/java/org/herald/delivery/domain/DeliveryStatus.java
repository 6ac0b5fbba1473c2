package org.herald.delivery.domain;

/**
 * The truth about one recipient's message, as far as Herald knows it.
 *
 * <ul>
 *   <li>QUEUED: enqueued, not yet handed to the provider;</li>
 *   <li>HELD: its message came while the campaign was paused; it waits, unsent, for the
 *       resume, which enqueues it again;</li>
 *   <li>SENDING: a consumer committed that it is about to call the provider; if it dies now,
 *       nobody knows whether the call left;</li>
 *   <li>SENT, DELIVERED, READ: the provider accepted it, then reported it delivered or read;</li>
 *   <li>FAILED: the provider refused it for a reason a retry cannot fix;</li>
 *   <li>UNKNOWN: the call may or may not have reached the provider; resolved by a status webhook
 *       or by an operator, never by a silent retry.</li>
 * </ul>
 * The rank orders the states that provider webhooks move forward, so a late or repeated webhook
 * never moves a delivery back.
 */
public enum DeliveryStatus {
    QUEUED(0),
    HELD(0),
    SENDING(1),
    UNKNOWN(2),
    SENT(3),
    DELIVERED(4),
    READ(5),
    FAILED(6);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }
}
