package org.herald.delivery.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.herald.delivery.domain.DeliveryMessage;
import org.herald.delivery.domain.DeliveryStatus;
import org.herald.delivery.domain.SendJob;
import org.herald.delivery.infrastructure.jdbc.JdbcDeliveryRepository;
import org.herald.gateway.SendOutcome;
import org.herald.gateway.TemplateMessage;
import org.herald.gateway.WhatsAppGateway;

/**
 * The at-least-once baseline that the benchmark measures the guarantees against: read, send,
 * record, with no processed-message row, no SENDING step and no transaction. After a failure the
 * message may be sent again. Never used unless a campaign asks for it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BaselineSender {

    @EJB
    private JdbcDeliveryRepository deliveries;

    @Inject
    private WhatsAppGateway gateway;

    public void deliver(DeliveryMessage message) {
        SendJob job = deliveries.loadJob(message.deliveryId()).orElseThrow(
                () -> new IllegalStateException("delivery " + message.deliveryId()
                        + " is not visible"));
        SendOutcome outcome = gateway.send(new TemplateMessage(job.phoneE164(),
                job.templateName(), job.languageCode(), job.personalisedParameters(),
                job.callbackData()), gateway.awaitTurn());
        if (outcome instanceof SendOutcome.Accepted accepted) {
            deliveries.recordBaselineOutcome(job.deliveryId(), DeliveryStatus.SENT,
                    accepted.wamid(), null, null);
        } else if (outcome instanceof SendOutcome.Rejected rejected) {
            deliveries.recordBaselineOutcome(job.deliveryId(), DeliveryStatus.FAILED, null,
                    rejected.code(), rejected.reason());
        } else if (outcome instanceof SendOutcome.Ambiguous ambiguous) {
            deliveries.recordBaselineOutcome(job.deliveryId(), DeliveryStatus.UNKNOWN, null,
                    null, ambiguous.reason());
        } else if (outcome instanceof SendOutcome.NotSent notSent) {
            throw new IllegalStateException("not sent, redeliver: " + notSent.reason());
        }
    }
}
