package org.herald.integration.infrastructure.jms;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.herald.integration.domain.RequestReply;
import org.herald.platform.HeraldResources;

/**
 * The outgoing side of the request queue, in the caller's XA transaction: replies to
 * {@code JMSReplyTo} and the dead-letter copy of a refused request.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class RequestReplies {

    /** The string property of a dead-lettered request that says why it was refused. */
    public static final String REJECTION = "heraldRejection";

    @Inject
    private JMSContext context;

    /**
     * Sends the reply to the request's {@code JMSReplyTo}, if it names one. The reply's
     * {@code JMSCorrelationID} is the request's own correlation id when the client set one,
     * otherwise the request's {@code JMSMessageID}.
     */
    public void reply(Message request, RequestReply reply) throws JMSException {
        Destination replyTo = request.getJMSReplyTo();
        if (replyTo == null) {
            return;
        }
        String correlationId = request.getJMSCorrelationID() != null
                ? request.getJMSCorrelationID() : request.getJMSMessageID();
        TextMessage message = context.createTextMessage(reply.toJson());
        message.setJMSCorrelationID(correlationId);
        if (reply.requestId() != null) {
            message.setStringProperty("heraldRequestId", reply.requestId());
        }
        message.setStringProperty("heraldStatus", reply.status().name());
        context.createProducer().send(replyTo, message);
    }

    /** Puts a copy of a refused request on the dead-letter queue, with the reason. */
    public void deadLetter(Message request, String body, String reason) throws JMSException {
        TextMessage copy = context.createTextMessage(body);
        copy.setStringProperty(REJECTION, reason);
        copy.setStringProperty("heraldOriginalMessageId", request.getJMSMessageID());
        if (request.getJMSCorrelationID() != null) {
            copy.setJMSCorrelationID(request.getJMSCorrelationID());
        }
        String duplicateId = request.getStringProperty(HeraldResources.BROKER_DUPLICATE_ID);
        if (duplicateId != null) {
            copy.setStringProperty("heraldOriginalDuplicateId", duplicateId);
        }
        Queue deadLetters = context.createQueue(HeraldResources.REQUEST_DEAD_LETTER_QUEUE_NAME);
        context.createProducer().send(deadLetters, copy);
    }
}
