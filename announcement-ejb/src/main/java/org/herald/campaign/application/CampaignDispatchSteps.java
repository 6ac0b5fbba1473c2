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
import org.herald.campaign.domain.Audience;
import org.herald.campaign.domain.AudienceType;
import org.herald.campaign.domain.ClaimResult;
import org.herald.campaign.domain.DeliveryGuarantee;
import org.herald.campaign.domain.DispatchClaim;
import org.herald.delivery.domain.DeliveryMessage;
import org.herald.delivery.infrastructure.jms.DeliveryQueue;
import org.herald.integration.domain.HeraldEvent.CampaignEventStatus;
import org.herald.integration.infrastructure.jdbc.EventOutbox;
import org.herald.platform.HeraldResources;
import org.herald.platform.StringListConverter;

/**
 * The two transactional steps of a dispatch, each in a transaction of its own.
 *
 * <p>{@link #claim} turns a due SCHEDULED campaign (or a DISPATCHING one whose owner's lease ran
 * out) into DISPATCHING with a new owner: a single conditional UPDATE, so of any number of timers,
 * sweeps, nodes or operators racing for it exactly one wins. {@link #enqueueChunk} then, in one XA
 * transaction over PostgreSQL and the broker, renews the lease only if the caller still owns the
 * campaign at the cursor it read, creates the next chunk's delivery rows, sends one message per
 * new row and advances the cursor. The conditional renewal locks the campaign row first, so a
 * competing chunk waits and then finds the cursor moved: it stops before sending anything.
 * A pause locks the same row, so a chunk commits entirely before it or finds the campaign
 * PAUSED (not DISPATCHING) and stops; the resume's claim continues from the cursor.
 *
 * <p>Each step publishes its campaign event (DISPATCHING, DISPATCHED) in its own transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class CampaignDispatchSteps {

    private static final String CLAIM = """
            update campaign
               set status = 'DISPATCHING', dispatch_owner = ?,
                   dispatch_lease_until = now() + make_interval(secs => ?),
                   dispatch_started_at = coalesce(dispatch_started_at, now())
             where id = ?
               and ((status = 'SCHEDULED' and (? or scheduled_at <= now() + interval '2 seconds'))
                 or (status = 'DISPATCHING' and dispatch_lease_until < now()))
            returning dispatch_cursor, audience_type, audience_values, delivery_guarantee""";
    private static final String WHY_NOT = """
            select status, greatest(0, extract(epoch from scheduled_at - now()) * 1000)::bigint
              from campaign where id = ?""";
    private static final String STATUS = "select status from campaign where id = ?";
    private static final String RENEW_LEASE = """
            update campaign set dispatch_lease_until = now() + make_interval(secs => ?)
             where id = ? and status = 'DISPATCHING' and dispatch_owner = ?
               and dispatch_cursor = ?""";
    private static final String INSERT_DELIVERIES = """
            insert into delivery (campaign_id, employee_id, phone_e164, status)
            select ?, e.id, e.phone_e164, 'QUEUED' from employee e where e.id = any(?)
            on conflict (campaign_id, employee_id) do nothing
            returning id, employee_id""";
    private static final String ADVANCE = """
            update campaign set dispatch_cursor = ?, recipient_count = recipient_count + ?
             where id = ?""";
    private static final String FINISH = """
            update campaign set status = 'DISPATCHED', dispatched_at = now(),
                   dispatch_owner = null, dispatch_lease_until = null
             where id = ? and status = 'DISPATCHING' and dispatch_owner = ?
            returning recipient_count""";

    @Resource(lookup = HeraldResources.DATASOURCE)
    private DataSource dataSource;

    @EJB
    private DeliveryQueue deliveryQueue;

    @EJB
    private EventOutbox events;

    public ClaimResult claim(long campaignId, String owner, boolean ignoreSchedule,
            int leaseSeconds) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setString(1, owner);
            claim.setInt(2, leaseSeconds);
            claim.setLong(3, campaignId);
            claim.setBoolean(4, ignoreSchedule);
            try (ResultSet rs = claim.executeQuery()) {
                if (rs.next()) {
                    events.campaignChanged(campaignId, CampaignEventStatus.DISPATCHING, null);
                    Audience audience = new Audience(AudienceType.valueOf(rs.getString(2)),
                            new StringListConverter().convertToEntityAttribute(rs.getString(3)));
                    return ClaimResult.won(new DispatchClaim(campaignId, owner, rs.getLong(1),
                            audience, DeliveryGuarantee.valueOf(rs.getString(4))));
                }
            }
            return whyNot(connection, campaignId);
        } catch (SQLException e) {
            throw new IllegalStateException("claim of campaign " + campaignId + " failed", e);
        }
    }

    /**
     * Enqueues the next chunk of at most {@code size} recipients after the claim's cursor.
     *
     * @return the new cursor, or that the caller no longer owns the dispatch (the campaign may
     *     be paused)
     */
    public ChunkResult enqueueChunk(DispatchClaim claim, int size, int leaseSeconds) {
        try (Connection connection = dataSource.getConnection()) {
            if (!renewLease(connection, claim, leaseSeconds)) {
                return paused(connection, claim.campaignId()) ? ChunkResult.stoppedByPause()
                        : ChunkResult.leaseLost();
            }
            List<Long> employees = new AudienceQuery(claim.audience()).next(connection,
                    claim.cursor(), size);
            List<DeliveryMessage> messages = insertDeliveries(connection, claim, employees);
            if (claim.guarantee() == DeliveryGuarantee.AT_LEAST_ONCE) {
                deliveryQueue.sendAllToBaseline(messages);
            } else {
                deliveryQueue.sendAll(messages);
            }

            long cursor = employees.isEmpty() ? claim.cursor()
                    : employees.get(employees.size() - 1);
            advance(connection, claim, cursor, messages.size());
            boolean finished = employees.size() < size;
            if (finished) {
                finish(connection, claim);
            }
            return new ChunkResult(finished, cursor, messages.size());
        } catch (SQLException e) {
            throw new IllegalStateException("enqueue of campaign " + claim.campaignId()
                    + " after employee " + claim.cursor() + " failed", e);
        }
    }

    /** How long until the campaign is due by the database's clock; 0 once it is due. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long millisUntilDue(long campaignId) {
        try (Connection connection = dataSource.getConnection()) {
            ClaimResult result = whyNot(connection, campaignId);
            return result.notDueYet() ? result.millisUntilDue() : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read campaign " + campaignId, e);
        }
    }

    private ClaimResult whyNot(Connection connection, long campaignId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(WHY_NOT)) {
            select.setLong(1, campaignId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return ClaimResult.refused("no such campaign");
                }
                String status = rs.getString(1);
                long untilDue = rs.getLong(2);
                if ("SCHEDULED".equals(status) && untilDue > 0) {
                    return ClaimResult.notDue(untilDue);
                }
                return ClaimResult.refused("campaign is " + status);
            }
        }
    }

    private static boolean paused(Connection connection, long campaignId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(STATUS)) {
            select.setLong(1, campaignId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() && "PAUSED".equals(rs.getString(1));
            }
        }
    }

    private static boolean renewLease(Connection connection, DispatchClaim claim, int leaseSeconds)
            throws SQLException {
        try (PreparedStatement renew = connection.prepareStatement(RENEW_LEASE)) {
            renew.setInt(1, leaseSeconds);
            renew.setLong(2, claim.campaignId());
            renew.setString(3, claim.owner());
            renew.setLong(4, claim.cursor());
            return renew.executeUpdate() == 1;
        }
    }

    private static List<DeliveryMessage> insertDeliveries(Connection connection,
            DispatchClaim claim, List<Long> employees) throws SQLException {
        List<DeliveryMessage> messages = new ArrayList<>(employees.size());
        if (employees.isEmpty()) {
            return messages;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_DELIVERIES)) {
            insert.setLong(1, claim.campaignId());
            insert.setArray(2, connection.createArrayOf("bigint", employees.toArray()));
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    messages.add(new DeliveryMessage(rs.getLong(1), claim.campaignId(),
                            rs.getLong(2)));
                }
            }
        }
        return messages;
    }

    private static void advance(Connection connection, DispatchClaim claim, long cursor,
            int enqueued) throws SQLException {
        try (PreparedStatement advance = connection.prepareStatement(ADVANCE)) {
            advance.setLong(1, cursor);
            advance.setInt(2, enqueued);
            advance.setLong(3, claim.campaignId());
            advance.executeUpdate();
        }
    }

    private void finish(Connection connection, DispatchClaim claim) throws SQLException {
        try (PreparedStatement finish = connection.prepareStatement(FINISH)) {
            finish.setLong(1, claim.campaignId());
            finish.setString(2, claim.owner());
            try (ResultSet rs = finish.executeQuery()) {
                if (rs.next()) {
                    events.campaignChanged(claim.campaignId(), CampaignEventStatus.DISPATCHED,
                            rs.getInt(1));
                }
            }
        }
    }

    /** What one chunk did; {@code paused}: nothing, the campaign was paused. */
    public record ChunkResult(boolean lostLease, boolean paused, boolean finished, long cursor,
            int enqueued) {

        ChunkResult(boolean finished, long cursor, int enqueued) {
            this(false, false, finished, cursor, enqueued);
        }

        static ChunkResult leaseLost() {
            return new ChunkResult(true, false, false, 0, 0);
        }

        static ChunkResult stoppedByPause() {
            return new ChunkResult(true, true, false, 0, 0);
        }
    }
}
