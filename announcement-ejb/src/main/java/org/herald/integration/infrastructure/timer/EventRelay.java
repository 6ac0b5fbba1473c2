package org.herald.integration.infrastructure.timer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.herald.integration.infrastructure.jms.EventTopic;

/**
 * Moves recorded events from the outbox to the events topic on every node, a batch of 500 per
 * transaction. A run that found a full batch is followed at once by the next; otherwise the next
 * run is a second later. Each run arms the next one itself (a non-persistent single-action
 * timer), so runs never overlap. Nodes take disjoint batches. A failure is logged; the batch
 * stays in the outbox and the next run publishes it.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EventRelay {

    private static final Logger LOG = Logger.getLogger(EventRelay.class.getName());
    private static final int BATCH = 500;
    private static final long IDLE_MILLIS = 1_000;

    @Resource
    private TimerService timerService;

    @EJB
    private EventTopic topic;

    @PostConstruct
    void start() {
        arm(IDLE_MILLIS);
    }

    @Timeout
    void relay() {
        long next = IDLE_MILLIS;
        try {
            if (topic.publishRecorded(BATCH) == BATCH) {
                next = 1;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "HERALD-0804 events cannot be published now; they stay in"
                    + " the outbox and the next run retries", e);
        } finally {
            arm(next);
        }
    }

    private void arm(long millis) {
        timerService.createSingleActionTimer(millis, new TimerConfig(null, false));
    }
}
