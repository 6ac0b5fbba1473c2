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
import org.herald.delivery.domain.DeliveryMessage;
import org.herald.delivery.infrastructure.jdbc.JdbcDeliveryRepository;
import org.herald.platform.HeraldResources;

/**
 * Consumes the delivery dead-letter queue: a message the broker gave up on after its delivery
 * attempts. Its delivery is marked FAILED with the last reason if it never left (QUEUED), or
 * UNKNOWN if an attempt was cut off around the call (SENDING), so no recipient is silently lost.
 *
 * <p>Triggered by the broker, in a container-managed transaction (REQUIRED); on failure the
 * transaction rolls back and the message stays on the dead-letter queue for an operator.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationLookup",
            propertyValue = HeraldResources.DELIVERY_DEAD_LETTER_QUEUE),
    @ActivationConfigProperty(propertyName = "destinationType",
            propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
})
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class DeadLetterListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(DeadLetterListener.class.getName());

    @Resource
    private MessageDrivenContext context;

    @EJB
    private JdbcDeliveryRepository deliveries;

    @Override
    public void onMessage(Message message) {
        try {
            DeliveryMessage delivery = DeliveryMessage.fromJson(((TextMessage) message).getText());
            deliveries.giveUp(delivery.deliveryId(), message.getIntProperty("JMSXDeliveryCount"));
            LOG.log(Level.WARNING, "HERALD-0407 delivery {0,number,#} of campaign {1,number,#}:"
                    + " broker gave up; FAILED if it never left, else UNKNOWN",
                    new Object[] {delivery.deliveryId(), delivery.campaignId()});
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.SEVERE, "HERALD-0408 dead-lettered delivery message cannot be handled;"
                    + " left on the dead-letter queue", e);
            context.setRollbackOnly();
        }
    }
}
