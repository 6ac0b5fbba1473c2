package org.herald.campaign.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.herald.campaign.domain.Campaign;
import org.herald.campaign.domain.CampaignStatus;
import org.herald.campaign.domain.CampaignView;
import org.herald.delivery.domain.DeliveryStatus;

/** Reads campaigns with their delivery counts for the API. Never part of a send decision. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class CampaignReadModel {

    @PersistenceContext(unitName = "herald")
    private EntityManager entityManager;

    public Optional<CampaignView> view(long campaignId) {
        return Optional.ofNullable(entityManager.find(Campaign.class, campaignId))
                .map(this::viewOf);
    }

    public List<CampaignView> recent(int limit) {
        return entityManager.createQuery("select c from Campaign c order by c.id desc",
                        Campaign.class)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(this::viewOf)
                .toList();
    }

    public CampaignView viewOf(Campaign campaign) {
        Map<String, Long> counts = deliveryCounts(campaign.getId());
        boolean finished = campaign.getStatus() == CampaignStatus.DISPATCHED
                && counts.getOrDefault(DeliveryStatus.QUEUED.name(), 0L) == 0
                && counts.getOrDefault(DeliveryStatus.SENDING.name(), 0L) == 0
                && counts.getOrDefault(DeliveryStatus.HELD.name(), 0L) == 0;
        return new CampaignView(campaign.getId(), campaign.getName(), campaign.getTemplateName(),
                campaign.getLanguageCode(), campaign.getBodyParameters(), campaign.getAudience(),
                campaign.getScheduledAt(), campaign.getStatus(), campaign.getUnknownPolicy(),
                campaign.getRecipientCount(),
                counts, finished, campaign.getCreatedAt(), campaign.getDispatchStartedAt(),
                campaign.getDispatchedAt(), campaign.getCancelledAt(), campaign.getPausedFrom(),
                campaign.getPausedAt(), List.of());
    }

    private Map<String, Long> deliveryCounts(long campaignId) {
        List<?> rows = entityManager.createNativeQuery("select status, count(*) from delivery"
                        + " where campaign_id = ?1 group by status")
                .setParameter(1, campaignId)
                .getResultList();
        Map<String, Long> counts = new TreeMap<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            counts.put((String) columns[0], ((Number) columns[1]).longValue());
        }
        return counts;
    }
}
