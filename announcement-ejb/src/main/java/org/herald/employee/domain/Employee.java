package org.herald.employee.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A person who may receive announcements. The employee id is the HR system's key; the phone is
 * stored in E.164 form so that two spellings of one number are one recipient.
 */
@Entity
@Table(name = "employee")
public class Employee {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "employee_id", nullable = false, unique = true)
    private String employeeId;

    @Column(nullable = false)
    private String name;

    @Column(name = "phone_e164", nullable = false, unique = true)
    private String phoneE164;

    private String department;

    @Column(name = "opted_in", nullable = false)
    private boolean optedIn;

    protected Employee() {
    }

    public Long getId() {
        return id;
    }

    public String getEmployeeId() {
        return employeeId;
    }

    public String getName() {
        return name;
    }

    public String getPhoneE164() {
        return phoneE164;
    }

    public String getDepartment() {
        return department;
    }

    public boolean isOptedIn() {
        return optedIn;
    }
}
