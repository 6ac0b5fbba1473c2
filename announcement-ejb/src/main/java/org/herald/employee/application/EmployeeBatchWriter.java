package org.herald.employee.application;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.herald.employee.domain.EmployeeCsv.Numbered;
import org.herald.employee.domain.EmployeeRecord;
import org.herald.employee.domain.ImportReport.RejectedRow;

/**
 * Writes one batch of imported employees with JDBC batching: reads what is stored for the batch's
 * ids and phones, refuses phones owned by another employee, inserts the new and updates the
 * changed.
 */
final class EmployeeBatchWriter {

    private static final String SELECT_BY_ID = "select employee_id, name, phone_e164,"
            + " department, opted_in from employee where employee_id = any(?)";
    private static final String SELECT_BY_PHONE =
            "select phone_e164, employee_id from employee where phone_e164 = any(?)";
    private static final String INSERT = "insert into employee"
            + " (employee_id, name, phone_e164, department, opted_in) values (?, ?, ?, ?, ?)";
    private static final String UPDATE = "update employee set name = ?, phone_e164 = ?,"
            + " department = ?, opted_in = ?, updated_at = now() where employee_id = ?";

    private final Connection connection;

    EmployeeBatchWriter(Connection connection) {
        this.connection = connection;
    }

    void write(List<Numbered> batch, Counts counts, List<RejectedRow> rejected)
            throws SQLException {
        Map<String, EmployeeRecord> stored = storedById(batch);
        Map<String, String> phoneOwners = phoneOwners(batch);

        try (PreparedStatement insert = connection.prepareStatement(INSERT);
                PreparedStatement update = connection.prepareStatement(UPDATE)) {
            for (Numbered row : batch) {
                EmployeeRecord employee = row.employee();
                String owner = phoneOwners.get(employee.phoneE164());
                if (owner != null && !owner.equals(employee.employeeId())) {
                    rejected.add(new RejectedRow(row.line(), employee.employeeId(), "phone "
                            + employee.phoneE164() + " already belongs to employee " + owner));
                    continue;
                }
                EmployeeRecord current = stored.get(employee.employeeId());
                if (current == null) {
                    addInsert(insert, employee);
                    counts.imported++;
                } else if (!Objects.equals(current, employee)) {
                    addUpdate(update, employee);
                    counts.updated++;
                } else {
                    counts.unchanged++;
                }
            }
            update.executeBatch();
            insert.executeBatch();
        }
    }

    private Map<String, EmployeeRecord> storedById(List<Numbered> batch) throws SQLException {
        Map<String, EmployeeRecord> stored = new HashMap<>();
        String[] ids = batch.stream().map(row -> row.employee().employeeId())
                .toArray(String[]::new);
        try (PreparedStatement select = connection.prepareStatement(SELECT_BY_ID)) {
            select.setArray(1, textArray(ids));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), new EmployeeRecord(rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getBoolean(5)));
                }
            }
        }
        return stored;
    }

    private Map<String, String> phoneOwners(List<Numbered> batch) throws SQLException {
        Map<String, String> owners = new HashMap<>();
        String[] phones = batch.stream().map(row -> row.employee().phoneE164())
                .toArray(String[]::new);
        try (PreparedStatement select = connection.prepareStatement(SELECT_BY_PHONE)) {
            select.setArray(1, textArray(phones));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    owners.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return owners;
    }

    private Array textArray(String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }

    private static void addInsert(PreparedStatement insert, EmployeeRecord employee)
            throws SQLException {
        insert.setString(1, employee.employeeId());
        insert.setString(2, employee.name());
        insert.setString(3, employee.phoneE164());
        insert.setString(4, employee.department());
        insert.setBoolean(5, employee.optedIn());
        insert.addBatch();
    }

    private static void addUpdate(PreparedStatement update, EmployeeRecord employee)
            throws SQLException {
        update.setString(1, employee.name());
        update.setString(2, employee.phoneE164());
        update.setString(3, employee.department());
        update.setBoolean(4, employee.optedIn());
        update.setString(5, employee.employeeId());
        update.addBatch();
    }

    /** Running totals over the batches of one import. */
    static final class Counts {
        int imported;
        int updated;
        int unchanged;
    }
}
