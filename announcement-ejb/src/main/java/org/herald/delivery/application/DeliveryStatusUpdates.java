package org.herald.delivery.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.herald.delivery.domain.DeliveryStatus;
import org.herald.delivery.infrastructure.jdbc.JdbcDeliveryRepository;
import org.herald.gateway.StatusUpdate;
import org.herald.platform.DuplicateCounters;

/**
 * Applies the provider's status webhooks to deliveries, idempotently and only forwards: a status
 * moves a delivery only from the states listed for it, so a repeated webhook, or a 'delivered'
 * arriving after 'read', changes nothing. A 'sent' (or later) status about a delivery left
 * SENDING or UNKNOWN proves the message went out: that is how a crash around the provider call
 * is reconciled without a second message.
 */
@Stateless
public class DeliveryStatusUpdates {

    private static final Logger LOG = Logger.getLogger(DeliveryStatusUpdates.class.getName());

    private static final Map<String, DeliveryStatus> TARGETS = Map.of(
            "sent", DeliveryStatus.SENT,
            "delivered", DeliveryStatus.DELIVERED,
            "read", DeliveryStatus.READ,
            "failed", DeliveryStatus.FAILED);

    private static final Set<DeliveryStatus> BEFORE_SENT =
            Set.of(DeliveryStatus.SENDING, DeliveryStatus.UNKNOWN);

    @EJB
    private JdbcDeliveryRepository deliveries;

    @EJB
    private DuplicateCounters counters;

    public void apply(List<StatusUpdate> updates) {
        updates.forEach(this::apply);
    }

    private void apply(StatusUpdate update) {
        DeliveryStatus target = TARGETS.get(update.status());
        if (target == null) {
            LOG.log(Level.WARNING, "HERALD-0501 webhook status {0} of {1} is not known; ignored",
                    new Object[] {update.status(), update.wamid()});
            return;
        }
        Long deliveryId = update.deliveryId() != null ? update.deliveryId()
                : deliveries.findByWamid(update.wamid());
        if (deliveryId == null) {
            LOG.log(Level.WARNING, "HERALD-0502 webhook for unknown message {0} ({1});"
                    + " acknowledged", new Object[] {update.wamid(), update.callbackData()});
            return;
        }
        if (!deliveries.applyStatus(deliveryId, target, allowedFrom(target), update)) {
            counters.webhookRepeated();
        }
    }

    private static Set<DeliveryStatus> allowedFrom(DeliveryStatus target) {
        return switch (target) {
            case SENT -> BEFORE_SENT;
            case DELIVERED -> Set.of(DeliveryStatus.SENDING, DeliveryStatus.UNKNOWN,
                    DeliveryStatus.SENT);
            case READ -> Set.of(DeliveryStatus.SENDING, DeliveryStatus.UNKNOWN,
                    DeliveryStatus.SENT, DeliveryStatus.DELIVERED);
            case FAILED -> Set.of(DeliveryStatus.SENDING, DeliveryStatus.UNKNOWN,
                    DeliveryStatus.SENT);
            default -> throw new IllegalArgumentException("not a webhook status: " + target);
        };
    }
}
