package org.herald.delivery.infrastructure.jms;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import org.herald.delivery.application.BaselineSender;
import org.herald.delivery.domain.DeliveryMessage;
import org.herald.platform.HeraldResources;

/**
 * Consumes the baseline queue of the benchmark's at-least-once campaigns.
 *
 * <p>Triggered by the broker for each message, outside any transaction (NOT_SUPPORTED), with
 * automatic acknowledgement. A failure is thrown back to the broker, which redelivers: the
 * message may then be sent twice, which is what the baseline is there to show.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationLookup",
            propertyValue = HeraldResources.BASELINE_QUEUE),
    @ActivationConfigProperty(propertyName = "destinationType",
            propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "acknowledgeMode",
            propertyValue = "Auto-acknowledge"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "16")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BaselineDeliveryListener implements MessageListener {

    @EJB
    private BaselineSender sender;

    @Override
    public void onMessage(Message message) {
        try {
            sender.deliver(DeliveryMessage.fromJson(((TextMessage) message).getText()));
        } catch (JMSException e) {
            throw new IllegalStateException("baseline message cannot be read", e);
        }
    }
}
