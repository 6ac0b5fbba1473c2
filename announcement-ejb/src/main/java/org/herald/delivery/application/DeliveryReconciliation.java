package org.herald.delivery.application;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.herald.delivery.domain.DeliveryMessage;
import org.herald.delivery.domain.DeliveryStatus;
import org.herald.delivery.domain.DeliveryView;
import org.herald.delivery.infrastructure.jms.DeliveryQueue;
import org.herald.integration.infrastructure.jdbc.EventOutbox;
import org.herald.platform.HeraldResources;
import org.herald.platform.RequestRejectedException;
import org.herald.platform.RequestRejectedException.Reason;

/**
 * Lists a campaign's deliveries and carries out the decisions about UNKNOWN ones: an operator's
 * resend or mark-as-sent, each audited, and the automatic resend of campaigns whose policy is
 * at-least-once. A resend is a new attempt with a key of its own, so every guard still applies
 * to it; only an UNKNOWN delivery can be resent, so two operators clicking at once resend once.
 */
@Stateless
public class DeliveryReconciliation {

    private static final Logger LOG = Logger.getLogger(DeliveryReconciliation.class.getName());

    /** A search text that can only be (part of) a phone number: digits, spaces, + - ( ). */
    private static final Pattern PHONE_LIKE = Pattern.compile("[+0-9 ()-]*[0-9][+0-9 ()-]*");

    /** The listing's columns; the conditions are added for what the caller asked. */
    private static final String LIST = """
            select d.id, d.campaign_id, e.employee_id, e.name, d.phone_e164, d.status, d.wamid,
                   d.error_code, d.error_title, d.attempts, d.unknown_since,
                   d.status = 'UNKNOWN' and d.unknown_since < now() - make_interval(secs => ?),
                   d.updated_at
              from delivery d join employee e on e.id = d.employee_id
             where d.campaign_id = ? and d.id > ?""";
    private static final String RESEND = """
            update delivery set status = 'QUEUED', unknown_since = null, attempts = attempts + 1,
                   error_title = ?, updated_at = now(), version = version + 1
             where id = ? and status = 'UNKNOWN'
            returning campaign_id, employee_id, attempts, version""";
    private static final String MARK_SENT = """
            update delivery set status = 'SENT', unknown_since = null, error_title = ?,
                   updated_at = now(), version = version + 1
             where id = ? and status = 'UNKNOWN'
            returning campaign_id, version""";
    private static final String EXPIRED_AT_LEAST_ONCE = """
            select d.id from delivery d join campaign c on c.id = d.campaign_id
             where d.status = 'UNKNOWN' and c.unknown_policy = 'RESEND_AFTER_WINDOW'
               and d.unknown_since < now() - make_interval(secs => ?)
             order by d.id limit 500""";
    private static final String AUDIT = "insert into audit_event (actor, action, campaign_id,"
            + " delivery_id, detail) values (?, ?, ?, ?, ?)";

    @Resource(lookup = HeraldResources.DATASOURCE)
    private DataSource dataSource;

    @EJB
    private DeliveryQueue queue;

    @EJB
    private EventOutbox events;

    @Inject
    @ConfigProperty(name = "herald.reconcile.window-seconds", defaultValue = "900")
    int windowSeconds;

    /**
     * A page of a campaign's deliveries in id order after {@code afterId}, optionally only those
     * in one state and those whose employee id or name contains the search text (ignoring case)
     * or (for a text that looks like a phone number) whose phone contains its digits. Each
     * combination of filters is its own statement, so that PostgreSQL plans it with the indexes
     * that fit (never one generic plan for all).
     */
    public List<DeliveryView> deliveries(long campaignId, DeliveryStatus status, String search,
            long afterId, int limit) {
        String text = search == null || search.isBlank() ? null : search.trim();
        String digits = text == null || !PHONE_LIKE.matcher(text).matches() ? ""
                : text.replaceAll("[^0-9]", "");
        StringBuilder sql = new StringBuilder(LIST);
        if (status != null) {
            sql.append(" and d.status = ?");
        }
        if (text != null) {
            sql.append(" and (e.employee_id ilike ? or e.name ilike ?")
                    .append(digits.isEmpty() ? ")" : " or d.phone_e164 like ?)");
        }
        sql.append(" order by d.id limit ?");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int index = 1;
            select.setInt(index++, windowSeconds);
            select.setLong(index++, campaignId);
            select.setLong(index++, afterId);
            if (status != null) {
                select.setString(index++, status.name());
            }
            if (text != null) {
                String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_") + "%";
                select.setString(index++, pattern);
                select.setString(index++, pattern);
                if (!digits.isEmpty()) {
                    select.setString(index++, "%" + digits + "%");
                }
            }
            select.setInt(index, limit);
            List<DeliveryView> views = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    views.add(view(rs));
                }
            }
            return views;
        } catch (SQLException e) {
            throw new IllegalStateException("deliveries of campaign " + campaignId, e);
        }
    }

    /** An operator's decision: send this UNKNOWN delivery again (it may arrive twice). */
    public void resend(long deliveryId, String actor) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement resend = connection.prepareStatement(RESEND)) {
            resend.setString(1, "resent by " + actor);
            resend.setLong(2, deliveryId);
            try (ResultSet rs = resend.executeQuery()) {
                if (!rs.next()) {
                    throw notUnknown(deliveryId);
                }
                long campaignId = rs.getLong(1);
                events.deliveryChanged(deliveryId, campaignId, "QUEUED", rs.getInt(4));
                queue.sendAll(List.of(new DeliveryMessage(deliveryId, campaignId, rs.getLong(2))
                        .forAttempt(rs.getInt(3))));
                audit(connection, actor, "RESEND_UNKNOWN", campaignId, deliveryId);
                LOG.log(Level.WARNING, "HERALD-0705 delivery {0,number,#} of campaign"
                        + " {1,number,#}: resent by {2}", new Object[] {deliveryId, campaignId,
                        actor});
            }
        } catch (SQLException e) {
            throw new IllegalStateException("delivery " + deliveryId + " cannot be resent", e);
        }
    }

    /** An operator's decision: this UNKNOWN delivery did reach the employee. */
    public void markSent(long deliveryId, String actor) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement mark = connection.prepareStatement(MARK_SENT)) {
            mark.setString(1, "marked sent by " + actor);
            mark.setLong(2, deliveryId);
            try (ResultSet rs = mark.executeQuery()) {
                if (!rs.next()) {
                    throw notUnknown(deliveryId);
                }
                events.deliveryChanged(deliveryId, rs.getLong(1), "SENT", rs.getInt(2));
                audit(connection, actor, "MARK_SENT", rs.getLong(1), deliveryId);
                LOG.log(Level.INFO, "HERALD-0706 delivery {0,number,#} of campaign {1,number,#}:"
                        + " marked sent by {2}", new Object[] {deliveryId, rs.getLong(1), actor});
            }
        } catch (SQLException e) {
            throw new IllegalStateException("delivery " + deliveryId + " cannot be marked", e);
        }
    }

    /** Resends the expired UNKNOWN deliveries of at-least-once campaigns; returns how many. */
    public int resendExpiredOfAtLeastOnceCampaigns() {
        List<Long> expired = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(EXPIRED_AT_LEAST_ONCE)) {
            select.setInt(1, windowSeconds);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    expired.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look for expired unknown deliveries", e);
        }
        expired.forEach(id -> resend(id, "policy:RESEND_AFTER_WINDOW"));
        return expired.size();
    }

    private static DeliveryView view(ResultSet rs) throws SQLException {
        Integer errorCode = rs.getObject(8, Integer.class);
        return new DeliveryView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getString(5), DeliveryStatus.valueOf(rs.getString(6)), rs.getString(7),
                errorCode, rs.getString(9), rs.getInt(10),
                rs.getObject(11, OffsetDateTime.class), rs.getBoolean(12),
                rs.getObject(13, OffsetDateTime.class));
    }

    private static void audit(Connection connection, String actor, String action,
            long campaignId, long deliveryId) throws SQLException {
        try (PreparedStatement audit = connection.prepareStatement(AUDIT)) {
            audit.setString(1, actor);
            audit.setString(2, action);
            audit.setLong(3, campaignId);
            audit.setLong(4, deliveryId);
            audit.setString(5, null);
            audit.executeUpdate();
        }
    }

    private static RequestRejectedException notUnknown(long deliveryId) {
        return new RequestRejectedException(Reason.CONFLICT, "delivery " + deliveryId
                + " is not UNKNOWN; only an unknown outcome can be resent or marked sent");
    }
}
