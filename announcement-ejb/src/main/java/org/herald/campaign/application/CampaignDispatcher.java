package org.herald.campaign.application;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.herald.campaign.application.CampaignDispatchSteps.ChunkResult;
import org.herald.campaign.domain.ClaimResult;
import org.herald.campaign.domain.DispatchClaim;
import org.herald.campaign.domain.DispatchOutcome;
import org.herald.campaign.domain.DispatchTrigger;
import org.herald.platform.DuplicateCounters;

/**
 * Dispatches a campaign: claims it, then enqueues its recipients chunk by chunk, each chunk atomic
 * and the cursor persisted with it. Runs outside any transaction so that a 100,000-recipient
 * campaign is many short transactions, not one long one; if this node dies mid-way, the lease
 * runs out and any dispatcher (the sweep, on any node) continues from the cursor.
 *
 * <p>Safe to call any number of times, from anywhere: only the claim's winner enqueues.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CampaignDispatcher {

    private static final Logger LOG = Logger.getLogger(CampaignDispatcher.class.getName());

    @EJB
    private CampaignDispatchSteps steps;

    @EJB
    private DuplicateCounters counters;

    @Inject
    @ConfigProperty(name = "herald.dispatch.chunk-size", defaultValue = "500")
    private int chunkSize;

    @Inject
    @ConfigProperty(name = "herald.dispatch.lease-seconds", defaultValue = "30")
    private int leaseSeconds;

    public DispatchOutcome dispatch(long campaignId, DispatchTrigger trigger) {
        String owner = UUID.randomUUID().toString();
        ClaimResult result = steps.claim(campaignId, owner, !trigger.waitsForSchedule(),
                leaseSeconds);
        if (result.claim().isEmpty()) {
            if (!result.notDueYet()) {
                counters.campaignClaimRefused();
            }
            LOG.log(Level.FINE, "campaign {0,number,#}: {1} did not claim it ({2})",
                    new Object[] {campaignId, trigger, result.refusal()});
            return result.notDueYet() ? DispatchOutcome.NOT_DUE : DispatchOutcome.NOT_CLAIMED;
        }
        LOG.log(Level.INFO, "HERALD-0201 campaign {0,number,#}: dispatch claimed by {1} ({2})",
                new Object[] {campaignId, trigger, owner});
        return enqueueAll(result.claim().get());
    }

    /** Starts a dispatch on another thread, for callers that must not wait for it. */
    @Asynchronous
    public void dispatchLater(long campaignId, DispatchTrigger trigger) {
        dispatch(campaignId, trigger);
    }

    /** How long until the campaign is due by the database's clock; 0 when due or not waiting. */
    public long millisUntilDue(long campaignId) {
        return steps.millisUntilDue(campaignId);
    }

    private DispatchOutcome enqueueAll(DispatchClaim claim) {
        long enqueued = 0;
        DispatchClaim current = claim;
        while (true) {
            ChunkResult chunk = steps.enqueueChunk(current, chunkSize, leaseSeconds);
            if (chunk.paused()) {
                LOG.log(Level.INFO, "HERALD-0206 campaign {0,number,#}: paused after"
                        + " {1,number,#} recipients enqueued by this attempt; the resume"
                        + " continues from the cursor", new Object[] {claim.campaignId(),
                        enqueued});
                return DispatchOutcome.PAUSED;
            }
            if (chunk.lostLease()) {
                LOG.log(Level.WARNING, "HERALD-0203 campaign {0,number,#}: lease lost after"
                        + " {1,number,#} recipients;"
                        + " another dispatcher continues",
                        new Object[] {claim.campaignId(), enqueued});
                return DispatchOutcome.LEASE_LOST;
            }
            enqueued += chunk.enqueued();
            if (chunk.finished()) {
                LOG.log(Level.INFO, "HERALD-0202 campaign {0,number,#}: dispatched,"
                        + " {1,number,#} recipients enqueued"
                        + " by this attempt", new Object[] {claim.campaignId(), enqueued});
                return DispatchOutcome.DISPATCHED;
            }
            current = current.advancedTo(chunk.cursor());
        }
    }
}
