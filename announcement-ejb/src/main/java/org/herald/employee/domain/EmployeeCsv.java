package org.herald.employee.domain;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.herald.employee.domain.ImportReport.RejectedRow;
import org.herald.employee.domain.ImportReport.RepeatedRow;
import org.herald.platform.RequestRejectedException;
import org.herald.platform.RequestRejectedException.Reason;

/**
 * Reads an employee list in CSV with the header {@code employee_id,name,phone,department,opted_in}.
 * Each row is validated on its own: a bad row is reported with its line number and the rest are
 * kept. Rows naming the same employee id twice are one employee (the later row wins), and a phone
 * number may belong to one employee only.
 */
public final class EmployeeCsv {

    public static final List<String> COLUMNS =
            List.of("employee_id", "name", "phone", "department", "opted_in");

    private static final Set<String> YES = Set.of("true", "yes", "y", "1");
    private static final Set<String> NO = Set.of("false", "no", "n", "0");

    private final PhoneNumbers phoneNumbers;

    public EmployeeCsv(PhoneNumbers phoneNumbers) {
        this.phoneNumbers = phoneNumbers;
    }

    /** Parses the whole file; throws only when the file as a whole cannot be read. */
    public Parsed parse(Reader csv) {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setIgnoreHeaderCase(true)
                .setTrim(true)
                .get();
        try (CSVParser parser = CSVParser.parse(withoutByteOrderMark(csv), format)) {
            requireColumns(parser.getHeaderNames().stream()
                    .map(name -> name.toLowerCase(Locale.ROOT)).toList());
            Parsed parsed = new Parsed();
            for (CSVRecord record : parser) {
                parsed.add(record.getRecordNumber() + 1, read(record));
            }
            return parsed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new RequestRejectedException(Reason.INVALID,
                    "CSV cannot be read: " + e.getMessage());
        }
    }

    /** Spreadsheets save "CSV UTF-8" with a byte-order mark, which is not part of the header. */
    private static Reader withoutByteOrderMark(Reader csv) throws IOException {
        PushbackReader reader = new PushbackReader(csv, 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    private static void requireColumns(List<String> header) {
        List<String> missing = COLUMNS.stream().filter(column -> !header.contains(column)).toList();
        if (!missing.isEmpty()) {
            throw new RequestRejectedException(Reason.INVALID,
                    "CSV header lacks column(s) " + missing + "; expected "
                            + String.join(",", COLUMNS));
        }
    }

    private Row read(CSVRecord record) {
        if (!record.isConsistent()) {
            return Row.rejected(value(record, "employee_id"), "row has " + record.size()
                    + " fields, the header has " + record.getParser().getHeaderNames().size());
        }
        String employeeId = value(record, "employee_id");
        String name = value(record, "name");
        if (employeeId.isEmpty()) {
            return Row.rejected(employeeId, "employee_id is empty");
        }
        if (employeeId.length() > 64) {
            return Row.rejected(employeeId, "employee_id is longer than 64 characters");
        }
        if (name.isEmpty()) {
            return Row.rejected(employeeId, "name is empty");
        }
        PhoneNumbers.Result phone = phoneNumbers.normalise(value(record, "phone"));
        if (phone.e164().isEmpty()) {
            return Row.rejected(employeeId, phone.problem());
        }
        String optedIn = value(record, "opted_in").toLowerCase(Locale.ROOT);
        if (!YES.contains(optedIn) && !NO.contains(optedIn)) {
            return Row.rejected(employeeId, "opted_in '" + optedIn + "' is not true or false");
        }
        String department = value(record, "department");
        return Row.accepted(new EmployeeRecord(employeeId, name, phone.e164().get(),
                department.isEmpty() ? null : department, YES.contains(optedIn)));
    }

    private static String value(CSVRecord record, String column) {
        return record.isSet(column) ? record.get(column) : "";
    }

    private record Row(EmployeeRecord employee, String employeeId, String problem) {

        static Row accepted(EmployeeRecord employee) {
            return new Row(employee, employee.employeeId(), null);
        }

        static Row rejected(String employeeId, String problem) {
            return new Row(null, employeeId, problem);
        }
    }

    /** The rows of one file: the employees to store and the rows reported back. */
    public static final class Parsed {

        private final Map<String, Numbered> byEmployeeId = new LinkedHashMap<>();
        private final Map<String, Numbered> byPhone = new LinkedHashMap<>();
        private final List<RepeatedRow> repeated = new ArrayList<>();
        private final List<RejectedRow> rejected = new ArrayList<>();
        private int rows;

        void add(long line, Row row) {
            rows++;
            if (row.employee() == null) {
                rejected.add(new RejectedRow(line, row.employeeId(), row.problem()));
                return;
            }
            EmployeeRecord employee = row.employee();
            Numbered samePhone = byPhone.get(employee.phoneE164());
            if (samePhone != null
                    && !samePhone.employee().employeeId().equals(employee.employeeId())) {
                rejected.add(new RejectedRow(line, employee.employeeId(), "phone "
                        + employee.phoneE164() + " already belongs to employee "
                        + samePhone.employee().employeeId() + " (line " + samePhone.line() + ")"));
                return;
            }
            Numbered earlier = byEmployeeId.get(employee.employeeId());
            if (earlier != null) {
                repeated.add(new RepeatedRow(line, employee.employeeId(), earlier.line()));
                byPhone.remove(earlier.employee().phoneE164());
            }
            Numbered numbered = new Numbered(earlier == null ? line : earlier.line(), employee);
            byEmployeeId.put(employee.employeeId(), numbered);
            byPhone.put(employee.phoneE164(), numbered);
        }

        public int rows() {
            return rows;
        }

        public List<Numbered> employees() {
            return List.copyOf(byEmployeeId.values());
        }

        public List<RepeatedRow> repeated() {
            return repeated;
        }

        public List<RejectedRow> rejected() {
            return rejected;
        }
    }

    /** An accepted employee with the line that first named it. */
    public record Numbered(long line, EmployeeRecord employee) {
    }
}
