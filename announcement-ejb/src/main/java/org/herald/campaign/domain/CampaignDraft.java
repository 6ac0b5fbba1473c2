package org.herald.campaign.domain;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The content of a request to create a campaign, before it is accepted. */
public record CampaignDraft(
        String name,
        String templateName,
        String languageCode,
        List<String> bodyParameters,
        Audience audience,
        OffsetDateTime scheduledAt,
        UnknownPolicy unknownPolicy,
        DeliveryGuarantee deliveryGuarantee) {

    private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9_]{1,512}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}");
    private static final String EMPLOYEE_NAME = "{{employee.name}}";
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");

    public CampaignDraft {
        bodyParameters = bodyParameters == null ? List.of() : List.copyOf(bodyParameters);
        unknownPolicy = unknownPolicy == null ? UnknownPolicy.NEVER_RESEND : unknownPolicy;
        deliveryGuarantee = deliveryGuarantee == null ? DeliveryGuarantee.EXACTLY_ONCE
                : deliveryGuarantee;
    }

    /** A draft with the default, exactly-once policy for unknown outcomes. */
    public CampaignDraft(String name, String templateName, String languageCode,
            List<String> bodyParameters, Audience audience, OffsetDateTime scheduledAt) {
        this(name, templateName, languageCode, bodyParameters, audience, scheduledAt, null, null);
    }

    /**
     * Every problem with the draft, each naming the field; empty when it can be accepted. A
     * time more than five minutes before {@code now} is refused: a late request must not go out
     * unnoticed; "send now" is the way to send at once.
     */
    public List<String> problems(OffsetDateTime now) {
        List<String> problems = problems();
        if (scheduledAt != null && scheduledAt.isBefore(now.minusMinutes(5))) {
            problems.add("scheduledAt " + scheduledAt + " is in the past; schedule a future time"
                    + " or use send-now");
        }
        return problems;
    }

    /** The problems that do not depend on the time. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("name is required");
        } else if (name.length() > 200) {
            problems.add("name is longer than 200 characters");
        }
        if (templateName == null || !TEMPLATE_NAME.matcher(templateName).matches()) {
            problems.add("template must be a WhatsApp template name (lower case, digits, _)");
        }
        if (languageCode == null || !LANGUAGE.matcher(languageCode).matches()) {
            problems.add("language must be a template language code such as en_US");
        }
        if (bodyParameters.stream().anyMatch(value -> value == null || value.isBlank())) {
            problems.add("parameters must not be blank");
        }
        bodyParameters.stream()
                .filter(value -> value != null)
                .flatMap(value -> PLACEHOLDER.matcher(value).results().map(m -> m.group()))
                .filter(placeholder -> !placeholder.equals(EMPLOYEE_NAME))
                .distinct()
                .forEach(placeholder -> problems.add("parameter placeholder " + placeholder
                        + " is not known; only " + EMPLOYEE_NAME + " is"));
        if (audience == null) {
            problems.add("audience is required");
        } else {
            problems.addAll(audience.problems());
        }
        if (scheduledAt == null) {
            problems.add("scheduledAt is required (ISO-8601 with offset,"
                    + " e.g. 2026-12-03T15:00:00Z)");
        }
        return problems;
    }
}
