package org.herald.tools.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The employees of one chaos scenario: a department of their own and phone numbers no other
 * scenario uses, so scenarios share a database without seeing each other. Saved in the
 * scenario's folder (department, campaign id, expected phones) for the later steps.
 */
final class ChaosData {

    private final String department;
    private final Set<String> phones;

    private ChaosData(String department, Set<String> phones) {
        this.department = department;
        this.phones = phones;
    }

    static ChaosData create(int employees) {
        String department = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
        Set<String> phones = new LinkedHashSet<>();
        while (phones.size() < employees) {
            phones.add("+4930" + (20_000_000 + ThreadLocalRandom.current().nextInt(70_000_000)));
        }
        return new ChaosData(department, phones);
    }

    static ChaosData load(Path folder) throws IOException {
        return new ChaosData(Files.readString(folder.resolve("department")).trim(),
                new LinkedHashSet<>(Files.readAllLines(folder.resolve("phones"))));
    }

    void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("department"), department + "\n");
        Files.write(folder.resolve("phones"), phones);
    }

    static void saveCampaign(Path folder, long campaignId) throws IOException {
        Files.writeString(folder.resolve("campaign"), campaignId + "\n");
    }

    static long campaign(Path folder) throws IOException {
        return Long.parseLong(Files.readString(folder.resolve("campaign")).trim());
    }

    /** Delivery ids the launcher noted in the folder's file, one a line; none if no file. */
    static Set<Long> ids(Path folder, String file) throws IOException {
        Set<Long> ids = new LinkedHashSet<>();
        Path path = folder.resolve(file);
        if (Files.exists(path)) {
            for (String line : Files.readAllLines(path)) {
                if (!line.isBlank()) {
                    ids.add(Long.parseLong(line.trim()));
                }
            }
        }
        return ids;
    }

    String department() {
        return department;
    }

    Set<String> phones() {
        return phones;
    }

    String csv() {
        StringBuilder csv = new StringBuilder("employee_id,name,phone,department,opted_in\n");
        List<String> numbers = List.copyOf(phones);
        for (int index = 0; index < numbers.size(); index++) {
            csv.append(department).append('-').append(index + 1).append(",Chaos Person ")
                    .append(index + 1).append(',').append(numbers.get(index)).append(',')
                    .append(department).append(",true\n");
        }
        return csv.toString();
    }

    String campaignJson(String scheduledAt) {
        return "{\"name\":\"" + department + "\",\"template\":\"hr_announcement\","
                + "\"language\":\"en_US\",\"parameters\":[\"{{employee.name}}\",\"chaos\"],"
                + "\"audience\":{\"type\":\"DEPARTMENTS\",\"departments\":[\"" + department
                + "\"]},\"scheduledAt\":\"" + scheduledAt + "\"}";
    }
}
