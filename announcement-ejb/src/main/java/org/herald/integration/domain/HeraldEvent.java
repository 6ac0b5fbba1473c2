package org.herald.integration.domain;

import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import org.herald.platform.JsonFactory;

/**
 * A state change published on the events topic, format version 1:
 * {@code {"version":1,"eventId","type":"campaign"|"delivery","campaignId","deliveryId"?,
 * "status","sequence","recipients"?,"pause"?,"occurredAt"}}.
 *
 * <p>The event id is the same whenever the same change is reported again, so subscribers drop
 * repeats by it: {@code campaign:<id>:<status>}, {@code campaign:<id>:<PAUSED|RESUMED>:<pause>}
 * and {@code delivery:<id>:<sequence>}. The sequence orders the events of one campaign or one
 * delivery: for a campaign the rank of its status (CREATED 1, DISPATCHING 2, DISPATCHED or
 * CANCELLED 3; a pause and its resume have the rank of the state paused, and their number in
 * {@code pause}), for a delivery its version, which every state change increments (1 is QUEUED,
 * not published).
 */
public record HeraldEvent(String type, long campaignId, Long deliveryId, String status,
        int sequence, Integer recipients, Integer pause, Instant occurredAt) {

    public static final String CAMPAIGN = "campaign";
    public static final String DELIVERY = "delivery";

    public static HeraldEvent campaign(long campaignId, CampaignEventStatus status,
            Integer recipients) {
        return new HeraldEvent(CAMPAIGN, campaignId, null, status.name(), status.sequence(),
                recipients, null, Instant.now());
    }

    /**
     * The campaign's {@code pause}-th pause or resume; {@code sequence} is the rank of the state
     * it was paused in (2 while DISPATCHING, 3 once DISPATCHED).
     */
    public static HeraldEvent campaignPause(long campaignId, CampaignEventStatus status,
            int sequence, int pause) {
        if (status != CampaignEventStatus.PAUSED && status != CampaignEventStatus.RESUMED) {
            throw new IllegalArgumentException(status + " is not a pause or resume");
        }
        return new HeraldEvent(CAMPAIGN, campaignId, null, status.name(), sequence, null, pause,
                Instant.now());
    }

    public static HeraldEvent delivery(long deliveryId, long campaignId, String status,
            int version) {
        return new HeraldEvent(DELIVERY, campaignId, deliveryId, status, version, null, null,
                Instant.now());
    }

    public String eventId() {
        if (DELIVERY.equals(type)) {
            return "delivery:" + deliveryId + ":" + sequence;
        }
        return "campaign:" + campaignId + ":" + status + (pause == null ? "" : ":" + pause);
    }

    public String toJson() {
        JsonObjectBuilder json = JsonFactory.objectBuilder()
                .add("version", 1)
                .add("eventId", eventId())
                .add("type", type)
                .add("campaignId", campaignId);
        if (deliveryId != null) {
            json.add("deliveryId", deliveryId);
        }
        json.add("status", status).add("sequence", sequence);
        if (recipients != null) {
            json.add("recipients", recipients);
        }
        if (pause != null) {
            json.add("pause", pause);
        }
        return json.add("occurredAt", occurredAt.toString()).build().toString();
    }

    /** The campaign changes that are published, with their place in a campaign's life. */
    public enum CampaignEventStatus {
        CREATED(1),
        DISPATCHING(2),
        DISPATCHED(3),
        CANCELLED(3),
        /** Paused; its sequence is that of the state it was paused in. */
        PAUSED(0),
        /** Resumed; its sequence is that of the state it goes back to. */
        RESUMED(0);

        private final int sequence;

        CampaignEventStatus(int sequence) {
            this.sequence = sequence;
        }

        public int sequence() {
            return sequence;
        }
    }
}
