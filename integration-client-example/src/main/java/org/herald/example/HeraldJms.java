package org.herald.example;

import jakarta.jms.Destination;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.Optional;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A connection to Herald's JMS integration: the request queue, replies on a temporary queue and
 * the events topic. It uses the plain Artemis JMS client, connected through WildFly's HTTP port
 * (HTTP upgrade to the {@code http-acceptor}); credentials are those of an account with the role
 * herald-integration ({@code ./herald integration-user <name>}).
 */
public final class HeraldJms implements AutoCloseable {

    /** Artemis's duplicate-detection property; Herald's clients set it to the request id. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    public static final String REQUESTS = "HeraldRequests";
    public static final String REQUESTS_DLQ = "HeraldRequestsDLQ";
    public static final String EVENTS = "HeraldEvents";

    private final ActiveMQConnectionFactory factory;
    private final JMSContext context;

    private HeraldJms(String url, String user, String password) {
        factory = new ActiveMQConnectionFactory(url);
        context = factory.createContext(user, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    /**
     * Connects to the server whose HTTP port is {@code host:port}. WildFly keeps the JMS 1.x
     * address prefixes (jms.queue., jms.topic.), so the client must use them too.
     */
    public static HeraldJms connect(String hostAndPort, String user, String password) {
        return new HeraldJms(url(hostAndPort), user, password);
    }

    public static String url(String hostAndPort) {
        return "tcp://" + hostAndPort + "?httpUpgradeEnabled=true"
                + "&httpUpgradeEndpoint=http-acceptor&enable1xPrefixes=true";
    }

    public JMSContext context() {
        return context;
    }

    public Queue requests() {
        return context.createQueue(REQUESTS);
    }

    public Queue deadLetters() {
        return context.createQueue(REQUESTS_DLQ);
    }

    public Topic events() {
        return context.createTopic(EVENTS);
    }

    /** A temporary queue for replies; it lives as long as this connection. */
    public TemporaryQueue replyQueue() {
        return context.createTemporaryQueue();
    }

    /**
     * Sends a request with its request id as the duplicate-detection id.
     *
     * @return the JMSMessageID, which the reply carries as its JMSCorrelationID
     */
    public String send(String json, String requestId, Destination replyTo) {
        return send(json, requestId, replyTo, null);
    }

    /**
     * Sends a request with the given duplicate-detection id (a client that resends a request
     * should keep the request id, and the broker drops the copy). The correlation id, if not
     * null, is set on the request and comes back on the reply.
     *
     * @return the JMSMessageID
     */
    public String send(String json, String duplicateId, Destination replyTo,
            String correlationId) {
        try {
            TextMessage message = context.createTextMessage(json);
            message.setStringProperty(DUPLICATE_ID, duplicateId);
            if (correlationId != null) {
                message.setJMSCorrelationID(correlationId);
            }
            if (replyTo != null) {
                message.setJMSReplyTo(replyTo);
            }
            context.createProducer().send(requests(), message);
            return message.getJMSMessageID();
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    /** Waits for the reply to a request sent with {@link #send}. */
    public Optional<String> awaitReply(TemporaryQueue replyQueue, String messageId,
            Duration timeout) {
        String selector = "JMSCorrelationID = '" + messageId.replace("'", "''") + "'";
        try (JMSConsumer consumer = context.createConsumer(replyQueue, selector)) {
            return Optional.ofNullable(consumer.receiveBody(String.class, timeout.toMillis()));
        }
    }

    /** A non-durable subscription to the events, optionally narrowed by a selector. */
    public JMSConsumer subscribe(String selector) {
        return context.createConsumer(events(), selector);
    }

    public static String text(Message message) {
        try {
            return message == null ? null : message.getBody(String.class);
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    @Override
    public void close() {
        context.close();
        factory.close();
    }
}
