package org.herald.console;

import java.time.OffsetDateTime;

/** One row of the audit trail: who did what to which campaign or delivery. */
public record AuditEvent(long id, OffsetDateTime occurredAt, String actor, String action,
        Long campaignId, Long deliveryId, String detail) {
}
