package org.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.herald.tools.Audit;
import org.herald.tools.EmployeeFile;
import org.herald.tools.HeraldClient;
import org.herald.tools.Http;
import org.herald.tools.SimulatorClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * Herald from the outside: the real EAR on the real server, driven through its REST API, with
 * every message counted at the provider simulator.
 */
@ArquillianTest
class EndToEndIT {

    private final HeraldClient herald = TestData.admin();
    private final SimulatorClient simulator =
            new SimulatorClient(System.getProperty("herald.it.simulator-url"));

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.herald();
    }

    @Test
    void theSampleCampaignReachesEveryValidOptedInEmployeeExactlyOnce() throws Exception {
        String csv = Files.readString(Path.of("..", "samples", "employees.csv"),
                StandardCharsets.UTF_8);
        EmployeeFile file = new EmployeeFile(csv, "US");

        JsonObject report = herald.importEmployees(csv);
        long campaignId = herald.createCampaign(sampleCampaign(file, inSeconds(3)));
        JsonObject campaign = herald.awaitFinished(campaignId, 120_000);
        Audit audit = Audit.of(file.expectedPhones(), simulator.messagesPerRecipient(campaignId));

        assertEquals(1, report.getJsonArray("rejected").size(), report::toString);
        assertEquals(1, report.getJsonArray("repeated").size(), report::toString);
        assertTrue(campaign.getBoolean("finished"), campaign::toString);
        assertEquals(997, audit.recipients());
        assertEquals(new Audit(997, 997, 0, 0, 0), audit);
        assertEquals(997, campaign.getInt("recipients"));
    }

    @Test
    void fiveConcurrentCreatesWithOneKeyMakeOneCampaign() throws Exception {
        TestData data = new TestData(3);
        herald.importEmployees(data.csv());
        String body = data.campaignJson(inSeconds(3600));
        String key = UUID.randomUUID().toString();

        List<Http.Answer> answers = concurrently(5, () -> herald.createCampaign(body, key));

        Set<String> bodies = new HashSet<>();
        for (Http.Answer answer : answers) {
            assertEquals(201, answer.status(), answer.body());
            bodies.add(answer.body());
        }
        assertEquals(1, bodies.size(), "every repeat gets the first response: " + bodies);
        long replayed = answers.stream().filter(a -> "true".equals(a.header("Idempotent-Replayed")))
                .count();
        assertEquals(4, replayed);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        TestData data = new TestData(1);
        herald.importEmployees(data.csv());
        String key = UUID.randomUUID().toString();
        herald.createCampaign(data.campaignJson(inSeconds(3600)), key).expect(201);

        Http.Answer other = herald.createCampaign(data.campaignJson(inSeconds(7200)), key);

        assertEquals(422, other.status(), other.body());
        assertTrue(other.body().contains(key), other.body());
    }

    @Test
    void aCampaignCancelledBeforeItsTimeReachesNobody() {
        TestData data = new TestData(5);
        herald.importEmployees(data.csv());
        long campaignId = herald.createCampaign(data.campaignJson(inSeconds(4)));
        long sweptBy = System.currentTimeMillis() + 4_000 + 9_000;

        herald.cancel(campaignId).expect(200);
        Await.until("the due time to pass and a sweep to run", Duration.ofSeconds(30),
                () -> System.currentTimeMillis() > sweptBy);

        assertEquals("CANCELLED", herald.campaign(campaignId).getString("status"));
        assertEquals(Map.of(), simulator.messagesPerRecipient(campaignId));
        assertEquals(409, herald.cancel(campaignId).status());
    }

    @Test
    void anInvalidCampaignIsRefusedNamingEachProblem() {
        Http.Answer answer = herald.createCampaign("{\"name\":\"\",\"template\":\"Bad Name\","
                + "\"audience\":{\"type\":\"DEPARTMENTS\"}}", null);

        assertEquals(400, answer.status());
        for (String field : List.of("name", "template", "language", "audience", "scheduledAt")) {
            assertTrue(answer.body().contains(field), field + " not named in " + answer.body());
        }
    }

    @Test
    void aCampaignTheProviderOrTheAudienceWouldRefuseIsRefusedUpFront() {
        TestData data = new TestData(1);
        herald.importEmployees(data.csv());
        String valid = data.campaignJson(inSeconds(3600));

        Map<String, String> cases = Map.of(
                "cannot be read", "{\"name\":",
                "04.12.2026", valid.replaceFirst("\"scheduledAt\":\"[^\"]+\"",
                        "\"scheduledAt\":\"04.12.2026 09:00\""),
                "in the past", data.campaignJson("2020-01-01T09:00:00Z"),
                "takes 2 body parameters", valid.replace("\"test\"]", "\"test\",\"x\"]"),
                "{{employee.phone}}", valid.replace("{{employee.name}}", "{{employee.phone}}"),
                "reaches no opted-in employee", valid.replace(data.department, "nobody-here"),
                "not among the account's templates",
                valid.replace("hr_announcement", "no_such_template"));

        cases.forEach((expected, body) -> {
            Http.Answer answer = herald.createCampaign(body, null);
            assertEquals(400, answer.status(), expected + ": " + answer.body());
            assertTrue(answer.body().contains(expected), expected + " not in " + answer.body());
        });
    }

    @Test
    void aCsvWithoutTheRequiredColumnsIsRefused() {
        Http.Answer answer = herald.call("POST", "/employees/import", "text/csv",
                "id,name\n1,Ada\n");

        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("employee_id"), answer.body());
    }

    private static String sampleCampaign(EmployeeFile file, String scheduledAt) {
        StringBuilder ids = new StringBuilder();
        for (String id : file.employeeIds()) {
            ids.append(ids.length() == 0 ? "" : ",").append('"').append(id).append('"');
        }
        return "{\"name\":\"sample\",\"template\":\"office_closure\",\"language\":\"en_US\","
                + "\"parameters\":[\"{{employee.name}}\",\"Berlin\",\"Friday\"],"
                + "\"audience\":{\"type\":\"EMPLOYEES\",\"employeeIds\":[" + ids + "]},"
                + "\"scheduledAt\":\"" + scheduledAt + "\"}";
    }

    static String inSeconds(long seconds) {
        return OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds).toString();
    }

    private static <T> List<T> concurrently(int times, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(times);
        try {
            List<Callable<T>> calls = new ArrayList<>();
            for (int index = 0; index < times; index++) {
                calls.add(call);
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
