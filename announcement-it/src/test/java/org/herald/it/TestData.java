package org.herald.it;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.herald.campaign.domain.Audience;
import org.herald.campaign.domain.AudienceType;
import org.herald.campaign.domain.CampaignDraft;
import org.herald.tools.HeraldClient;
import org.herald.tools.SimulatorClient;

/**
 * Employees made up for one test: ids and phone numbers no other test uses, in a department of
 * their own, so tests share a database without seeing each other.
 */
final class TestData {

    /**
     * Phone numbers are unique in the employee table, so each JVM that makes test data (the
     * test client's and the server's) walks its own run of Munich numbers from a random start.
     * Drawn at random, some 6,000 numbers per suite run out of 70 million collide with a chance
     * of about one in four, and the import refuses the second holder of a number.
     */
    private static final AtomicLong NEXT_PHONE =
            new AtomicLong(20_000_000 + ThreadLocalRandom.current().nextInt(69_000_000));

    final String department = "it-" + UUID.randomUUID().toString().substring(0, 8);
    final List<String> employeeIds;
    final Set<String> phones = new LinkedHashSet<>();

    TestData(int employees) {
        employeeIds = IntStream.rangeClosed(1, employees)
                .mapToObj(index -> department + "-" + index)
                .collect(Collectors.toList());
        while (phones.size() < employees) {
            phones.add("+4989" + NEXT_PHONE.getAndIncrement());
        }
    }

    /** The API as the test server's first admin, whose password ./herald test chose. */
    static HeraldClient admin() {
        return new HeraldClient(System.getProperty("herald.it.url"), "admin",
                System.getProperty("herald.it.admin-password"));
    }

    String csv() {
        StringBuilder csv = new StringBuilder("employee_id,name,phone,department,opted_in\n");
        List<String> numbers = List.copyOf(phones);
        for (int index = 0; index < employeeIds.size(); index++) {
            csv.append(employeeIds.get(index)).append(",Test Person ").append(index).append(',')
                    .append(numbers.get(index)).append(',').append(department).append(",true\n");
        }
        return csv.toString();
    }

    /** A campaign to this test's department, as the in-server tests create it. */
    CampaignDraft draft(String purpose, OffsetDateTime scheduledAt) {
        return new CampaignDraft(department, "hr_announcement", "en_US",
                List.of("{{employee.name}}", purpose),
                new Audience(AudienceType.DEPARTMENTS, List.of(department)), scheduledAt);
    }

    /**
     * Inside the server: the simulator Herald sends to, as its configuration names it (through
     * MicroProfile Config: a system property on WildFly, an environment variable on Payara).
     */
    static SimulatorClient serverSimulator() {
        return new SimulatorClient(ConfigProvider.getConfig()
                .getValue("herald.whatsapp.base-url", String.class));
    }

    String campaignJson(String scheduledAt) {
        return "{\"name\":\"" + department + "\",\"template\":\"hr_announcement\","
                + "\"language\":\"en_US\",\"parameters\":[\"{{employee.name}}\",\"test\"],"
                + "\"audience\":{\"type\":\"DEPARTMENTS\",\"departments\":[\"" + department
                + "\"]},\"scheduledAt\":\"" + scheduledAt + "\"}";
    }
}
