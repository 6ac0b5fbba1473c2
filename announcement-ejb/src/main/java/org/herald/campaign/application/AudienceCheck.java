package org.herald.campaign.application;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.herald.campaign.domain.Audience;
import org.herald.campaign.domain.AudienceType;
import org.herald.platform.HeraldResources;

/**
 * Looks at a campaign's audience before it is accepted: how many opted-in employees it reaches
 * today, and which listed employee ids or departments match nobody.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class AudienceCheck {

    private static final String COUNT_ALL = "select count(*) from employee where opted_in";
    private static final String COUNT_DEPARTMENTS =
            "select count(*) from employee where opted_in and department = any(?)";
    private static final String COUNT_EMPLOYEES =
            "select count(*) from employee where opted_in and employee_id = any(?)";
    private static final String UNKNOWN_EMPLOYEES = "select v from unnest(?::text[]) v where not"
            + " exists (select 1 from employee e where e.employee_id = v) order by v";
    private static final String OPTED_OUT_EMPLOYEES = "select employee_id from employee"
            + " where employee_id = any(?) and not opted_in order by employee_id";
    private static final String UNKNOWN_DEPARTMENTS = "select v from unnest(?::text[]) v where"
            + " not exists (select 1 from employee e where e.department = v) order by v";

    @Resource(lookup = HeraldResources.DATASOURCE)
    private DataSource dataSource;

    /** What the audience reaches today, and what in it matches nobody. */
    public record Result(long reach, List<String> unknown, List<String> optedOut) {
    }

    public Result check(Audience audience) {
        try (Connection connection = dataSource.getConnection()) {
            Array values = connection.createArrayOf("text", audience.values().toArray());
            long reach = count(connection, audience.type(), values);
            List<String> unknown = switch (audience.type()) {
                case ALL -> List.of();
                case DEPARTMENTS -> strings(connection, UNKNOWN_DEPARTMENTS, values);
                case EMPLOYEES -> strings(connection, UNKNOWN_EMPLOYEES, values);
            };
            List<String> optedOut = audience.type() == AudienceType.EMPLOYEES
                    ? strings(connection, OPTED_OUT_EMPLOYEES, values) : List.of();
            return new Result(reach, unknown, optedOut);
        } catch (SQLException e) {
            throw new IllegalStateException("audience " + audience + " cannot be checked", e);
        }
    }

    private static long count(Connection connection, AudienceType type, Array values)
            throws SQLException {
        String sql = switch (type) {
            case ALL -> COUNT_ALL;
            case DEPARTMENTS -> COUNT_DEPARTMENTS;
            case EMPLOYEES -> COUNT_EMPLOYEES;
        };
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (type != AudienceType.ALL) {
                select.setArray(1, values);
            }
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> strings(Connection connection, String sql, Array values)
            throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, values);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
