package org.herald.campaign.application;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.herald.campaign.domain.Audience;

/**
 * Pages through a campaign's audience in employee-key order: opted-in employees, optionally of
 * given departments or with given employee ids. Key order makes the dispatch cursor a single
 * number that never skips nor repeats anyone.
 */
final class AudienceQuery {

    private static final String BASE =
            "select e.id from employee e where e.id > ? and e.opted_in";
    private static final String ORDER = " order by e.id limit ?";

    private final Audience audience;

    AudienceQuery(Audience audience) {
        this.audience = audience;
    }

    List<Long> next(Connection connection, long after, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql())) {
            select.setLong(1, after);
            int index = 2;
            if (!audience.values().isEmpty()) {
                select.setArray(index++,
                        connection.createArrayOf("text", audience.values().toArray()));
            }
            select.setInt(index, limit);
            List<Long> ids = new ArrayList<>(limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    private String sql() {
        return switch (audience.type()) {
            case ALL -> BASE + ORDER;
            case DEPARTMENTS -> BASE + " and e.department = any(?)" + ORDER;
            case EMPLOYEES -> BASE + " and e.employee_id = any(?)" + ORDER;
        };
    }
}
