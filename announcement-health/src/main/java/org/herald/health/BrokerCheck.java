package org.herald.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the JMS broker works for Herald: through the platform's default connection
 * factory (standard JMS), a temporary queue, one message sent to it and received back within
 * two seconds. It touches none of Herald's own queues, so a deep delivery queue costs nothing.
 */
@Readiness
@ApplicationScoped
public class BrokerCheck implements HealthCheck {

    private static final long RECEIVE_MILLIS = 2_000;

    @Resource
    private ConnectionFactory connectionFactory;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("herald-broker");
        long started = System.nanoTime();
        try (JMSContext context = connectionFactory.createContext()) {
            TemporaryQueue probe = context.createTemporaryQueue();
            String sent = "health-" + started;
            context.createProducer().send(probe, sent);
            String received;
            try (JMSConsumer consumer = context.createConsumer(probe)) {
                received = consumer.receiveBody(String.class, RECEIVE_MILLIS);
            }
            probe.delete();
            boolean roundTrip = sent.equals(received);
            return response.status(roundTrip)
                    .withData("roundTrip", roundTrip ? "message sent and received"
                            : "no message back within " + RECEIVE_MILLIS + " ms")
                    .withData("millis", DatabaseCheck.elapsedMillis(started)).build();
        } catch (JMSException | RuntimeException e) {
            return response.down().withData("error", String.valueOf(e.getMessage()))
                    .withData("millis", DatabaseCheck.elapsedMillis(started)).build();
        }
    }
}
