package org.herald.campaign.application;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.herald.campaign.domain.CampaignStatus;
import org.herald.campaign.domain.DispatchTrigger;
import org.herald.campaign.domain.PauseChange;

/**
 * Pauses and resumes campaigns. A pause commits at once: from then on no chunk is enqueued and
 * no delivery committed to SENDING; messages consumed while paused leave their deliveries HELD.
 * A resume commits the campaign's return to the state it was paused in, then, outside that
 * transaction and chunk by chunk, puts the held deliveries back on the queue and lets a claim
 * continue an interrupted dispatch from its cursor. If this node stops half-way, the sweep
 * releases what is still held and takes the dispatch over when its lease has run out.
 *
 * <p>Both are safe to repeat: pausing a paused campaign or resuming a running one changes
 * nothing, and a release moves only deliveries that are still HELD.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CampaignPauses {

    private static final Logger LOG = Logger.getLogger(CampaignPauses.class.getName());

    @EJB
    private CampaignPauseSteps steps;

    @EJB
    private CampaignDispatcher dispatcher;

    @EJB
    private CampaignPauses self;

    @Inject
    @ConfigProperty(name = "herald.dispatch.chunk-size", defaultValue = "500")
    private int chunkSize;

    public PauseChange pause(long campaignId, String actor) {
        PauseChange change = steps.pause(campaignId, actor);
        if (change.changed()) {
            LOG.log(Level.INFO, "HERALD-0304 campaign {0,number,#}: paused by {1}",
                    new Object[] {campaignId, actor});
        }
        return change;
    }

    public PauseChange resume(long campaignId, String actor) {
        PauseChange change = steps.resume(campaignId, actor);
        if (change.changed()) {
            LOG.log(Level.INFO, "HERALD-0305 campaign {0,number,#}: resumed by {1} ({2})",
                    new Object[] {campaignId, actor, change.status()});
        }
        self.continueLater(campaignId, change.status());
        return change;
    }

    /**
     * Releases the campaign's held deliveries, then continues its dispatch if it was paused
     * while DISPATCHING; on another thread, so that the resume answers at once.
     */
    @Asynchronous
    public void continueLater(long campaignId, CampaignStatus status) {
        releaseHeld(campaignId);
        if (status == CampaignStatus.DISPATCHING) {
            dispatcher.dispatch(campaignId, DispatchTrigger.RESUME);
        }
    }

    /** Puts every HELD delivery of a running campaign back on the queue; returns how many. */
    public int releaseHeld(long campaignId) {
        int released = 0;
        int chunk;
        do {
            chunk = steps.releaseHeld(campaignId, chunkSize);
            released += chunk;
        } while (chunk == chunkSize);
        if (released > 0) {
            LOG.log(Level.INFO, "HERALD-0306 campaign {0,number,#}: {1,number,#} held"
                    + " deliveries back on the queue", new Object[] {campaignId, released});
        }
        return released;
    }
}
