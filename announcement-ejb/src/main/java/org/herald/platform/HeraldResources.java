package org.herald.platform;

/**
 * The names under which Herald finds the server's resources. They are the only coupling between
 * the application and the server configuration kept in {@code server-config}.
 */
public final class HeraldResources {

    /**
     * The datasource: the platform's default one, which each server's configuration points at
     * Herald's XA pool to PostgreSQL (WildFly: the ee subsystem's default bindings; Payara:
     * {@code jdbc/__default}). A standard name, so the EAR names no server.
     */
    public static final String DATASOURCE = "java:comp/DefaultDataSource";

    /*
     * The JNDI names the message-driven beans listen on. They carry no "java:" prefix: Payara
     * refuses such names for server-defined resources, and WildFly's resource adapter resolves a
     * name without one below "java:/", where server-config binds these destinations too.
     */
    public static final String DELIVERY_QUEUE = "jms/HeraldDeliveries";
    public static final String BASELINE_QUEUE = "jms/HeraldDeliveriesBaseline";
    public static final String DELIVERY_DEAD_LETTER_QUEUE = "jms/HeraldDeliveriesDLQ";
    public static final String REQUEST_QUEUE = "jms/HeraldRequests";

    /*
     * The broker's names of the destinations Herald sends to, for JMSContext.createQueue and
     * createTopic: the same on both servers (WildFly's connection factory adds Artemis's
     * jms.queue. and jms.topic. prefixes itself). An annotation's lookup without "java:" would
     * be read as java:comp/env on WildFly, so senders do not inject destinations.
     */
    public static final String DELIVERY_QUEUE_NAME = "HeraldDeliveries";
    public static final String BASELINE_QUEUE_NAME = "HeraldDeliveriesBaseline";
    public static final String REQUEST_DEAD_LETTER_QUEUE_NAME = "HeraldRequestsDLQ";
    public static final String EVENT_TOPIC_NAME = "HeraldEvents";

    /** Artemis reads this message property for duplicate detection; other brokers ignore it. */
    public static final String BROKER_DUPLICATE_ID = "_AMQ_DUPL_ID";

    /** Herald's own copy of the duplicate id, read by the consumer on every broker. */
    public static final String MESSAGE_KEY = "heraldMessageKey";

    private HeraldResources() {
    }
}
