package org.herald.integration.domain;

/**
 * An event as the outbox holds it until the relay publishes it: its JSON body and the message
 * properties subscribers select on.
 */
public record RecordedEvent(long id, String eventId, String type, long campaignId,
        Long deliveryId, String status, int sequence, Integer pause, String body) {
}
