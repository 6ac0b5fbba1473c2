package org.herald.tools;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * {@code ./herald demo}: imports the sample employees, schedules a campaign to all of them a few
 * seconds ahead, waits for it to finish and counts, at the provider simulator, who got the
 * announcement how many times. The last line is the summary scripts read.
 *
 * <p>Arguments: Herald's base URL, the simulator's base URL, the CSV file.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: Demo <herald-url> <simulator-url> <employees.csv>");
            System.exit(2);
        }
        HeraldClient herald = HeraldClient.fromEnvironment(args[0]);
        SimulatorClient simulator = new SimulatorClient(args[1]);
        String csv = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8);

        JsonObject report = herald.importEmployees(csv);
        printImport(report);
        EmployeeFile file = new EmployeeFile(csv, "US");

        long started = System.currentTimeMillis();
        JsonObject created = (JsonObject) herald.createCampaign(campaignJson(file),
                UUID.randomUUID().toString()).expect(201).json();
        long campaignId = created.getJsonNumber("id").longValue();
        System.out.printf("campaign %d scheduled 5 s ahead for the %d employees of the file%n",
                campaignId, file.employeeIds().size());
        created.getJsonArray("warnings").forEach(warning ->
                System.out.println("  note: " + ((JsonString) warning).getString()));
        JsonObject campaign = herald.awaitFinished(campaignId, 300_000);
        System.out.printf("campaign %d: %s, deliveries %s, %.1f s after creation%n", campaignId,
                campaign.getString("status"), campaign.getJsonObject("deliveries"),
                (System.currentTimeMillis() - started) / 1000.0);

        Map<String, Integer> received = simulator.messagesPerRecipient(campaignId);
        Audit audit = Audit.of(file.expectedPhones(), received);
        if (audit.unexpected() > 0) {
            System.out.printf("WARNING: %d recipients got a message without being expected%n",
                    audit.unexpected());
        }
        System.out.printf("demo: recipients=%d delivered=%d duplicates=%d lost=%d%n",
                audit.recipients(), audit.delivered(), audit.duplicates(), audit.lost());
        System.exit(campaign.getBoolean("finished") && audit.exactlyOnce() ? 0 : 1);
    }

    private static void printImport(JsonObject report) {
        System.out.printf("import: %d rows, %d imported, %d updated, %d unchanged%n",
                report.getInt("rows"), report.getInt("imported"), report.getInt("updated"),
                report.getInt("unchanged"));
        for (JsonValue row : report.getJsonArray("repeated")) {
            JsonObject repeated = row.asJsonObject();
            System.out.printf("  line %d repeats employee %s of line %d: one employee%n",
                    repeated.getInt("line"), repeated.getString("employeeId"),
                    repeated.getInt("firstLine"));
        }
        for (JsonValue row : report.getJsonArray("rejected")) {
            JsonObject rejected = row.asJsonObject();
            System.out.printf("  line %d rejected (%s): %s%n", rejected.getInt("line"),
                    rejected.getString("employeeId"), rejected.getString("reason"));
        }
    }

    private static String campaignJson(EmployeeFile file) {
        JsonArrayBuilder ids = Json.createArrayBuilder();
        file.employeeIds().forEach(ids::add);
        return Json.createObjectBuilder()
                .add("name", "Demo: office closed on Friday")
                .add("template", "office_closure")
                .add("language", "en_US")
                .add("parameters", Json.createArrayBuilder()
                        .add("{{employee.name}}").add("Berlin").add("Friday"))
                .add("audience", Json.createObjectBuilder()
                        .add("type", "EMPLOYEES").add("employeeIds", ids))
                .add("scheduledAt", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(5).toString())
                .build()
                .toString();
    }
}
