package org.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.herald.tools.HeraldClient;
import org.herald.tools.Http;
import org.herald.tools.SimulatorClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * The operator's view from the outside: Herald's health checks on the management port, and its
 * Prometheus metrics, checked against a campaign this test sends.
 */
@ArquillianTest
class OperationsIT {

    private static final String HEALTH = "http://127.0.0.1:"
            + System.getProperty("herald.it.management-port") + "/health";

    private final HeraldClient herald = TestData.admin();
    private final SimulatorClient simulator =
            new SimulatorClient(System.getProperty("herald.it.simulator-url"));

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.herald();
    }

    @Test
    void everyCheckReportsUpWithWhatItFound() {
        Http.Answer ready = Http.get(HEALTH + "/ready");
        Http.Answer live = Http.get(HEALTH + "/live");

        assertEquals(200, ready.status(), ready.body());
        JsonObject database = check(ready, "herald-database").orElseThrow();
        JsonObject broker = check(ready, "herald-broker").orElseThrow();
        JsonObject circuit = check(ready, "herald-provider-circuit").orElseThrow();
        JsonObject sweep = check(live, "herald-dispatch-sweep").orElseThrow();
        assertEquals("UP", database.getString("status"), database::toString);
        assertFalse(database.getJsonObject("data").getString("schemaVersion").equals("none"));
        assertEquals("UP", broker.getString("status"), broker::toString);
        assertEquals("message sent and received",
                broker.getJsonObject("data").getString("roundTrip"));
        assertEquals("UP", circuit.getString("status"), circuit::toString);
        assertEquals("closed", circuit.getJsonObject("data").getString("circuit"));
        assertEquals(200, live.status(), live.body());
        assertEquals("UP", sweep.getString("status"), sweep::toString);
        assertFalse(sweep.getJsonObject("data").getString("lastRun").equals("not yet"));
    }

    @Test
    void metricsCountACampaignsDeliveriesSendsAndARepeatedRequest() throws Exception {
        awaitNothingInFlight();
        TestData data = new TestData(12);
        herald.importEmployees(data.csv());
        Map<String, Double> before = scrape();

        String key = UUID.randomUUID().toString();
        String body = data.campaignJson(inSeconds(2));
        long campaignId = ((JsonObject) herald.createCampaign(body, key).expect(201).json())
                .getJsonNumber("id").longValue();
        Http.Answer repeat = herald.createCampaign(body, key).expect(201);
        assertTrue(herald.awaitFinished(campaignId, 120_000).getBoolean("finished"));
        Map<String, Double> after = scrape();

        assertEquals("true", repeat.header("Idempotent-Replayed"));
        assertEquals(12, delta(before, after, "herald_deliveries{"), 0.0, "every state");
        assertEquals(12, delta(before, after, "herald_deliveries{state=\"SENT\"}")
                + delta(before, after, "herald_deliveries{state=\"DELIVERED\"}")
                + delta(before, after, "herald_deliveries{state=\"READ\"}"), 0.0, "sent");
        assertEquals(12, delta(before, after,
                "herald_provider_send_duration_seconds_count{outcome=\"accepted\"}"), 0.0);
        assertEquals(1, delta(before, after,
                "herald_duplicates_stopped_total{layer=\"idempotencyKey\"}"), 0.0);
        assertEquals(0, after.get("herald_delivery_queue_depth"), 0.0);
        assertEquals(401, Http.get(herald.apiUrl() + "/metrics").status());
    }

    @Test
    void readinessIsDownWhileTheProviderCircuitIsOpenAndUpAgainAfter() throws Exception {
        TestData data = new TestData(25);
        herald.importEmployees(data.csv());
        long campaignId = herald.createCampaign(data.campaignJson(inSeconds(3600)));

        simulator.addFault("{\"mode\":\"outage\",\"durationMs\":120000}");
        try {
            herald.sendNow(campaignId).expect(202);
            Await.until("readiness DOWN with the circuit open", Duration.ofSeconds(90),
                    () -> circuitStatus().equals("DOWN"));
            assertEquals(503, Http.get(HEALTH + "/ready").status());
        } finally {
            simulator.clearFaults();
        }
        JsonObject campaign = herald.awaitFinished(campaignId, 240_000);
        Await.until("readiness UP again", Duration.ofSeconds(60),
                () -> circuitStatus().equals("UP"));

        assertTrue(campaign.getBoolean("finished"), campaign::toString);
        assertEquals(25, campaign.getJsonObject("deliveries").getInt("SENT", 0)
                + campaign.getJsonObject("deliveries").getInt("DELIVERED", 0)
                + campaign.getJsonObject("deliveries").getInt("READ", 0), campaign::toString);
        simulator.messagesPerRecipient(campaignId).values()
                .forEach(count -> assertEquals(1, count));
        assertEquals(200, Http.get(HEALTH + "/ready").status());
    }

    private String circuitStatus() {
        return check(Http.get(HEALTH + "/ready"), "herald-provider-circuit")
                .map(check -> check.getString("status")).orElse("missing");
    }

    private static Optional<JsonObject> check(Http.Answer health, String name) {
        return ((JsonObject) health.json()).getJsonArray("checks").getValuesAs(JsonObject.class)
                .stream().filter(check -> name.equals(check.getString("name"))).findFirst();
    }

    /** Every sample of the metrics endpoint by series (name and labels). */
    private Map<String, Double> scrape() {
        Http.Answer answer = herald.call("GET", "/metrics", null, null).expect(200);
        assertTrue(answer.header("Content-Type").startsWith("text/plain"),
                answer.header("Content-Type"));
        Map<String, Double> samples = new HashMap<>();
        for (String line : answer.body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.valueOf(line.substring(space + 1)));
            }
        }
        return samples;
    }

    /** The growth of every series whose name and labels start with the prefix, summed. */
    private static double delta(Map<String, Double> before, Map<String, Double> after,
            String prefix) {
        return after.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix))
                .mapToDouble(entry -> entry.getValue() - before.getOrDefault(entry.getKey(), 0.0))
                .sum();
    }

    /** Earlier tests' campaigns have nothing left queued or sending, so the deltas are ours. */
    private void awaitNothingInFlight() {
        Await.until("no delivery queued or sending", Duration.ofSeconds(120), () -> {
            Map<String, Double> samples = scrape();
            return samples.getOrDefault("herald_deliveries{state=\"QUEUED\"}", 1.0)
                    + samples.getOrDefault("herald_deliveries{state=\"SENDING\"}", 1.0) == 0;
        });
    }

    private static String inSeconds(int seconds) {
        return OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds).toString();
    }
}
