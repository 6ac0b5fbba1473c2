package org.herald.delivery.infrastructure.jms;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.herald.delivery.application.DeliverySender;
import org.herald.delivery.domain.DeliveryMessage;
import org.herald.platform.HeraldResources;

/**
 * Consumes the delivery queue, one message per recipient.
 *
 * <p>Triggered by the broker for each message, in a container-managed XA transaction (REQUIRED)
 * that covers the processed-message row, the delivery's outcome and the acknowledgement (a
 * provider that did not take the message is handled inside, by a delayed later attempt). When
 * anything fails, the transaction is marked for rollback: the broker redelivers after a delay
 * and, after the attempts configured in server-config, moves the message to the dead-letter
 * queue, whose listener ends the delivery. Nothing is logged and dropped.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationLookup",
            propertyValue = HeraldResources.DELIVERY_QUEUE),
    @ActivationConfigProperty(propertyName = "destinationType",
            propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "16")
})
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class DeliveryListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(DeliveryListener.class.getName());

    @Resource
    private MessageDrivenContext context;

    @EJB
    private DeliverySender sender;

    @Override
    public void onMessage(Message message) {
        try {
            DeliveryMessage delivery = DeliveryMessage.fromJson(((TextMessage) message).getText());
            String key = message.getStringProperty(HeraldResources.MESSAGE_KEY);
            sender.deliver(key == null ? delivery.key() : key, delivery);
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.SEVERE, "HERALD-0406 delivery message cannot be handled; it will be"
                    + " redelivered, then dead-lettered", e);
            context.setRollbackOnly();
        }
    }
}
