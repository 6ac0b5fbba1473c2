package org.herald.integration.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.List;
import org.herald.campaign.application.CampaignService;
import org.herald.campaign.domain.CampaignCreated;
import org.herald.console.AuditTrail;
import org.herald.integration.domain.CampaignRequestMessage;
import org.herald.integration.domain.RequestReply;

/**
 * The create use case for requests that arrive over JMS. The request id is the idempotency key,
 * prefixed with {@code jms:} so that it can never meet a REST client's Idempotency-Key: a
 * repeated request id makes no second campaign and is answered with the first one.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class CampaignRequests {

    /** Prefix of the idempotency keys of JMS requests. */
    public static final String KEY_PREFIX = "jms:";

    @EJB
    private CampaignService campaigns;

    @EJB
    private AuditTrail audit;

    /**
     * Creates the campaign of a valid request in the caller's transaction, or returns why not.
     * Nothing here marks the transaction for rollback on a refusal, so the caller can still
     * commit its reply and the dead-letter copy.
     */
    public RequestReply handle(CampaignRequestMessage request) {
        if (request instanceof CampaignRequestMessage.Invalid invalid) {
            return RequestReply.rejected(invalid.requestId(), invalid.problems());
        }
        CampaignRequestMessage.Valid valid = (CampaignRequestMessage.Valid) request;
        String key = KEY_PREFIX + valid.requestId();
        if (campaigns.keyUsedForAnotherRequest(valid.draft(), key)) {
            return RequestReply.rejected(valid.requestId(), List.of("requestId "
                    + valid.requestId() + " was already used for another request"));
        }
        CampaignCreated created = campaigns.create(valid.draft(), key);
        if (!created.replayed()) {
            audit.record("jms", "CREATE_CAMPAIGN", created.campaignId(), null,
                    "request " + valid.requestId());
        }
        return RequestReply.accepted(valid.requestId(), created.campaignId(), created.replayed());
    }
}
