package org.herald.platform;

/**
 * The names under which Herald finds the server's resources. They are the only coupling between
 * the application and the server configuration kept in {@code server-config}.
 */
public final class HeraldResources {

    public static final String DATASOURCE = "java:jboss/datasources/HeraldDS";
    public static final String DELIVERY_QUEUE = "java:/jms/queue/HeraldDeliveries";
    public static final String BASELINE_QUEUE = "java:/jms/queue/HeraldDeliveriesBaseline";
    public static final String DELIVERY_DEAD_LETTER_QUEUE = "java:/jms/queue/HeraldDeliveriesDLQ";
    public static final String REQUEST_QUEUE = "java:/jms/queue/HeraldRequests";
    public static final String REQUEST_DEAD_LETTER_QUEUE = "java:/jms/queue/HeraldRequestsDLQ";
    public static final String EVENT_TOPIC = "java:/jms/topic/HeraldEvents";

    /** Artemis reads this message property for duplicate detection; other brokers ignore it. */
    public static final String BROKER_DUPLICATE_ID = "_AMQ_DUPL_ID";

    /** Herald's own copy of the duplicate id, read by the consumer on every broker. */
    public static final String MESSAGE_KEY = "heraldMessageKey";

    private HeraldResources() {
    }
}
