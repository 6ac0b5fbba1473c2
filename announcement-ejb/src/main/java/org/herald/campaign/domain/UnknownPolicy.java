package org.herald.campaign.domain;

/**
 * What a campaign does with a delivery whose outcome stayed unknown past the reconciliation
 * window (no status webhook proved it went out).
 */
public enum UnknownPolicy {
    /** Exactly-once: leave it to an operator, who resends it or marks it sent. The default. */
    NEVER_RESEND,
    /** At-least-once: resend it automatically; the recipient may get it twice. */
    RESEND_AFTER_WINDOW
}
