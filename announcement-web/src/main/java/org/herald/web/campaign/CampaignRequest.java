package org.herald.web.campaign;

import java.time.OffsetDateTime;
import java.util.List;
import org.herald.campaign.domain.Audience;
import org.herald.campaign.domain.AudienceType;
import org.herald.campaign.domain.CampaignDraft;
import org.herald.campaign.domain.DeliveryGuarantee;
import org.herald.campaign.domain.UnknownPolicy;
import org.herald.platform.RequestRejectedException;
import org.herald.platform.RequestRejectedException.Reason;

/**
 * The JSON body of a create request:
 * {@code {"name", "template", "language", "parameters": [..], "audience": {"type", "departments"
 * or "employeeIds"}, "scheduledAt": "2026-12-03T15:00:00+01:00"}}.
 */
public record CampaignRequest(
        String name,
        String template,
        String language,
        List<String> parameters,
        AudienceRequest audience,
        OffsetDateTime scheduledAt,
        String unknownPolicy,
        String deliveryGuarantee) {

    public CampaignDraft toDraft() {
        return new CampaignDraft(name, template, language, parameters,
                audience == null ? null : audience.toAudience(), scheduledAt, policy(),
                guarantee());
    }

    private DeliveryGuarantee guarantee() {
        try {
            return deliveryGuarantee == null ? null
                    : DeliveryGuarantee.valueOf(deliveryGuarantee.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new RequestRejectedException(Reason.INVALID, "deliveryGuarantee '"
                    + deliveryGuarantee + "' is not EXACTLY_ONCE or AT_LEAST_ONCE");
        }
    }

    private UnknownPolicy policy() {
        try {
            return unknownPolicy == null ? null
                    : UnknownPolicy.valueOf(unknownPolicy.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new RequestRejectedException(Reason.INVALID, "unknownPolicy '" + unknownPolicy
                    + "' is not NEVER_RESEND or RESEND_AFTER_WINDOW");
        }
    }

    static RequestRejectedException missingBody() {
        return new RequestRejectedException(Reason.INVALID, "request body is required");
    }

    /** The audience part: a type and, for DEPARTMENTS or EMPLOYEES, the names or ids. */
    public record AudienceRequest(String type, List<String> departments, List<String> employeeIds) {

        Audience toAudience() {
            AudienceType audienceType = parse(type);
            List<String> values =
                    audienceType == AudienceType.EMPLOYEES ? employeeIds : departments;
            return new Audience(audienceType, values);
        }

        private static AudienceType parse(String type) {
            try {
                return type == null ? null : AudienceType.valueOf(type.trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new RequestRejectedException(Reason.INVALID, "audience.type '" + type
                        + "' is not one of ALL, DEPARTMENTS, EMPLOYEES");
            }
        }
    }
}
