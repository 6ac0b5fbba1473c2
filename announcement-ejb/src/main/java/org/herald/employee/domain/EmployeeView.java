package org.herald.employee.domain;

import java.time.OffsetDateTime;

/** An employee as the console lists it. */
public record EmployeeView(String employeeId, String name, String phone, String department,
        boolean optedIn, OffsetDateTime updatedAt) {
}
