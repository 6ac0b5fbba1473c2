package org.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.herald.tools.HeraldClient;
import org.herald.tools.Http;
import org.herald.tools.SimulatorClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * The employees API and the audit trail over HTTP: search and keyset paging, opt-out and opt-in
 * (admin only, CSRF for sessions, audited), an opt-out that stops messages not yet sent, and an
 * audit entry for every change made through the API.
 */
@ArquillianTest
class EmployeesApiIT {

    private static final String URL = System.getProperty("herald.it.url");

    private final HeraldClient admin = TestData.admin();
    private final SimulatorClient simulator =
            new SimulatorClient(System.getProperty("herald.it.simulator-url"));

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.herald();
    }

    @Test
    void theListIsSearchedAndPagedInEmployeeIdOrder() {
        TestData data = new TestData(23);
        admin.importEmployees(data.csv());
        String phone = List.copyOf(data.phones).get(4);

        List<String> paged = new ArrayList<>();
        String after = "";
        for (int page = 0; page < 5; page++) {
            List<JsonObject> rows = list("q=" + data.department + "&limit=10&after=" + after);
            rows.forEach(row -> paged.add(row.getString("employeeId")));
            if (rows.size() < 10) {
                break;
            }
            after = rows.get(rows.size() - 1).getString("employeeId");
        }
        List<JsonObject> byPhone = list("q=" + phone.substring(3));
        Http.Answer tooLong = admin.call("GET", "/employees?q=" + "x".repeat(101), null, null);

        assertEquals(data.employeeIds.stream().sorted().toList(), paged);
        assertEquals(1, byPhone.size(), byPhone::toString);
        assertEquals(data.employeeIds.get(4), byPhone.get(0).getString("employeeId"));
        assertEquals(phone, byPhone.get(0).getString("phone"));
        assertEquals(400, tooLong.status());
    }

    @Test
    void onlyAnAdminOptsOutAndInAndEachChangeIsAudited() {
        TestData data = new TestData(1);
        admin.importEmployees(data.csv());
        String id = data.employeeIds.get(0);
        String viewer = "viewer-" + data.department;
        admin.createUser(viewer, "viewer-password", "HR_VIEWER").expect(201);
        Http.Answer login = Http.post(URL + "/api/session", "application/x-www-form-urlencoded",
                "username=admin&password=" + URLEncoder.encode(
                        System.getProperty("herald.it.admin-password"), StandardCharsets.UTF_8))
                .expect(200);
        String cookie = login.header("Set-Cookie");
        String session = cookie.substring(0, cookie.indexOf(';'));

        Http.Answer byViewer = new HeraldClient(URL, viewer, "viewer-password")
                .call("POST", "/employees/" + id + "/opt-out", "application/json", "");
        Http.Answer withoutToken = Http.exchange("POST", URL + "/api/employees/" + id
                + "/opt-out", "application/json", "", "Cookie", session);
        JsonObject out = (JsonObject) admin.call("POST", "/employees/" + id + "/opt-out",
                "application/json", "").expect(200).json();
        admin.call("POST", "/employees/" + id + "/opt-out", "application/json", "").expect(200);
        JsonObject in = (JsonObject) admin.call("POST", "/employees/" + id + "/opt-in",
                "application/json", "").expect(200).json();
        Http.Answer unknown = admin.call("POST", "/employees/nobody-" + data.department
                + "/opt-out", "application/json", "");

        assertEquals(403, byViewer.status());
        assertEquals(403, withoutToken.status());
        assertEquals(false, out.getBoolean("optedIn"));
        assertEquals(true, in.getBoolean("optedIn"));
        assertEquals(404, unknown.status());
        assertEquals(List.of("OPT_IN", "OPT_OUT"), audited("employee " + id).stream()
                .map(event -> event.getString("action")).toList(), "a repeat is no change");
    }

    @Test
    void anOptOutAfterTheDispatchStopsTheMessagesNotYetSent() throws Exception {
        TestData data = new TestData(3);
        admin.importEmployees(data.csv());
        long campaignId = admin.createCampaign(data.campaignJson(inSeconds(3600)));
        List<String> optingOut = data.employeeIds.subList(1, 3);

        // While the provider is out, every attempt ends "not sent" and the deliveries wait in
        // the queue for their retry: dispatched, but certainly not sent yet.
        simulator.addFault("{\"mode\":\"outage\",\"durationMs\":120000}");
        try {
            admin.sendNow(campaignId).expect(202);
            Await.until("every delivery tried once and queued again", Duration.ofSeconds(90),
                    () -> admin.deliveries(campaignId, "QUEUED").getValuesAs(JsonObject.class)
                            .stream().filter(delivery -> delivery.getInt("attempts") >= 1)
                            .count() == 3);
            for (String id : optingOut) {
                admin.call("POST", "/employees/" + id + "/opt-out", "application/json", "")
                        .expect(200);
            }
        } finally {
            simulator.clearFaults();
        }
        JsonObject campaign = admin.awaitFinished(campaignId, 180_000);
        Map<String, Integer> messages = simulator.messagesPerRecipient(campaignId);
        List<JsonObject> stopped = admin.deliveries(campaignId, "FAILED")
                .getValuesAs(JsonObject.class);

        assertTrue(campaign.getBoolean("finished"), campaign::toString);
        assertEquals(Set.copyOf(optingOut), stopped.stream()
                .map(delivery -> delivery.getString("employeeId")).collect(Collectors.toSet()));
        assertTrue(stopped.stream().allMatch(delivery -> delivery.getString("reason")
                .contains("opted out")), stopped::toString);
        assertEquals(Map.of(digits(List.copyOf(data.phones).get(0)), 1), messages);
    }

    @Test
    void everyChangeMadeThroughTheApiIsInTheAuditTrailWithItsAuthor() throws Exception {
        TestData data = new TestData(2);
        admin.importEmployees(data.csv());
        long cancelled = admin.createCampaign(data.campaignJson(inSeconds(3600)));
        admin.cancel(cancelled).expect(200);
        long sentNow = admin.createCampaign(data.campaignJson(inSeconds(3600)));
        admin.sendNow(sentNow).expect(202);
        admin.setThroughput(admin.throughput());
        // Nothing of this test may still be on its way when the next test counts at the provider.
        assertTrue(admin.awaitFinished(sentNow, 60_000).getBoolean("finished"));

        List<JsonObject> trail = ((JsonArray) admin.call("GET", "/audit?limit=50", null, null)
                .expect(200).json()).getValuesAs(JsonObject.class);

        Set<String> actions = trail.stream().filter(event -> "admin".equals(event.getString(
                "actor"))).map(event -> event.getString("action") + ":" + (!event.containsKey(
                "campaignId") ? "" : event.getJsonNumber("campaignId").longValue()))
                .collect(Collectors.toSet());
        assertTrue(actions.containsAll(List.of("IMPORT_EMPLOYEES:", "SET_THROUGHPUT:",
                "CREATE_CAMPAIGN:" + cancelled, "CANCEL_CAMPAIGN:" + cancelled,
                "CREATE_CAMPAIGN:" + sentNow, "SEND_NOW:" + sentNow)), actions::toString);
        assertTrue(trail.stream().allMatch(event -> event.containsKey("occurredAt")));
    }

    private List<JsonObject> list(String query) {
        return ((JsonArray) admin.call("GET", "/employees?" + query, null, null).expect(200)
                .json()).getValuesAs(JsonObject.class);
    }

    private List<JsonObject> audited(String detail) {
        return ((JsonArray) admin.call("GET", "/audit?limit=100", null, null).expect(200).json())
                .getValuesAs(JsonObject.class).stream()
                .filter(event -> detail.equals(event.getString("detail", "")))
                .toList();
    }

    private static String digits(String phone) {
        return phone.replaceAll("[^0-9]", "");
    }

    private static String inSeconds(int seconds) {
        return OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds).toString();
    }
}
