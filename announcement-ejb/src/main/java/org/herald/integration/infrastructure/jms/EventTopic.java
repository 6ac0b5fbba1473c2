package org.herald.integration.infrastructure.jms;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.List;
import org.herald.integration.domain.RecordedEvent;
import org.herald.integration.infrastructure.jdbc.EventOutbox;
import org.herald.platform.HeraldResources;

/**
 * Publishes the events recorded in the outbox on the events topic. Each call is one XA
 * transaction over PostgreSQL and the broker that removes a batch from the outbox and sends it:
 * a batch is either published and gone from the outbox, or neither, so each event reaches the
 * topic once, whatever stops the server in between.
 *
 * <p>Besides the JSON body each message carries the properties {@code heraldEventId},
 * {@code heraldEventType}, {@code campaignId}, {@code status} and {@code sequence} (and
 * {@code deliveryId} for deliveries, {@code pause} for a pause or resume), so that a subscriber
 * can select, say, one campaign.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class EventTopic {

    @EJB
    private EventOutbox outbox;

    @Inject
    private JMSContext context;

    /** Publishes up to {@code max} recorded events, oldest first; returns how many. */
    public int publishRecorded(int max) {
        List<RecordedEvent> events = outbox.take(max);
        if (events.isEmpty()) {
            return 0;
        }
        Topic topic = context.createTopic(HeraldResources.EVENT_TOPIC_NAME);
        JMSProducer producer = context.createProducer();
        events.forEach(event -> producer.send(topic, toMessage(event)));
        return events.size();
    }

    private TextMessage toMessage(RecordedEvent event) {
        try {
            TextMessage message = context.createTextMessage(event.body());
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
            return message;
        } catch (JMSException e) {
            throw new JMSRuntimeException("cannot publish " + event.eventId() + ": "
                    + e.getMessage(), e.getErrorCode(), e);
        }
    }
}
