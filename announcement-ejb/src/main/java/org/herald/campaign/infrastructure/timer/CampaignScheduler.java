package org.herald.campaign.infrastructure.timer;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.herald.campaign.application.CampaignDispatcher;
import org.herald.campaign.domain.DispatchOutcome;
import org.herald.campaign.domain.DispatchTrigger;

/**
 * One persistent EJB timer per campaign, set when the campaign is created (in the same
 * transaction, so a rolled-back create leaves no timer) and kept across restarts by the server.
 *
 * <p>Triggered by the timer service at the scheduled time, without a transaction. It hands the
 * campaign to the dispatcher, whose claim makes a second firing, a firing on another node or a
 * catch-up run after downtime a no-op. A timer that fires before the campaign is due by the
 * database's clock (server clocks drift and jump) sets itself again for the time that remains.
 * Failures are logged and left to the periodic sweep, which retries any due campaign.
 */
@Stateless
public class CampaignScheduler {

    private static final Logger LOG = Logger.getLogger(CampaignScheduler.class.getName());

    @Resource
    private TimerService timerService;

    @Inject
    private Clock clock;

    @EJB
    private CampaignDispatcher dispatcher;

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void schedule(long campaignId, OffsetDateTime at) {
        timerService.createSingleActionTimer(Date.from(at.toInstant()),
                new TimerConfig(campaignId, true));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void campaignDue(Timer timer) {
        long campaignId = (Long) timer.getInfo();
        DispatchOutcome outcome = dispatcher.dispatch(campaignId, DispatchTrigger.TIMER);
        if (outcome == DispatchOutcome.NOT_DUE) {
            long wait = Math.max(1000, dispatcher.millisUntilDue(campaignId));
            LOG.log(Level.INFO, "HERALD-0204 campaign {0,number,#}: timer fired"
                    + " {1,number,#} ms early by the"
                    + " database clock; set again", new Object[] {campaignId, wait});
            timerService.createSingleActionTimer(Date.from(clock.instant().plusMillis(wait)),
                    new TimerConfig(campaignId, true));
        }
    }
}
