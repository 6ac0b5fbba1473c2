package org.herald.integration.infrastructure.jms;

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
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.herald.integration.application.CampaignRequests;
import org.herald.integration.domain.CampaignRequestMessage;
import org.herald.integration.domain.RequestReply;
import org.herald.platform.HeraldResources;

/**
 * Consumes campaign requests from other systems (queue HeraldRequests, JSON format version 1).
 *
 * <p>Triggered by the broker for each request, in a container-managed XA transaction (REQUIRED)
 * that covers the campaign, its idempotency key, the reply to {@code JMSReplyTo} and the
 * acknowledgement: the reply leaves only if the campaign is committed.
 *
 * <p>Failure policy. A request Herald can never accept (not a text message, not JSON, another
 * format version, invalid content, a request id already used for another request) is answered
 * REJECTED, and a copy with the reason in the property {@code heraldRejection} is put on
 * HeraldRequestsDLQ in this same transaction; the original is acknowledged, so it neither blocks
 * the queue nor comes back. Any other failure (the database down, say) marks the transaction for
 * rollback: the broker redelivers after 1, 2, 4, 8 and 16 s and then moves the message to
 * HeraldRequestsDLQ itself; the idempotency key makes a redelivered request create nothing twice.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationLookup",
            propertyValue = HeraldResources.REQUEST_QUEUE),
    @ActivationConfigProperty(propertyName = "destinationType",
            propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
})
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class CampaignRequestListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(CampaignRequestListener.class.getName());

    @Resource
    private MessageDrivenContext context;

    @EJB
    private CampaignRequests requests;

    @EJB
    private RequestReplies replies;

    @Override
    public void onMessage(Message message) {
        try {
            String body = message instanceof TextMessage text ? text.getText() : null;
            CampaignRequestMessage request = message instanceof TextMessage
                    ? CampaignRequestMessage.parse(body)
                    : new CampaignRequestMessage.Invalid(null, List.of("the message must be a"
                            + " TextMessage holding JSON, not " + message.getClass().getName()));
            RequestReply reply = requests.handle(request);
            if (reply.isAccepted()) {
                LOG.log(Level.INFO, "HERALD-0801 request {0}: campaign {1}{2}", new Object[] {
                    reply.requestId(), reply.campaignId(), reply.replayed() ? " (repeat)" : ""});
            } else {
                String reason = String.join("; ", reply.problems());
                replies.deadLetter(message, body == null ? "" : body, reason);
                LOG.log(Level.WARNING, "HERALD-0802 request {0} (message {1}) refused and"
                        + " dead-lettered: {2}", new Object[] {reply.requestId(),
                        message.getJMSMessageID(), reason});
            }
            replies.reply(message, reply);
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.SEVERE, "HERALD-0803 campaign request cannot be handled now; it will be"
                    + " redelivered, then dead-lettered", e);
            context.setRollbackOnly();
        }
    }
}
