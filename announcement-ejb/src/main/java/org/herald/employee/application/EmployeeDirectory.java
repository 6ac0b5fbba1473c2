package org.herald.employee.application;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
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
import org.herald.console.AuditTrail;
import org.herald.employee.domain.EmployeeView;
import org.herald.platform.HeraldResources;
import org.herald.platform.RequestRejectedException;
import org.herald.platform.RequestRejectedException.Reason;

/**
 * Lists employees for the console, a page at a time in employee-id order (keyset paging on the
 * unique employee-id index, so page 2,000 costs what page 1 costs), optionally narrowed by a
 * search over id, name, phone and department; and records an employee's opt-in or opt-out,
 * audited. An opt-out also stops messages not yet sent: a delivery still QUEUED for that
 * employee fails instead of being sent (see JdbcDeliveryRepository.beginSending).
 */
@Stateless
public class EmployeeDirectory {

    private static final Logger LOG = Logger.getLogger(EmployeeDirectory.class.getName());

    /** A search text that can only be (part of) a phone number: digits, spaces, + - ( ). */
    private static final Pattern PHONE_LIKE = Pattern.compile("[+0-9 ()-]*[0-9][+0-9 ()-]*");

    private static final String PAGE = """
            select employee_id, name, phone_e164, department, opted_in, updated_at
              from employee
             where employee_id > ?
               and (?::text is null
                    or employee_id ilike ? or name ilike ? or department ilike ?
                    or (?::text is not null and phone_e164 like ?))
             order by employee_id limit ?""";
    private static final String SET_OPTED_IN = """
            update employee set opted_in = ?, updated_at = now()
             where employee_id = ? and opted_in <> ?""";
    private static final String ONE = """
            select employee_id, name, phone_e164, department, opted_in, updated_at
              from employee where employee_id = ?""";

    @Resource(lookup = HeraldResources.DATASOURCE)
    private DataSource dataSource;

    @EJB
    private AuditTrail audit;

    /**
     * Up to {@code limit} employees with an employee id after {@code afterEmployeeId}; with a
     * search text, only those whose id, name or department contains it (ignoring case), or,
     * for a text that looks like a phone number, whose phone contains its digits.
     */
    public List<EmployeeView> page(String search, String afterEmployeeId, int limit) {
        String text = search == null || search.isBlank() ? null : search.trim();
        String pattern = text == null ? null : "%" + escapeLike(text) + "%";
        String digits = text == null || !PHONE_LIKE.matcher(text).matches() ? ""
                : text.replaceAll("[^0-9]", "");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(PAGE)) {
            select.setString(1, afterEmployeeId == null ? "" : afterEmployeeId);
            select.setString(2, text);
            select.setString(3, pattern);
            select.setString(4, pattern);
            select.setString(5, pattern);
            select.setString(6, digits.isEmpty() ? null : digits);
            select.setString(7, "%" + digits + "%");
            select.setInt(8, limit);
            List<EmployeeView> employees = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    employees.add(view(rows));
                }
            }
            return employees;
        } catch (SQLException e) {
            throw new IllegalStateException("employees cannot be listed", e);
        }
    }

    /**
     * Opts the employee in or out; audited when it changes anything. Returns the employee as it
     * is now.
     */
    public EmployeeView setOptedIn(String employeeId, boolean optedIn, String actor) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(SET_OPTED_IN)) {
            update.setBoolean(1, optedIn);
            update.setString(2, employeeId);
            update.setBoolean(3, optedIn);
            boolean changed = update.executeUpdate() == 1;
            EmployeeView employee = find(connection, employeeId);
            if (changed) {
                audit.record(actor, optedIn ? "OPT_IN" : "OPT_OUT", null, null,
                        "employee " + employeeId);
                LOG.log(Level.INFO, "HERALD-0102 employee {0}: opted {1} by {2}",
                        new Object[] {employeeId, optedIn ? "in" : "out", actor});
            }
            return employee;
        } catch (SQLException e) {
            throw new IllegalStateException("employee " + employeeId + " cannot be changed", e);
        }
    }

    private static EmployeeView find(Connection connection, String employeeId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ONE)) {
            select.setString(1, employeeId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new RequestRejectedException(Reason.NOT_FOUND,
                            "employee '" + employeeId + "' does not exist");
                }
                return view(rows);
            }
        }
    }

    private static EmployeeView view(ResultSet rows) throws SQLException {
        return new EmployeeView(rows.getString(1), rows.getString(2), rows.getString(3),
                rows.getString(4), rows.getBoolean(5), rows.getObject(6, OffsetDateTime.class));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
