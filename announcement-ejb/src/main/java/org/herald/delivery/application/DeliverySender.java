package org.herald.delivery.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.herald.delivery.domain.DeliveryMessage;
import org.herald.delivery.domain.DeliveryStatus;
import org.herald.delivery.domain.RetryDelays;
import org.herald.delivery.domain.SendJob;
import org.herald.delivery.domain.SendStart;
import org.herald.delivery.infrastructure.jdbc.JdbcDeliveryRepository;
import org.herald.delivery.infrastructure.jms.DeliveryQueue;
import org.herald.gateway.SendOutcome;
import org.herald.gateway.TemplateMessage;
import org.herald.gateway.Turn;
import org.herald.gateway.WhatsAppGateway;
import org.herald.platform.DuplicateCounters;

/**
 * Sends one delivery, at most once, inside the consumer's XA transaction.
 *
 * <p>Three guards stand between a repeated message and a second WhatsApp message: the
 * processed-message row (a redelivered or copied message finds it and stops), the delivery's
 * QUEUED state (changed to SENDING in a transaction of its own before the call, so only one
 * attempt ever calls the provider) and the outcome: a provider answer that does not prove the
 * message stayed home leaves the delivery UNKNOWN rather than queued for a retry.
 *
 * <p>While the delivery's campaign is paused, its message is acknowledged and the delivery is
 * HELD instead of sent (never rolled back, so the broker's redelivery limit cannot dead-letter
 * it); the resume puts it back on the queue. The decision is made under the campaign's row lock
 * when SENDING is committed, so a pause that committed first is always seen.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class DeliverySender {

    private static final Logger LOG = Logger.getLogger(DeliverySender.class.getName());

    @EJB
    private JdbcDeliveryRepository deliveries;

    @EJB
    private DuplicateCounters counters;

    @EJB
    private DeliveryQueue queue;

    @Inject
    private WhatsAppGateway gateway;

    @Inject
    @ConfigProperty(name = "herald.delivery.max-attempts", defaultValue = "20")
    int maxAttempts;

    /** Handles one message from the delivery queue. */
    public void deliver(String messageKey, DeliveryMessage message) {
        if (!deliveries.recordProcessed(messageKey)) {
            counters.messageAlreadyProcessed();
            LOG.log(Level.INFO, "HERALD-0401 delivery {0,number,#} of campaign {1,number,#}:"
                    + " message {2} already processed; repeat ignored", new Object[] {
                    message.deliveryId(), message.campaignId(), messageKey});
            return;
        }
        if (deliveries.campaignPaused(message.deliveryId())) {
            Optional<SendStart> held = deliveries.holdIfPaused(message.deliveryId());
            if (held.isPresent()) {
                notStarted(message, held.get());
                return;
            }
        }
        Turn turn = gateway.awaitTurn();
        SendStart start = deliveries.beginSending(message.deliveryId());
        if (start.job().isEmpty()) {
            notStarted(message, start);
            return;
        }
        SendJob job = start.job().get();
        SendOutcome outcome = gateway.send(toTemplateMessage(job), turn);
        record(job, message, outcome);
    }

    /**
     * The message is acknowledged without a send: its campaign is paused (the delivery is HELD
     * until the resume enqueues it again) or the delivery is past QUEUED.
     */
    private void notStarted(DeliveryMessage message, SendStart start) {
        if (start.held()) {
            LOG.log(Level.FINE, "HERALD-0410 delivery {0,number,#} of campaign {1,number,#}:"
                    + " campaign paused; held", new Object[] {message.deliveryId(),
                    message.campaignId()});
        } else if (!start.paused()) {
            counters.deliveryAlreadyStarted();
            LOG.log(Level.WARNING, "HERALD-0402 delivery {0,number,#} of campaign {1,number,#}:"
                    + " not QUEUED, not sent again", new Object[] {message.deliveryId(),
                    message.campaignId()});
        }
    }

    private void record(SendJob job, DeliveryMessage message, SendOutcome outcome) {
        long id = job.deliveryId();
        if (outcome instanceof SendOutcome.Accepted accepted) {
            deliveries.recordAccepted(id, accepted.wamid());
        } else if (outcome instanceof SendOutcome.Rejected rejected) {
            deliveries.recordFinished(id, DeliveryStatus.FAILED, rejected.code(),
                    rejected.reason());
            LOG.log(Level.WARNING, "HERALD-0403 delivery {0,number,#} of campaign"
                    + " {1,number,#}: refused, code {2,number,#}: {3}",
                    new Object[] {id, job.campaignId(), rejected.code(), rejected.reason()});
        } else if (outcome instanceof SendOutcome.Ambiguous ambiguous) {
            deliveries.recordFinished(id, DeliveryStatus.UNKNOWN, null, ambiguous.reason());
            LOG.log(Level.WARNING, "HERALD-0404 delivery {0,number,#} of campaign"
                    + " {1,number,#}: outcome unknown: {2}",
                    new Object[] {id, job.campaignId(), ambiguous.reason()});
        } else if (outcome instanceof SendOutcome.NotSent notSent) {
            retryLater(job, message, notSent);
        }
    }

    /**
     * The provider certainly did not take the message: the delivery goes back to QUEUED on its
     * own and a new message for the next attempt is enqueued with a growing delay, in this
     * transaction. The broker's own redelivery is kept for failures of Herald itself.
     */
    private void retryLater(SendJob job, DeliveryMessage message, SendOutcome.NotSent notSent) {
        Optional<Integer> attempts = deliveries.requeue(job.deliveryId(), notSent,
                maxAttempts);
        if (attempts.isEmpty()) {
            LOG.log(Level.WARNING, "HERALD-0409 delivery {0,number,#} of campaign"
                    + " {1,number,#}: not sent after {2,number,#}"
                    + " attempts ({3}); failed", new Object[] {job.deliveryId(), job.campaignId(),
                    maxAttempts, notSent.reason()});
            return;
        }
        long delay = RetryDelays.afterAttempt(attempts.get());
        queue.sendLater(message.forAttempt(attempts.get()), delay);
        LOG.log(Level.INFO, "HERALD-0405 delivery {0,number,#} of campaign {1,number,#}:"
                + " not sent ({2}); attempt"
                + " {3} in {4} ms", new Object[] {job.deliveryId(), job.campaignId(),
                notSent.reason(), attempts.get() + 1, delay});
    }

    private static TemplateMessage toTemplateMessage(SendJob job) {
        return new TemplateMessage(job.phoneE164(), job.templateName(), job.languageCode(),
                job.personalisedParameters(), job.callbackData());
    }
}
