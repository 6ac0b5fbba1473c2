package org.herald.employee.domain;

/** One employee as read from an import, already validated and normalised. */
public record EmployeeRecord(
        String employeeId, String name, String phoneE164, String department, boolean optedIn) {
}
