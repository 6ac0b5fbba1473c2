package org.herald.delivery.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.herald.delivery.domain.DeliveryMessage;
import org.herald.delivery.domain.DeliveryStatus;
import org.herald.delivery.domain.SendJob;
import org.herald.delivery.infrastructure.jdbc.JdbcDeliveryRepository;
import org.herald.gateway.SendOutcome;
import org.herald.gateway.TemplateMessage;
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
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class DeliverySender {

    private static final Logger LOG = Logger.getLogger(DeliverySender.class.getName());

    @EJB
    private JdbcDeliveryRepository deliveries;

    @EJB
    private DuplicateCounters counters;

    @Inject
    private WhatsAppGateway gateway;

    /**
     * Handles one message from the delivery queue.
     *
     * @return false when the message must come back later (the provider did not take it); the
     *     caller then rolls its transaction back so that the broker redelivers it
     */
    public boolean deliver(String messageKey, DeliveryMessage message) {
        if (!deliveries.recordProcessed(messageKey)) {
            counters.messageAlreadyProcessed();
            LOG.log(Level.INFO, "HERALD-0401 {0}: already processed; repeat ignored", messageKey);
            return true;
        }
        Optional<SendJob> job = deliveries.beginSending(message.deliveryId());
        if (job.isEmpty()) {
            counters.deliveryAlreadyStarted();
            LOG.log(Level.WARNING, "HERALD-0402 delivery {0}: not QUEUED, not sent again",
                    message.deliveryId());
            return true;
        }
        SendOutcome outcome = gateway.send(toTemplateMessage(job.get()));
        return record(job.get(), outcome);
    }

    private boolean record(SendJob job, SendOutcome outcome) {
        long id = job.deliveryId();
        if (outcome instanceof SendOutcome.Accepted accepted) {
            deliveries.recordAccepted(id, accepted.wamid());
        } else if (outcome instanceof SendOutcome.Rejected rejected) {
            deliveries.recordFinished(id, DeliveryStatus.FAILED, rejected.code(), rejected.reason());
            LOG.log(Level.WARNING, "HERALD-0403 delivery {0} of campaign {1}: refused, code {2}: {3}",
                    new Object[] {id, job.campaignId(), rejected.code(), rejected.reason()});
        } else if (outcome instanceof SendOutcome.Ambiguous ambiguous) {
            deliveries.recordFinished(id, DeliveryStatus.UNKNOWN, null, ambiguous.reason());
            LOG.log(Level.WARNING, "HERALD-0404 delivery {0} of campaign {1}: outcome unknown: {2}",
                    new Object[] {id, job.campaignId(), ambiguous.reason()});
        } else if (outcome instanceof SendOutcome.NotSent notSent) {
            deliveries.requeue(id, notSent);
            LOG.log(Level.INFO, "HERALD-0405 delivery {0} of campaign {1}: not sent ({2}); retried"
                    + " later", new Object[] {id, job.campaignId(), notSent.reason()});
            return false;
        }
        return true;
    }

    private static TemplateMessage toTemplateMessage(SendJob job) {
        return new TemplateMessage(job.phoneE164(), job.templateName(), job.languageCode(),
                job.personalisedParameters(), job.callbackData());
    }
}
