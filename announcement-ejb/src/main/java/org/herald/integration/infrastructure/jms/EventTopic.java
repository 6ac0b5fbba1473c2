package org.herald.integration.infrastructure.jms;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.herald.integration.domain.HeraldEvent;
import org.herald.integration.domain.HeraldEvent.CampaignEventStatus;
import org.herald.platform.HeraldResources;

/**
 * Publishes state changes on the events topic inside the caller's JTA transaction, through the
 * container's XA JMSContext: an event reaches subscribers exactly when the change it reports is
 * committed, and never for a change that rolled back. One send per change.
 *
 * <p>Besides the JSON body each message carries the properties {@code heraldEventId},
 * {@code heraldEventType}, {@code campaignId}, {@code status} and {@code sequence} (and
 * {@code deliveryId} for deliveries, {@code pause} for a pause or resume), so that a subscriber
 * can select, say, one campaign.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class EventTopic {

    @Inject
    private JMSContext context;

    public void campaignChanged(long campaignId, CampaignEventStatus status, Integer recipients) {
        publish(HeraldEvent.campaign(campaignId, status, recipients));
    }

    /** The campaign's {@code pause}-th pause or resume, in the rank of the state paused. */
    public void campaignPaused(long campaignId, CampaignEventStatus status, int sequence,
            int pause) {
        publish(HeraldEvent.campaignPause(campaignId, status, sequence, pause));
    }

    public void deliveryChanged(long deliveryId, long campaignId, String status, int version) {
        publish(HeraldEvent.delivery(deliveryId, campaignId, status, version));
    }

    private void publish(HeraldEvent event) {
        try {
            TextMessage message = context.createTextMessage(event.toJson());
            message.setStringProperty("heraldEventId", event.eventId());
            message.setStringProperty("heraldEventType", event.type());
            message.setLongProperty("campaignId", event.campaignId());
            if (event.deliveryId() != null) {
                message.setLongProperty("deliveryId", event.deliveryId());
            }
            message.setStringProperty("status", event.status());
            message.setIntProperty("sequence", event.sequence());
            if (event.pause() != null) {
                message.setIntProperty("pause", event.pause());
            }
            Topic topic = context.createTopic(HeraldResources.EVENT_TOPIC_NAME);
            context.createProducer().send(topic, message);
        } catch (JMSException e) {
            throw new JMSRuntimeException("cannot publish " + event.eventId() + ": "
                    + e.getMessage(), e.getErrorCode(), e);
        }
    }
}
