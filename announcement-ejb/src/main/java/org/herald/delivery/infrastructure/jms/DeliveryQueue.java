package org.herald.delivery.infrastructure.jms;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.List;
import org.herald.delivery.domain.DeliveryMessage;
import org.herald.platform.HeraldResources;

/**
 * Puts per-recipient messages on the delivery queue inside the caller's JTA transaction, so they
 * reach consumers only if the delivery rows they announce are committed too.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class DeliveryQueue {

    @Inject
    private JMSContext context;

    public void sendAll(List<DeliveryMessage> messages) {
        Queue queue = context.createQueue(HeraldResources.DELIVERY_QUEUE_NAME);
        JMSProducer producer = context.createProducer();
        messages.forEach(message -> producer.send(queue, toText(message)));
    }

    /** The benchmark's baseline: the baseline queue, without a duplicate-detection id. */
    public void sendAllToBaseline(List<DeliveryMessage> messages) {
        Queue baselineQueue = context.createQueue(HeraldResources.BASELINE_QUEUE_NAME);
        JMSProducer producer = context.createProducer();
        messages.forEach(message -> producer.send(baselineQueue, message.toJson()));
    }

    /** Enqueues a later attempt that consumers see only after the delay. */
    public void sendLater(DeliveryMessage message, long delayMillis) {
        Queue queue = context.createQueue(HeraldResources.DELIVERY_QUEUE_NAME);
        context.createProducer().setDeliveryDelay(delayMillis).send(queue, toText(message));
    }

    private TextMessage toText(DeliveryMessage message) {
        try {
            TextMessage text = context.createTextMessage(message.toJson());
            text.setStringProperty(HeraldResources.BROKER_DUPLICATE_ID, message.key());
            text.setStringProperty(HeraldResources.MESSAGE_KEY, message.key());
            return text;
        } catch (JMSException e) {
            throw new JMSRuntimeException("cannot enqueue " + message.key() + ": " + e.getMessage(),
                    e.getErrorCode(), e);
        }
    }
}
