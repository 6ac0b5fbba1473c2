package org.herald.console;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.herald.platform.HeraldResources;

/**
 * The audit trail ({@code audit_event}): who changed what, recorded in the transaction of the
 * change, and read newest first.
 */
@Stateless
public class AuditTrail {

    private static final String RECORD = "insert into audit_event (actor, action, campaign_id,"
            + " delivery_id, detail) values (?, ?, ?, ?, ?)";
    private static final String LATEST = "select id, occurred_at, actor, action, campaign_id,"
            + " delivery_id, detail from audit_event where id < ? order by id desc limit ?";

    @Resource(lookup = HeraldResources.DATASOURCE)
    private DataSource dataSource;

    /** Records one action in the caller's transaction (a new one when it has none). */
    public void record(String actor, String action, Long campaignId, Long deliveryId,
            String detail) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(RECORD)) {
            insert.setString(1, actor);
            insert.setString(2, action);
            insert.setObject(3, campaignId, Types.BIGINT);
            insert.setObject(4, deliveryId, Types.BIGINT);
            insert.setString(5, detail);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the audit trail cannot record " + action, e);
        }
    }

    /** Up to {@code limit} events with an id below {@code beforeId}, newest first. */
    public List<AuditEvent> latest(long beforeId, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(LATEST)) {
            select.setLong(1, beforeId);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                List<AuditEvent> events = new ArrayList<>();
                while (rows.next()) {
                    events.add(new AuditEvent(rows.getLong(1),
                            rows.getObject(2, OffsetDateTime.class), rows.getString(3),
                            rows.getString(4), rows.getObject(5, Long.class),
                            rows.getObject(6, Long.class), rows.getString(7)));
                }
                return events;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the audit trail cannot be read", e);
        }
    }
}
