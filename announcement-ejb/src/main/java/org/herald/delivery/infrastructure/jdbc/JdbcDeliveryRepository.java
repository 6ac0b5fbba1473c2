package org.herald.delivery.infrastructure.jdbc;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.herald.delivery.domain.DeliveryStatus;
import org.herald.delivery.domain.SendJob;
import org.herald.delivery.domain.SendStart;
import org.herald.gateway.SendOutcome;
import org.herald.gateway.StatusUpdate;
import org.herald.integration.infrastructure.jdbc.EventOutbox;
import org.herald.platform.HeraldResources;
import org.herald.platform.StringListConverter;

/**
 * The delivery table's state changes. Each is a conditional UPDATE naming the state it expects,
 * so a repeat finds nothing to change. The SENDING step (or HELD, when the campaign is paused)
 * commits on its own before the provider is called; everything else joins the consumer's XA
 * transaction. Every change increments the
 * delivery's version and publishes its event on the events topic in the transaction that makes
 * it, so an event is out exactly when its change is committed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class JdbcDeliveryRepository {

    private static final String RECORD_PROCESSED = "insert into processed_message (message_id)"
            + " values (?) on conflict (message_id) do nothing";
    private static final String BEGIN_SENDING = """
            update delivery d set status = 'SENDING', attempts = d.attempts + 1,
                   updated_at = now(), version = d.version + 1
              from campaign c, employee e
             where d.id = ? and d.status = 'QUEUED' and c.id = d.campaign_id
               and e.id = d.employee_id and e.opted_in
            returning d.campaign_id, d.phone_e164, c.template_name, c.language_code,
                      c.body_parameters, e.name, d.version""";
    private static final String CAMPAIGN_STATUS = """
            select c.status from delivery d join campaign c on c.id = d.campaign_id
             where d.id = ?""";
    // FOR KEY SHARE does not wait for the dispatch's chunks (they update the campaign row
    // without touching its key), but a pause or resume (SELECT ... FOR UPDATE) waits for it,
    // and it for them: no SENDING commits after a pause did.
    private static final String LOCK_CAMPAIGN = CAMPAIGN_STATUS + " for key share of c";
    private static final String HOLD = """
            update delivery set status = 'HELD', updated_at = now(), version = version + 1
             where id = ? and status = 'QUEUED'
            returning campaign_id, status, version""";
    private static final String LOAD_JOB = """
            select d.campaign_id, d.phone_e164, c.template_name, c.language_code,
                   c.body_parameters, e.name
              from delivery d join campaign c on c.id = d.campaign_id
                   join employee e on e.id = d.employee_id
             where d.id = ?""";
    private static final String BASELINE_OUTCOME = """
            update delivery set status = ?, wamid = coalesce(?, wamid), error_code = ?,
                   error_title = ?, attempts = attempts + 1, updated_at = now(),
                   version = version + 1
             where id = ?""";
    private static final String CURRENT = """
            select d.status, e.opted_in from delivery d join employee e on e.id = d.employee_id
             where d.id = ?""";
    private static final String OPTED_OUT = """
            update delivery set status = 'FAILED', updated_at = now(), version = version + 1,
                   error_title = 'the employee opted out before the message was sent'
             where id = ? and status = 'QUEUED'
            returning campaign_id, status, version""";
    private static final String INTERRUPTED = """
            update delivery set status = 'UNKNOWN', updated_at = now(), unknown_since = now(),
                   error_title = 'an earlier attempt was interrupted after it may have'
                                 || ' reached the provider',
                   version = version + 1
             where id = ? and status = 'SENDING'
            returning campaign_id, status, version""";
    private static final String REQUEUE = """
            update delivery set error_code = ?, error_title = ?, updated_at = now(),
                   status = case when attempts >= ? then 'FAILED' else 'QUEUED' end,
                   version = version + 1
             where id = ? and status = 'SENDING'
            returning status, attempts, campaign_id, version""";
    private static final String ACCEPTED = """
            update delivery set wamid = ?, updated_at = now(), status = 'SENT',
                   version = version + 1
             where id = ? and status in ('SENDING', 'UNKNOWN')
            returning campaign_id, status, version""";
    private static final String ACCEPTED_LATE = """
            update delivery set wamid = coalesce(wamid, ?) where id = ?""";
    private static final String GIVE_UP = """
            update delivery set updated_at = now(),
                   status = case status when 'QUEUED' then 'FAILED' else 'UNKNOWN' end,
                   unknown_since = case status when 'QUEUED' then null else now() end,
                   error_title = left('gave up after ' || ? || ' attempts: '
                                      || coalesce(error_title, 'no reason recorded'), 500),
                   version = version + 1
             where id = ? and status in ('QUEUED', 'SENDING')
            returning campaign_id, status, version""";
    private static final String APPLY_STATUS = """
            update delivery set status = ?, wamid = coalesce(wamid, ?),
                   error_code = coalesce(?, error_code), error_title = coalesce(?, error_title),
                   updated_at = now(), version = version + 1
             where id = ? and status = any(?)
            returning campaign_id, status, version""";
    private static final String BY_WAMID = "select id from delivery where wamid = ?";
    private static final String FINISHED = """
            update delivery set status = ?, error_code = ?, error_title = ?, updated_at = now(),
                   unknown_since = case when ? = 'UNKNOWN' then now() end,
                   version = version + 1
             where id = ? and status = 'SENDING'
            returning campaign_id, status, version""";

    @Resource(lookup = HeraldResources.DATASOURCE)
    private DataSource dataSource;

    @EJB
    private EventOutbox events;

    /** Records a message as processed; false when it was already (a redelivery or a copy). */
    public boolean recordProcessed(String messageKey) {
        return update(RECORD_PROCESSED, messageKey) == 1;
    }

    /**
     * Whether the delivery's campaign is paused, as last committed: a cheap look before the
     * consumer waits for its turn. It decides nothing; {@link #holdIfPaused} and
     * {@link #beginSending} decide under the campaign's row lock.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean campaignPaused(long deliveryId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(CAMPAIGN_STATUS)) {
            select.setLong(1, deliveryId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() && "PAUSED".equals(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("campaign of delivery " + deliveryId
                    + " cannot be read", e);
        }
    }

    /**
     * Holds the delivery if its campaign is paused, on its own and under the campaign's row
     * lock: empty when the campaign is not paused (any more).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<SendStart> holdIfPaused(long deliveryId) {
        try (Connection connection = dataSource.getConnection()) {
            if (!"PAUSED".equals(lockCampaign(connection, deliveryId))) {
                return Optional.empty();
            }
            return Optional.of(hold(connection, deliveryId));
        } catch (SQLException e) {
            throw new IllegalStateException("delivery " + deliveryId + " cannot be held", e);
        }
    }

    /**
     * Commits QUEUED to SENDING on its own, before the provider is called, unless the campaign
     * is paused: the campaign's row is locked first, so the decision is made on its committed
     * state and a pause waits for this transaction (or this one for the pause). A delivery of a
     * paused campaign becomes HELD instead. A delivery found in SENDING was left there by an
     * attempt that died around the call: it becomes UNKNOWN, not a second send. An employee who
     * opted out after the dispatch is not sent to.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public SendStart beginSending(long deliveryId) {
        try (Connection connection = dataSource.getConnection()) {
            if ("PAUSED".equals(lockCampaign(connection, deliveryId))) {
                return hold(connection, deliveryId);
            }
            try (PreparedStatement begin = connection.prepareStatement(BEGIN_SENDING)) {
                begin.setLong(1, deliveryId);
                try (ResultSet rs = begin.executeQuery()) {
                    if (rs.next()) {
                        events.deliveryChanged(deliveryId, rs.getLong(1), "SENDING",
                                rs.getInt(7));
                        return SendStart.started(new SendJob(deliveryId, rs.getLong(1),
                                rs.getString(2), rs.getString(3), rs.getString(4),
                                new StringListConverter().convertToEntityAttribute(
                                        rs.getString(5)),
                                rs.getString(6)));
                    }
                }
            }
            notStarted(connection, deliveryId);
            return SendStart.notQueued();
        } catch (SQLException e) {
            throw new IllegalStateException("delivery " + deliveryId + " cannot start", e);
        }
    }

    /** The benchmark's baseline reads what to send without changing any state first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<SendJob> loadJob(long deliveryId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement load = connection.prepareStatement(LOAD_JOB)) {
            load.setLong(1, deliveryId);
            try (ResultSet rs = load.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SendJob(deliveryId, rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getString(4),
                        new StringListConverter().convertToEntityAttribute(rs.getString(5)),
                        rs.getString(6)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("delivery " + deliveryId + " cannot be read", e);
        }
    }

    /** The benchmark's baseline records an outcome unconditionally, in auto-commit. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void recordBaselineOutcome(long deliveryId, DeliveryStatus status, String wamid,
            Integer code, String reason) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement record = connection.prepareStatement(BASELINE_OUTCOME)) {
            record.setString(1, status.name());
            record.setString(2, wamid);
            record.setObject(3, code, Types.INTEGER);
            record.setString(4, truncate(reason));
            record.setLong(5, deliveryId);
            record.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("delivery " + deliveryId + " cannot be recorded", e);
        }
    }

    /**
     * Puts a delivery the provider certainly did not take back in the queue, on its own; after
     * {@code maxAttempts} attempts it is FAILED instead.
     *
     * @return the delivery's attempts so far, or empty when it ended FAILED (or was not SENDING)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<Integer> requeue(long deliveryId, SendOutcome.NotSent outcome,
            int maxAttempts) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement requeue = connection.prepareStatement(REQUEUE)) {
            requeue.setInt(1, outcome.code());
            requeue.setString(2, truncate(outcome.reason()));
            requeue.setInt(3, maxAttempts);
            requeue.setLong(4, deliveryId);
            try (ResultSet rs = requeue.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                events.deliveryChanged(deliveryId, rs.getLong(3), rs.getString(1), rs.getInt(4));
                return "QUEUED".equals(rs.getString(1)) ? Optional.of(rs.getInt(2))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("delivery " + deliveryId + " cannot be requeued", e);
        }
    }

    /**
     * Records the provider's message id; SENT unless a status webhook already moved the delivery
     * on (then only the id is kept, if it had none).
     */
    public void recordAccepted(long deliveryId, String wamid) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement accepted = connection.prepareStatement(ACCEPTED)) {
            accepted.setString(1, wamid);
            accepted.setLong(2, deliveryId);
            if (!publishChange(accepted, deliveryId)) {
                try (PreparedStatement late = connection.prepareStatement(ACCEPTED_LATE)) {
                    late.setString(1, wamid);
                    late.setLong(2, deliveryId);
                    late.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("delivery " + deliveryId + " cannot be recorded", e);
        }
    }

    public void recordFinished(long deliveryId, DeliveryStatus status, Integer code,
            String reason) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement finished = connection.prepareStatement(FINISHED)) {
            finished.setString(1, status.name());
            finished.setObject(2, code, Types.INTEGER);
            finished.setString(3, truncate(reason));
            finished.setString(4, status.name());
            finished.setLong(5, deliveryId);
            publishChange(finished, deliveryId);
        } catch (SQLException e) {
            throw new IllegalStateException("delivery " + deliveryId + " cannot be recorded", e);
        }
    }

    /** Ends a delivery the broker gave up on: FAILED if it never left, else UNKNOWN. */
    public void giveUp(long deliveryId, int attempts) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement giveUp = connection.prepareStatement(GIVE_UP)) {
            giveUp.setInt(1, attempts);
            giveUp.setLong(2, deliveryId);
            publishChange(giveUp, deliveryId);
        } catch (SQLException e) {
            throw new IllegalStateException("delivery " + deliveryId + " cannot be ended", e);
        }
    }

    /**
     * Moves a delivery to a webhook's status if it is in one of the states that status may
     * follow; false when it was not (a repeat, or a status older than the one recorded).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public boolean applyStatus(long deliveryId, DeliveryStatus target,
            Set<DeliveryStatus> allowedFrom, StatusUpdate update) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement apply = connection.prepareStatement(APPLY_STATUS)) {
            apply.setString(1, target.name());
            apply.setString(2, update.wamid());
            apply.setObject(3, update.errorCode(), Types.INTEGER);
            apply.setString(4, truncate(update.errorTitle()));
            apply.setLong(5, deliveryId);
            apply.setArray(6, connection.createArrayOf("text",
                    allowedFrom.stream().map(Enum::name).toArray()));
            return publishChange(apply, deliveryId);
        } catch (SQLException e) {
            throw new IllegalStateException("delivery " + deliveryId + " cannot take status "
                    + target, e);
        }
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Long findByWamid(String wamid) {
        if (wamid == null) {
            return null;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(BY_WAMID)) {
            select.setString(1, wamid);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up message " + wamid, e);
        }
    }

    /** The status of the delivery's campaign, its row locked against a pause or resume. */
    private static String lockCampaign(Connection connection, long deliveryId)
            throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_CAMPAIGN)) {
            lock.setLong(1, deliveryId);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("delivery " + deliveryId + " is not visible");
                }
                return rs.getString(1);
            }
        }
    }

    /** QUEUED becomes HELD; a delivery past QUEUED is treated as when it cannot start. */
    private SendStart hold(Connection connection, long deliveryId) throws SQLException {
        try (PreparedStatement hold = connection.prepareStatement(HOLD)) {
            hold.setLong(1, deliveryId);
            if (publishChange(hold, deliveryId)) {
                return SendStart.paused(true);
            }
        }
        notStarted(connection, deliveryId);
        return SendStart.paused(false);
    }

    /**
     * Why a delivery could not start: left SENDING by an interrupted attempt (it becomes
     * UNKNOWN), opted out since it was enqueued (FAILED), or past QUEUED (nothing to do). A row
     * that is not visible (yet) is an error, so that the message comes back rather than being
     * acknowledged for a delivery that may still commit.
     */
    private void notStarted(Connection connection, long deliveryId) throws SQLException {
        String status;
        boolean optedIn;
        try (PreparedStatement current = connection.prepareStatement(CURRENT)) {
            current.setLong(1, deliveryId);
            try (ResultSet rs = current.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("delivery " + deliveryId + " is not visible");
                }
                status = rs.getString(1);
                optedIn = rs.getBoolean(2);
            }
        }
        String change = "SENDING".equals(status) ? INTERRUPTED
                : "QUEUED".equals(status) && !optedIn ? OPTED_OUT : null;
        if (change != null) {
            try (PreparedStatement update = connection.prepareStatement(change)) {
                update.setLong(1, deliveryId);
                publishChange(update, deliveryId);
            }
        }
    }

    /**
     * Runs a state change returning (campaign_id, status, version) and publishes its event in
     * the same transaction; false when the statement changed nothing.
     */
    private boolean publishChange(PreparedStatement change, long deliveryId)
            throws SQLException {
        try (ResultSet rs = change.executeQuery()) {
            if (!rs.next()) {
                return false;
            }
            events.deliveryChanged(deliveryId, rs.getLong(1), rs.getString(2), rs.getInt(3));
            return true;
        }
    }

    private int update(String sql, String key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record message " + key, e);
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
