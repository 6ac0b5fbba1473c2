package org.herald.campaign.domain;

/** Who a campaign goes to: every opted-in employee, some departments, or listed employees. */
public enum AudienceType {
    ALL,
    DEPARTMENTS,
    EMPLOYEES
}
