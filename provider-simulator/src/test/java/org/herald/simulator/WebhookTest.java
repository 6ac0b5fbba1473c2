package org.herald.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookTest {

    private static final String ADA = "4915100000001";

    private WebhookReceiver receiver;
    private SimulatorHarness harness;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver();
        harness = SimulatorHarness.start(SimulatorConfig.forTests(SimulatorHarness.TOKEN,
                SimulatorHarness.SECRET).withWebhookUrl(receiver.url()));
        configure("{\"sentDelayMs\":10,\"deliveredDelayMs\":60,\"readDelayMs\":110,"
                + "\"retryDelayMs\":20}");
    }

    @AfterEach
    void stop() {
        harness.close();
        receiver.close();
    }

    @Test
    void sentAndDeliveredArriveSignedWithTheCallbackDataEchoed() throws Exception {
        String wamid = send(ADA, "delivery-42");

        List<WebhookReceiver.Post> posts = receiver.await(2);

        assertEquals(List.of("sent", "delivered"), statuses(posts));
        for (WebhookReceiver.Post post : posts) {
            assertEquals(expectedSignature(post.body()), post.signature());
            JsonObject status = post.status();
            assertEquals(wamid, status.getString("id"));
            assertEquals(ADA, status.getString("recipient_id"));
            assertEquals("delivery-42", status.getString("biz_opaque_callback_data"));
            assertTrue(status.getString("timestamp").matches("\\d{10}"), status.toString());
        }
        JsonObject payload = posts.get(0).json();
        assertEquals("whatsapp_business_account", payload.getString("object"));
        JsonObject entry = payload.getJsonArray("entry").getJsonObject(0);
        assertEquals("2000000001", entry.getString("id"));
        JsonObject change = entry.getJsonArray("changes").getJsonObject(0);
        assertEquals("messages", change.getString("field"));
        assertEquals("1000000001", change.getJsonObject("value").getJsonObject("metadata")
                .getString("phone_number_id"));
    }

    @Test
    void callbackDataIsLeftOutWhenNoneWasGiven() throws Exception {
        send(ADA, null);

        List<WebhookReceiver.Post> posts = receiver.await(2);

        assertTrue(posts.stream().noneMatch(post ->
                post.status().containsKey("biz_opaque_callback_data")));
    }

    @Test
    void duplicateOptionPostsEveryStatusTwice() throws Exception {
        configure("{\"duplicate\":true}");

        send(ADA, "delivery-1");

        List<WebhookReceiver.Post> posts = receiver.await(4);
        assertEquals(2, statuses(posts).stream().filter("sent"::equals).count());
        assertEquals(2, statuses(posts).stream().filter("delivered"::equals).count());
    }

    @Test
    void shuffleOptionPostsDeliveredBeforeSent() throws Exception {
        configure("{\"shuffle\":true,\"deliveredDelayMs\":150}");

        send(ADA, "delivery-1");

        assertEquals(List.of("delivered", "sent"), statuses(receiver.await(2)));
    }

    @Test
    void readReceiptsAddAReadStatus() throws Exception {
        configure("{\"readReceipts\":true}");

        send(ADA, "delivery-1");

        assertEquals(List.of("sent", "delivered", "read"), statuses(receiver.await(3)));
    }

    @Test
    void onlyReadOptionPostsASingleReadStatus() throws Exception {
        configure("{\"onlyRead\":true}");

        send(ADA, "delivery-1");

        assertEquals(List.of("read"), statuses(receiver.await(1)));
        awaitNoPendingWebhooks();
        assertEquals(1, receiver.posts().size());
    }

    @Test
    void recipientNotOnWhatsAppIsAcceptedThenReportedFailedWith131026() throws Exception {
        harness.control("POST", "/not-on-whatsapp", "{\"numbers\":[\"+" + ADA + "\"]}");

        send(ADA, "delivery-7");

        JsonObject status = receiver.await(1).get(0).status();
        assertEquals("failed", status.getString("status"));
        assertEquals("delivery-7", status.getString("biz_opaque_callback_data"));
        JsonObject error = status.getJsonArray("errors").getJsonObject(0);
        assertEquals(131026, error.getInt("code"));
        assertEquals("Message undeliverable", error.getString("title"));
        assertTrue(error.getJsonObject("error_data").containsKey("details"));
        assertEquals(1, harness.countFor(ADA));
    }

    @Test
    void undeliverableFaultReportsFailed() throws Exception {
        harness.control("POST", "/faults", "{\"mode\":\"undeliverable\",\"count\":1}");

        send(ADA, "delivery-8");

        assertEquals(List.of("failed"), statuses(receiver.await(1)));
        JsonObject recorded = harness.control("GET", "/recipients/" + ADA, null);
        assertTrue(recorded.getJsonArray("messages").getJsonObject(0).getBoolean("undeliverable"));
    }

    @Test
    void webhookIsRetriedWhileTheReceiverFails() throws Exception {
        configure("{\"onlyRead\":true}");
        receiver.answerNext(500, 503);

        send(ADA, "delivery-1");

        assertEquals(List.of("read"), statuses(receiver.await(1)));
        JsonObject webhooks = awaitNoPendingWebhooks();
        assertEquals(2, webhooks.getInt("failedAttempts"));
        assertEquals(1, webhooks.getInt("delivered"));
    }

    @Test
    void webhookIsAbandonedAfterMaxAttempts() throws Exception {
        configure("{\"onlyRead\":true,\"maxAttempts\":2}");
        receiver.answerNext(500, 500);

        send(ADA, "delivery-1");

        JsonObject webhooks = awaitNoPendingWebhooks();
        assertEquals(1, webhooks.getInt("abandoned"));
        assertEquals(0, webhooks.getInt("delivered"));
        assertTrue(receiver.posts().isEmpty());
    }

    @Test
    void disabledWebhooksAreNotScheduled() throws Exception {
        configure("{\"enabled\":false}");

        send(ADA, "delivery-1");

        JsonObject webhooks = harness.stats().getJsonObject("webhooks");
        assertEquals(0, webhooks.getInt("pending"));
        assertEquals(0, webhooks.getInt("delivered"));
    }

    @Test
    void webhookUrlCanBeSetAtRuntime() throws Exception {
        try (SimulatorHarness plain = SimulatorHarness.start()) {
            plain.control("POST", "/webhooks",
                    "{\"url\":\"" + receiver.url() + "\",\"sentDelayMs\":5,\"onlyRead\":true}");

            assertEquals(200, plain.announce(ADA).statusCode());

            assertEquals(List.of("read"), statuses(receiver.await(1)));
        }
    }

    private String send(String to, String callbackData) throws Exception {
        String body = SimulatorHarness.sendBody(to, "policy_update", "en_US",
                List.of("Ada", "Travel"), callbackData);
        String answer = harness.send(body).body();
        return SimulatorHarness.json(answer).getJsonArray("messages").getJsonObject(0)
                .getString("id");
    }

    private void configure(String settings) throws Exception {
        harness.control("POST", "/webhooks", settings);
    }

    private JsonObject awaitNoPendingWebhooks() throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            JsonObject webhooks = harness.stats().getJsonObject("webhooks");
            if (webhooks.getInt("pending") == 0) {
                return webhooks;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("webhooks still pending: " + webhooks);
            }
            Thread.sleep(10);
        }
    }

    private static List<String> statuses(List<WebhookReceiver.Post> posts) {
        return posts.stream().map(post -> post.status().getString("status")).toList();
    }

    private static String expectedSignature(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SimulatorHarness.SECRET.getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
