package org.herald.campaign.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import org.herald.platform.StringListConverter;

/**
 * An announcement to send: an approved WhatsApp template with its body parameters, an audience
 * and a time.
 *
 * <p>The entity is written through JPA only when it is created. Every later change of status
 * (claim, dispatch progress, cancel) is a conditional SQL update that names the status it expects,
 * so that of two nodes, timers or requests racing for the same change exactly one wins; see
 * {@code CampaignDispatchSteps}.
 */
@Entity
@Table(name = "campaign")
public class Campaign {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(name = "template_name", nullable = false)
    private String templateName;

    @Column(name = "language_code", nullable = false)
    private String languageCode;

    @Convert(converter = StringListConverter.class)
    @Column(name = "body_parameters", nullable = false)
    private List<String> bodyParameters;

    @Enumerated(EnumType.STRING)
    @Column(name = "audience_type", nullable = false)
    private AudienceType audienceType;

    @Convert(converter = StringListConverter.class)
    @Column(name = "audience_values", nullable = false)
    private List<String> audienceValues;

    @Column(name = "scheduled_at", nullable = false)
    private OffsetDateTime scheduledAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CampaignStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "unknown_policy", nullable = false)
    private UnknownPolicy unknownPolicy;

    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_guarantee", nullable = false)
    private DeliveryGuarantee deliveryGuarantee;

    @Column(name = "recipient_count", nullable = false)
    private int recipientCount;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "dispatch_started_at")
    private OffsetDateTime dispatchStartedAt;

    @Column(name = "dispatched_at")
    private OffsetDateTime dispatchedAt;

    @Column(name = "cancelled_at")
    private OffsetDateTime cancelledAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "paused_from")
    private CampaignStatus pausedFrom;

    @Column(name = "paused_at")
    private OffsetDateTime pausedAt;

    protected Campaign() {
    }

    public Campaign(CampaignDraft draft, OffsetDateTime now) {
        this.name = draft.name();
        this.templateName = draft.templateName();
        this.languageCode = draft.languageCode();
        this.bodyParameters = List.copyOf(draft.bodyParameters());
        this.audienceType = draft.audience().type();
        this.audienceValues = List.copyOf(draft.audience().values());
        this.scheduledAt = draft.scheduledAt();
        this.status = CampaignStatus.SCHEDULED;
        this.unknownPolicy = draft.unknownPolicy();
        this.deliveryGuarantee = draft.deliveryGuarantee();
        this.createdAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getTemplateName() {
        return templateName;
    }

    public String getLanguageCode() {
        return languageCode;
    }

    public List<String> getBodyParameters() {
        return bodyParameters;
    }

    public Audience getAudience() {
        return new Audience(audienceType, audienceValues);
    }

    public OffsetDateTime getScheduledAt() {
        return scheduledAt;
    }

    public CampaignStatus getStatus() {
        return status;
    }

    public UnknownPolicy getUnknownPolicy() {
        return unknownPolicy;
    }

    public DeliveryGuarantee getDeliveryGuarantee() {
        return deliveryGuarantee;
    }

    public int getRecipientCount() {
        return recipientCount;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getDispatchStartedAt() {
        return dispatchStartedAt;
    }

    public OffsetDateTime getDispatchedAt() {
        return dispatchedAt;
    }

    public OffsetDateTime getCancelledAt() {
        return cancelledAt;
    }

    /** While PAUSED: the state the campaign was paused in, and goes back to when resumed. */
    public CampaignStatus getPausedFrom() {
        return pausedFrom;
    }

    public OffsetDateTime getPausedAt() {
        return pausedAt;
    }
}
