package org.herald.delivery.infrastructure.timer;

import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.herald.delivery.application.DeliveryReconciliation;

/**
 * Applies the at-least-once policy: every 30 seconds, UNKNOWN deliveries of campaigns that chose
 * RESEND_AFTER_WINDOW, whose window passed without a webhook, are resent. Campaigns with the
 * default policy are never touched here.
 *
 * <p>Triggered by a non-persistent schedule, without a transaction of its own (each resend has
 * one); only an UNKNOWN delivery can be resent, so two nodes running this at once resend once.
 * A failure is logged and the next run retries.
 */
@Singleton
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReconciliationScheduler {

    private static final Logger LOG = Logger.getLogger(ReconciliationScheduler.class.getName());

    @EJB
    private DeliveryReconciliation reconciliation;

    @Schedule(hour = "*", minute = "*", second = "*/30", persistent = false)
    void resendExpired() {
        try {
            int resent = reconciliation.resendExpiredOfAtLeastOnceCampaigns();
            if (resent > 0) {
                LOG.log(Level.INFO, "HERALD-0703 {0,number,#} unknown deliveries resent by"
                        + " policy", resent);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "HERALD-0704 resending expired unknown deliveries failed", e);
        }
    }
}
