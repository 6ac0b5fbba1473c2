package org.herald.campaign.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** A campaign as the API shows it, with its deliveries counted by status. */
public record CampaignView(
        long id,
        String name,
        String template,
        String language,
        List<String> parameters,
        Audience audience,
        OffsetDateTime scheduledAt,
        CampaignStatus status,
        UnknownPolicy unknownPolicy,
        int recipients,
        Map<String, Long> deliveries,
        boolean finished,
        OffsetDateTime createdAt,
        OffsetDateTime dispatchStartedAt,
        OffsetDateTime dispatchedAt,
        OffsetDateTime cancelledAt) {
}
