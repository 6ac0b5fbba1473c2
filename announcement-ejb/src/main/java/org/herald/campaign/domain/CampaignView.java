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
        OffsetDateTime cancelledAt,
        CampaignStatus pausedFrom,
        OffsetDateTime pausedAt,
        List<String> warnings) {

    public CampaignView {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** The same view with notes about the request, given in the answer to a create. */
    public CampaignView withWarnings(List<String> newWarnings) {
        return new CampaignView(id, name, template, language, parameters, audience, scheduledAt,
                status, unknownPolicy, recipients, deliveries, finished, createdAt,
                dispatchStartedAt, dispatchedAt, cancelledAt, pausedFrom, pausedAt,
                newWarnings);
    }
}
