package org.herald.campaign.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.herald.campaign.domain.Campaign;
import org.herald.campaign.domain.CampaignCreated;
import org.herald.campaign.domain.CampaignDraft;
import org.herald.campaign.domain.CampaignStatus;
import org.herald.campaign.domain.CampaignView;
import org.herald.campaign.domain.DispatchTrigger;
import org.herald.campaign.infrastructure.timer.CampaignScheduler;
import org.herald.gateway.TemplateCatalog;
import org.herald.integration.domain.HeraldEvent.CampaignEventStatus;
import org.herald.integration.infrastructure.jdbc.EventOutbox;
import org.herald.platform.DuplicateCounters;
import org.herald.platform.RequestRejectedException;
import org.herald.platform.RequestRejectedException.Reason;

/**
 * Creates, reads and cancels campaigns. A create with an idempotency key is done at most once per
 * key: the key is claimed in the same transaction as the campaign, so concurrent repeats wait for
 * the first and then receive its response.
 */
@Stateless
public class CampaignService {

    private static final Logger LOG = Logger.getLogger(CampaignService.class.getName());

    /** Thread-safe and costly to build, so built once. */
    private static final Jsonb JSONB = JsonbBuilder.create();

    @PersistenceContext(unitName = "herald")
    private EntityManager entityManager;

    @EJB
    private IdempotencyKeys idempotencyKeys;

    @EJB
    private CampaignScheduler scheduler;

    @EJB
    private CampaignDispatcher dispatcher;

    @EJB
    private CampaignReadModel readModel;

    @EJB
    private DuplicateCounters counters;

    @EJB
    private AudienceCheck audienceCheck;

    @Inject
    private TemplateCatalog templates;

    @EJB
    private EventOutbox events;

    @Inject
    private Clock clock;

    public CampaignCreated create(CampaignDraft draft, String idempotencyKey) {
        List<String> problems = draft.problems(OffsetDateTime.now(clock));
        if (!problems.isEmpty()) {
            throw new RequestRejectedException(Reason.INVALID, problems);
        }
        List<String> warnings = checkAgainstProviderAndAudience(draft);
        if (idempotencyKey == null) {
            return createNew(draft, warnings);
        }
        String fingerprint = IdempotencyKeys.fingerprint(toJson(draft));
        var earlier = idempotencyKeys.claim(idempotencyKey, fingerprint);
        if (earlier.isPresent()) {
            counters.requestReplayed();
            LOG.log(Level.INFO, "HERALD-0301 create request with key {0} repeated: campaign"
                    + " {1,number,#}"
                    + " answered again", new Object[] {idempotencyKey, earlier.get().campaignId()});
            return earlier.get();
        }
        CampaignCreated created = createNew(draft, warnings);
        idempotencyKeys.complete(idempotencyKey, created);
        return created;
    }

    /** True when the key was used before for a request with other content. */
    public boolean keyUsedForAnotherRequest(CampaignDraft draft, String idempotencyKey) {
        return idempotencyKeys.usedForAnother(idempotencyKey,
                IdempotencyKeys.fingerprint(toJson(draft)));
    }

    public CampaignView get(long campaignId) {
        return readModel.view(campaignId).orElseThrow(() -> new RequestRejectedException(
                Reason.NOT_FOUND, "campaign " + campaignId + " does not exist"));
    }

    public List<CampaignView> list(int limit) {
        return readModel.recent(limit);
    }

    public CampaignView cancel(long campaignId) {
        CampaignView current = get(campaignId);
        int changed = entityManager.createNativeQuery("update campaign set status = 'CANCELLED',"
                + " cancelled_at = now() where id = ?1 and status = 'SCHEDULED'")
                .setParameter(1, campaignId)
                .executeUpdate();
        entityManager.clear();
        if (changed == 0) {
            throw new RequestRejectedException(Reason.CONFLICT, "campaign " + campaignId + " is "
                    + current.status() + "; only a SCHEDULED campaign can be cancelled");
        }
        events.campaignChanged(campaignId, CampaignEventStatus.CANCELLED, null);
        LOG.log(Level.INFO, "HERALD-0302 campaign {0,number,#}: cancelled", campaignId);
        return get(campaignId);
    }

    /** Starts the dispatch now instead of at the scheduled time; a no-op if already started. */
    public CampaignView sendNow(long campaignId) {
        CampaignView current = get(campaignId);
        if (current.status() != CampaignStatus.SCHEDULED) {
            throw new RequestRejectedException(Reason.CONFLICT, "campaign " + campaignId + " is "
                    + current.status() + "; only a SCHEDULED campaign can be sent now");
        }
        dispatcher.dispatchLater(campaignId, DispatchTrigger.SEND_NOW);
        return current;
    }

    /**
     * Refuses what the provider would refuse for every recipient (template, language, number of
     * parameters) and an audience that reaches nobody; returns what the HR user should know.
     */
    private List<String> checkAgainstProviderAndAudience(CampaignDraft draft) {
        List<String> problems = new ArrayList<>(templates.problems(draft.templateName(),
                draft.languageCode(), draft.bodyParameters().size()));
        AudienceCheck.Result audience = audienceCheck.check(draft.audience());
        if (audience.reach() == 0) {
            problems.add("audience reaches no opted-in employee" + (audience.unknown().isEmpty()
                    ? "" : "; unknown: " + sample(audience.unknown())));
        }
        if (!problems.isEmpty()) {
            throw new RequestRejectedException(Reason.INVALID, problems);
        }
        List<String> warnings = new ArrayList<>();
        if (!audience.unknown().isEmpty()) {
            warnings.add(audience.unknown().size() + " audience value(s) match no employee: "
                    + sample(audience.unknown()));
        }
        if (!audience.optedOut().isEmpty()) {
            warnings.add(audience.optedOut().size() + " listed employee(s) opted out and will"
                    + " not receive it: " + sample(audience.optedOut()));
        }
        return warnings;
    }

    private static String sample(List<String> values) {
        return String.join(", ", values.subList(0, Math.min(10, values.size())))
                + (values.size() > 10 ? ", ..." : "");
    }

    private CampaignCreated createNew(CampaignDraft draft, List<String> warnings) {
        Campaign campaign = new Campaign(draft, OffsetDateTime.now(clock).withOffsetSameInstant(
                ZoneOffset.UTC));
        entityManager.persist(campaign);
        entityManager.flush();
        scheduler.schedule(campaign.getId(), campaign.getScheduledAt());
        events.campaignChanged(campaign.getId(), CampaignEventStatus.CREATED, null);
        LOG.log(Level.INFO, "HERALD-0303 campaign {0,number,#}: created for {1}",
                new Object[] {campaign.getId(), campaign.getScheduledAt()});
        CampaignView view = readModel.viewOf(campaign).withWarnings(warnings);
        return new CampaignCreated(campaign.getId(), false, toJson(view));
    }

    static String toJson(Object value) {
        return JSONB.toJson(value);
    }
}
