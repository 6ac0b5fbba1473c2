package org.herald.campaign.application;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.herald.campaign.domain.CampaignStatus;
import org.herald.campaign.domain.PauseChange;
import org.herald.delivery.domain.DeliveryMessage;
import org.herald.delivery.infrastructure.jms.DeliveryQueue;
import org.herald.integration.domain.HeraldEvent.CampaignEventStatus;
import org.herald.integration.infrastructure.jdbc.EventOutbox;
import org.herald.platform.HeraldResources;
import org.herald.platform.RequestRejectedException;
import org.herald.platform.RequestRejectedException.Reason;

/**
 * The transactional steps of pausing and resuming, each in a transaction of its own that first
 * locks the campaign's row (SELECT ... FOR UPDATE). A consumer locks that row too (FOR KEY SHARE)
 * when it decides between SENDING and HELD, and a dispatch chunk when it renews its lease, so
 * each of them commits entirely before a pause or entirely after it: no SENDING is committed and
 * no chunk enqueued after a pause committed.
 *
 * <p>{@link #pause} moves a DISPATCHING or unfinished DISPATCHED campaign to PAUSED, keeping the
 * state it left. {@link #resume} puts it back there (a DISPATCHING one with its lease expired, so
 * that a claim continues the dispatch from its cursor). {@link #releaseHeld} then puts a chunk of
 * HELD deliveries back on the queue, in one XA transaction over PostgreSQL and the broker; each
 * message has a key of its own (the delivery's new version), also its duplicate-detection id.
 * Each change publishes its event and is recorded in the audit trail under the user's name.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class CampaignPauseSteps {

    private static final String LOCK = """
            select c.status, c.delivery_guarantee,
                   exists (select 1 from delivery d where d.campaign_id = c.id
                              and d.status in ('QUEUED', 'SENDING', 'HELD'))
              from campaign c where c.id = ? for update""";
    private static final String PAUSE = """
            update campaign set status = 'PAUSED', paused_from = status, paused_at = now(),
                   pause_count = pause_count + 1
             where id = ? and status in ('DISPATCHING', 'DISPATCHED')
            returning paused_from, pause_count""";
    // The lease of a dispatch that was paused is over: the next claim (the resume's own, or the
    // sweep's) takes the dispatch over and continues from the cursor.
    private static final String RESUME = """
            update campaign set status = paused_from, paused_from = null, paused_at = null,
                   dispatch_owner = null,
                   dispatch_lease_until = case when paused_from = 'DISPATCHING'
                                               then now() - interval '1 second' end
             where id = ? and status = 'PAUSED'
            returning status, pause_count""";
    private static final String RELEASE = """
            update delivery set status = 'QUEUED', updated_at = now(), version = version + 1
             where id in (select id from delivery where campaign_id = ? and status = 'HELD'
                           order by id limit ?)
               and status = 'HELD'
            returning id, employee_id, version""";
    private static final String AUDIT = "insert into audit_event (actor, action, campaign_id,"
            + " detail) values (?, ?, ?, ?)";

    @Resource(lookup = HeraldResources.DATASOURCE)
    private DataSource dataSource;

    @EJB
    private DeliveryQueue deliveryQueue;

    @EJB
    private EventOutbox events;

    /** Pauses the campaign; a campaign already PAUSED is left as it is. */
    public PauseChange pause(long campaignId, String actor) {
        try (Connection connection = dataSource.getConnection()) {
            Locked campaign = lock(connection, campaignId);
            if (campaign.status() == CampaignStatus.PAUSED) {
                return new PauseChange(campaignId, false, CampaignStatus.PAUSED);
            }
            refuseUnlessRunning(campaignId, campaign);
            try (PreparedStatement pause = connection.prepareStatement(PAUSE)) {
                pause.setLong(1, campaignId);
                try (ResultSet rs = pause.executeQuery()) {
                    rs.next();
                    String from = rs.getString(1);
                    events.campaignPaused(campaignId, CampaignEventStatus.PAUSED, sequence(from),
                            rs.getInt(2));
                    audit(connection, actor, "PAUSE_CAMPAIGN", campaignId, "paused while " + from);
                }
            }
            return new PauseChange(campaignId, true, CampaignStatus.PAUSED);
        } catch (SQLException e) {
            throw new IllegalStateException("campaign " + campaignId + " cannot be paused", e);
        }
    }

    /** Resumes a PAUSED campaign; one that is running already is left as it is. */
    public PauseChange resume(long campaignId, String actor) {
        try (Connection connection = dataSource.getConnection()) {
            Locked campaign = lock(connection, campaignId);
            if (campaign.status() == CampaignStatus.DISPATCHING
                    || campaign.status() == CampaignStatus.DISPATCHED) {
                return new PauseChange(campaignId, false, campaign.status());
            }
            if (campaign.status() != CampaignStatus.PAUSED) {
                throw new RequestRejectedException(Reason.CONFLICT, "campaign " + campaignId
                        + " is " + campaign.status() + "; only a PAUSED campaign can be resumed");
            }
            try (PreparedStatement resume = connection.prepareStatement(RESUME)) {
                resume.setLong(1, campaignId);
                try (ResultSet rs = resume.executeQuery()) {
                    rs.next();
                    String to = rs.getString(1);
                    events.campaignPaused(campaignId, CampaignEventStatus.RESUMED, sequence(to),
                            rs.getInt(2));
                    audit(connection, actor, "RESUME_CAMPAIGN", campaignId, "resumed to " + to);
                    return new PauseChange(campaignId, true, CampaignStatus.valueOf(to));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("campaign " + campaignId + " cannot be resumed", e);
        }
    }

    /**
     * Puts up to {@code limit} HELD deliveries of a campaign that is not paused back on the
     * queue; returns how many. A campaign paused again keeps its deliveries held.
     */
    public int releaseHeld(long campaignId, int limit) {
        try (Connection connection = dataSource.getConnection()) {
            if (lock(connection, campaignId).status() == CampaignStatus.PAUSED) {
                return 0;
            }
            List<DeliveryMessage> messages = new ArrayList<>();
            try (PreparedStatement release = connection.prepareStatement(RELEASE)) {
                release.setLong(1, campaignId);
                release.setInt(2, limit);
                try (ResultSet rs = release.executeQuery()) {
                    while (rs.next()) {
                        DeliveryMessage message = new DeliveryMessage(rs.getLong(1), campaignId,
                                rs.getLong(2)).released(rs.getInt(3));
                        events.deliveryChanged(message.deliveryId(), campaignId, "QUEUED",
                                rs.getInt(3));
                        messages.add(message);
                    }
                }
            }
            deliveryQueue.sendAll(messages);
            return messages.size();
        } catch (SQLException e) {
            throw new IllegalStateException("held deliveries of campaign " + campaignId
                    + " cannot be released", e);
        }
    }

    private static Locked lock(Connection connection, long campaignId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setLong(1, campaignId);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    throw new RequestRejectedException(Reason.NOT_FOUND, "campaign " + campaignId
                            + " does not exist");
                }
                return new Locked(CampaignStatus.valueOf(rs.getString(1)),
                        "AT_LEAST_ONCE".equals(rs.getString(2)), rs.getBoolean(3));
            }
        }
    }

    private static void refuseUnlessRunning(long campaignId, Locked campaign) {
        if (campaign.atLeastOnce()) {
            throw new RequestRejectedException(Reason.CONFLICT, "campaign " + campaignId
                    + " is the at-least-once baseline, which cannot be paused");
        }
        if (campaign.status() == CampaignStatus.DISPATCHED && !campaign.pending()) {
            throw new RequestRejectedException(Reason.CONFLICT, "campaign " + campaignId
                    + " has finished sending; there is nothing to pause");
        }
        if (campaign.status() != CampaignStatus.DISPATCHING
                && campaign.status() != CampaignStatus.DISPATCHED) {
            throw new RequestRejectedException(Reason.CONFLICT, "campaign " + campaignId + " is "
                    + campaign.status() + "; only a campaign that is being sent can be paused");
        }
    }

    /** The sequence of a pause or resume event: the rank of the state paused or resumed to. */
    private static int sequence(String status) {
        return CampaignEventStatus.valueOf(status).sequence();
    }

    private static void audit(Connection connection, String actor, String action,
            long campaignId, String detail) throws SQLException {
        try (PreparedStatement audit = connection.prepareStatement(AUDIT)) {
            audit.setString(1, actor);
            audit.setString(2, action);
            audit.setLong(3, campaignId);
            audit.setString(4, detail);
            audit.executeUpdate();
        }
    }

    /** The campaign as its locked row shows it; {@code pending}: deliveries not settled yet. */
    private record Locked(CampaignStatus status, boolean atLeastOnce, boolean pending) {
    }
}
