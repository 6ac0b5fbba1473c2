package org.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.herald.gateway.WebhookSignature;
import org.herald.tools.Audit;
import org.herald.tools.HeraldClient;
import org.herald.tools.Http;
import org.herald.tools.SimulatorClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A provider that fails, through the real stack: every fault class of the Cloud API, injected
 * at the simulator per recipient, ends in the state that tells the truth and, counted at the
 * simulator, never in a second message or a silent loss.
 */
@ArquillianTest
class DeliveryFaultsIT {

    private final String url = System.getProperty("herald.it.url");
    private final HeraldClient herald = TestData.admin();
    private final SimulatorClient simulator =
            new SimulatorClient(System.getProperty("herald.it.simulator-url"));

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.herald();
    }

    private double throughput;

    @BeforeEach
    void rememberThroughput() {
        throughput = herald.throughput();
    }

    @AfterEach
    void restoreProvider() {
        simulator.clearFaults();
        simulator.configureWebhooks(
                "{\"enabled\":true,\"sentDelayMs\":50,\"deliveredDelayMs\":150}");
        simulator.setRateLimit(0);
        herald.setThroughput(throughput);
    }

    @Test
    void retrySafeFaultsEndInExactlyOneMessageEach() throws Exception {
        TestData data = employees(4);
        List<String> phones = List.copyOf(data.phones);
        fault("throttle", phones.get(0), 3, "\"code\":130429");
        fault("throttle", phones.get(1), 2, "\"code\":131056");
        fault("http5xx", phones.get(2), 2, "\"status\":503,\"code\":2");

        long campaignId = sendNow(data);
        JsonObject campaign = herald.awaitFinished(campaignId, 90_000);

        assertTrue(campaign.getBoolean("finished"), campaign::toString);
        assertEquals(new Audit(4, 4, 0, 0, 0),
                Audit.of(data.phones, simulator.messagesPerRecipient(campaignId)));
        assertEquals(0, count(campaign, "FAILED") + count(campaign, "UNKNOWN"),
                campaign::toString);
    }

    @Test
    void permanentRefusalsEndFailedWithTheProvidersCode() throws Exception {
        TestData data = employees(3);
        List<String> phones = List.copyOf(data.phones);
        fault("reject", phones.get(0), 1, "\"code\":131026");
        fault("reject", phones.get(1), 1, "\"code\":132000");

        long campaignId = sendNow(data);
        herald.awaitFinished(campaignId, 60_000);
        Map<String, JsonObject> byPhone = deliveriesByPhone(campaignId);

        assertEquals("FAILED", byPhone.get(phones.get(0)).getString("status"));
        assertEquals(131026, byPhone.get(phones.get(0)).getInt("errorCode"));
        assertEquals(132000, byPhone.get(phones.get(1)).getInt("errorCode"));
        assertEquals(Map.of(phones.get(2).substring(1), 1),
                simulator.messagesPerRecipient(campaignId));
    }

    @Test
    void aTimeoutAfterAcceptanceIsUnknownUntilTheWebhookSaysSent() throws Exception {
        TestData data = employees(2);
        List<String> phones = List.copyOf(data.phones);
        simulator.configureWebhooks("{\"sentDelayMs\":7000,\"deliveredDelayMs\":7500}");
        fault("timeout_after_accept", phones.get(0), 1, "\"latencyMs\":6000");
        fault("reset", phones.get(1), 1, "\"accepted\":true");

        long campaignId = sendNow(data);
        Await.until("both deliveries to be UNKNOWN", Duration.ofSeconds(30),
                () -> herald.deliveries(campaignId, "UNKNOWN").size() == 2);
        Await.until("the webhooks to resolve them", Duration.ofSeconds(30),
                () -> herald.deliveries(campaignId, "UNKNOWN").isEmpty());

        assertEquals(new Audit(2, 2, 0, 0, 0),
                Audit.of(data.phones, simulator.messagesPerRecipient(campaignId)));
        for (JsonObject delivery : deliveriesByPhone(campaignId).values()) {
            assertTrue(List.of("SENT", "DELIVERED").contains(delivery.getString("status")),
                    delivery::toString);
        }
    }

    @Test
    void anUnknownNobodyResolvesWaitsForTheOperatorsDecision() throws Exception {
        TestData data = employees(2);
        List<String> phones = List.copyOf(data.phones);
        simulator.configureWebhooks("{\"enabled\":false}");
        fault("reset", phones.get(0), 1, "\"accepted\":false");
        fault("timeout_after_accept", phones.get(1), 1, "\"latencyMs\":5000");
        long campaignId = sendNow(data);
        Await.until("both deliveries to be UNKNOWN", Duration.ofSeconds(30),
                () -> herald.deliveries(campaignId, "UNKNOWN").size() == 2);
        Map<String, JsonObject> unknown = deliveriesByPhone(campaignId);

        herald.resend(unknown.get(phones.get(0)).getInt("id")).expect(204);
        herald.markSent(unknown.get(phones.get(1)).getInt("id")).expect(204);
        Http.Answer again = herald.resend(unknown.get(phones.get(0)).getInt("id"));
        herald.awaitFinished(campaignId, 30_000);

        assertEquals(409, again.status(), again.body());
        assertEquals(new Audit(2, 2, 0, 0, 0),
                Audit.of(data.phones, simulator.messagesPerRecipient(campaignId)));
        assertEquals("SENT", deliveriesByPhone(campaignId).get(phones.get(1)).getString("status"));
    }

    @Test
    void theThroughputLimitIsNeverExceededAtTheProvider() throws Exception {
        TestData data = employees(120);
        simulator.reset();
        simulator.setRateLimit(40);
        herald.setThroughput(40);

        long campaignId = sendNow(data);
        herald.awaitFinished(campaignId, 90_000);
        JsonObject stats = simulator.stats();

        assertEquals(new Audit(120, 120, 0, 0, 0),
                Audit.of(data.phones, simulator.messagesPerRecipient(campaignId)));
        assertEquals(0, stats.getInt("rejected"), "the provider refused sends: " + stats);
        assertTrue(stats.getInt("maxPerSecond") <= 40, stats::toString);
    }

    @Test
    void forgedWebhooksAreRefusedAndChangeNothing() throws Exception {
        TestData data = employees(1);
        long campaignId = sendNow(data);
        herald.awaitFinished(campaignId, 30_000);
        JsonObject delivery = herald.deliveries(campaignId, null).getJsonObject(0);
        String body = readWebhook(delivery.getString("wamid"), "herald:" + campaignId + ":"
                + delivery.getInt("id"));
        String webhook = url + "/api/webhooks/whatsapp";
        String secret = System.getProperty("herald.it.app-secret");

        Http.Answer unsigned = Http.post(webhook, "application/json", body);
        Http.Answer forged = Http.post(webhook, "application/json", body,
                "X-Hub-Signature-256", "sha256=" + WebhookSignature.sign("not-the-secret",
                        body.getBytes(StandardCharsets.UTF_8)));
        String statusAfterForgery = herald.deliveries(campaignId, null).getJsonObject(0)
                .getString("status");
        Http.Answer signed = Http.post(webhook, "application/json", body,
                "X-Hub-Signature-256", "sha256=" + WebhookSignature.sign(secret,
                        body.getBytes(StandardCharsets.UTF_8)));

        assertEquals(401, unsigned.status());
        assertEquals(401, forged.status());
        assertTrue(List.of("SENT", "DELIVERED").contains(statusAfterForgery), statusAfterForgery);
        assertEquals(200, signed.status());
        assertEquals("READ", herald.deliveries(campaignId, null).getJsonObject(0)
                .getString("status"));
    }

    @Test
    void theSubscriptionHandshakeAnswersOnlyTheRightToken() {
        String verify = url + "/api/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=4711"
                + "&hub.verify_token=";

        Http.Answer right = Http.get(verify + System.getProperty("herald.it.verify-token"));
        Http.Answer wrong = Http.get(verify + "guess");

        assertEquals(200, right.status());
        assertEquals("4711", right.body());
        assertEquals(403, wrong.status());
    }

    private TestData employees(int count) {
        TestData data = new TestData(count);
        JsonObject report = herald.importEmployees(data.csv());
        assertEquals(count, report.getInt("imported"), report::toString);
        return data;
    }

    private long sendNow(TestData data) {
        long campaignId = herald.createCampaign(data.campaignJson(EndToEndIT.inSeconds(3600)));
        herald.sendNow(campaignId).expect(202);
        return campaignId;
    }

    private void fault(String mode, String phone, int count, String extra) {
        simulator.addFault("{\"mode\":\"" + mode + "\",\"to\":\"" + phone.substring(1)
                + "\",\"count\":" + count + "," + extra + "}");
    }

    private Map<String, JsonObject> deliveriesByPhone(long campaignId) {
        Map<String, JsonObject> byPhone = new HashMap<>();
        JsonArray deliveries = herald.deliveries(campaignId, null);
        for (JsonValue value : deliveries) {
            byPhone.put(value.asJsonObject().getString("phone"), value.asJsonObject());
        }
        return byPhone;
    }

    private static long count(JsonObject campaign, String status) {
        JsonObject deliveries = campaign.getJsonObject("deliveries");
        return deliveries.containsKey(status) ? deliveries.getJsonNumber(status).longValue() : 0;
    }

    private static String readWebhook(String wamid, String callbackData) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"2000000001\","
                + "\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":"
                + "\"whatsapp\",\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"read\","
                + "\"timestamp\":\"1764770000\",\"recipient_id\":\"1\","
                + "\"biz_opaque_callback_data\":\"" + callbackData + "\"}]}}]}]}";
    }
}
