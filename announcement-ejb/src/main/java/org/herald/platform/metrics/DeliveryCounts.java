package org.herald.platform.metrics;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.herald.delivery.domain.DeliveryStatus;
import org.herald.platform.HeraldResources;

/**
 * Counts every delivery in the database by state, for the metrics: one aggregate over the
 * delivery table, answered from the (campaign, status) index. Every state is present, 0 when
 * no delivery is in it, so that a series never disappears.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class DeliveryCounts {

    private static final String BY_STATE = "select status, count(*) from delivery group by status";

    @Resource(lookup = HeraldResources.DATASOURCE)
    private DataSource dataSource;

    public Map<String, Long> byState() {
        Map<String, Long> counts = new TreeMap<>();
        for (DeliveryStatus status : DeliveryStatus.values()) {
            counts.put(status.name(), 0L);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(BY_STATE);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("deliveries cannot be counted", e);
        }
        return counts;
    }
}
