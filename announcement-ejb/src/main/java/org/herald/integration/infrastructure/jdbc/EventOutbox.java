package org.herald.integration.infrastructure.jdbc;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.herald.integration.domain.HeraldEvent;
import org.herald.integration.domain.HeraldEvent.CampaignEventStatus;
import org.herald.integration.domain.RecordedEvent;
import org.herald.platform.HeraldResources;

/**
 * Records state changes for the events topic in the caller's JTA transaction, as rows of the
 * outbox table: an event exists exactly when the change it reports is committed, and never for a
 * change that rolled back. The relay ({@code EventTopic.publishRecorded}) takes the rows out and
 * publishes them in the same transaction, so each recorded event reaches the topic once.
 *
 * <p>Recording costs the caller one insert on the connection it already uses: its transaction
 * stays with the database alone when it has no other resource (the SENDING step then commits in
 * one phase), and no consumer's transaction opens a JMS session for its events.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class EventOutbox {

    private static final String RECORD = """
            insert into event_outbox (event_id, event_type, campaign_id, delivery_id, status,
                                      sequence, pause, body)
            values (?, ?, ?, ?, ?, ?, ?, ?)""";
    // SKIP LOCKED: relays on several nodes take disjoint batches instead of waiting.
    private static final String TAKE = """
            delete from event_outbox
             where id in (select id from event_outbox order by id limit ? for update skip locked)
            returning id, event_id, event_type, campaign_id, delivery_id, status, sequence, pause,
                      body""";

    @Resource(lookup = HeraldResources.DATASOURCE)
    private DataSource dataSource;

    public void campaignChanged(long campaignId, CampaignEventStatus status, Integer recipients) {
        record(HeraldEvent.campaign(campaignId, status, recipients));
    }

    /** The campaign's {@code pause}-th pause or resume, in the rank of the state paused. */
    public void campaignPaused(long campaignId, CampaignEventStatus status, int sequence,
            int pause) {
        record(HeraldEvent.campaignPause(campaignId, status, sequence, pause));
    }

    public void deliveryChanged(long deliveryId, long campaignId, String status, int version) {
        record(HeraldEvent.delivery(deliveryId, campaignId, status, version));
    }

    /**
     * Removes up to {@code max} of the oldest recorded events, in the caller's transaction, and
     * returns them in the order they were recorded; they are gone only if it commits.
     */
    public List<RecordedEvent> take(int max) {
        List<RecordedEvent> events = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement take = connection.prepareStatement(TAKE)) {
            take.setInt(1, max);
            try (ResultSet rs = take.executeQuery()) {
                while (rs.next()) {
                    events.add(new RecordedEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getLong(4), (Long) rs.getObject(5), rs.getString(6), rs.getInt(7),
                            (Integer) rs.getObject(8), rs.getString(9)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take events from the outbox", e);
        }
        events.sort(Comparator.comparingLong(RecordedEvent::id));
        return events;
    }

    private void record(HeraldEvent event) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(RECORD)) {
            insert.setString(1, event.eventId());
            insert.setString(2, event.type());
            insert.setLong(3, event.campaignId());
            insert.setObject(4, event.deliveryId(), Types.BIGINT);
            insert.setString(5, event.status());
            insert.setInt(6, event.sequence());
            insert.setObject(7, event.pause(), Types.INTEGER);
            insert.setString(8, event.toJson());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record event " + event.eventId(), e);
        }
    }
}
