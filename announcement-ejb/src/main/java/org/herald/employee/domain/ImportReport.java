package org.herald.employee.domain;

import java.util.List;

/**
 * What an import did, line by line where it matters: rows created, changed or already up to date,
 * rows that repeated an earlier row of the same file, and rows refused with the reason.
 */
public record ImportReport(
        int rows,
        int imported,
        int updated,
        int unchanged,
        List<RepeatedRow> repeated,
        List<RejectedRow> rejected) {

    /** A row naming an employee that an earlier row of the same file already named. */
    public record RepeatedRow(long line, String employeeId, long firstLine) {
    }

    /** A row that was not imported, and why. */
    public record RejectedRow(long line, String employeeId, String reason) {
    }
}
