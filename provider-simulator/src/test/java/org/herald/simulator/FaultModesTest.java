package org.herald.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultModesTest {

    private static final String ADA = "4915100000001";
    private static final String BOB = "4915100000002";

    private SimulatorHarness harness;

    @BeforeEach
    void startSimulator() {
        harness = SimulatorHarness.start();
    }

    @AfterEach
    void stopSimulator() {
        harness.close();
    }

    @Test
    void http5xxAnswersServerErrorAndSendsNothing() throws Exception {
        addFault("{\"mode\":\"http5xx\",\"count\":1}");

        HttpResponse<String> failed = harness.announce(ADA);
        HttpResponse<String> next = harness.announce(ADA);

        assertEquals(500, failed.statusCode());
        assertEquals(131000, SimulatorHarness.error(failed).getInt("code"));
        assertEquals(200, next.statusCode());
        assertEquals(1, harness.countFor(ADA));
    }

    @Test
    void http5xxWithCode2AnswersServiceUnavailable() throws Exception {
        addFault("{\"mode\":\"http5xx\",\"code\":2}");

        HttpResponse<String> response = harness.announce(ADA);

        assertEquals(503, response.statusCode());
        assertEquals(2, SimulatorHarness.error(response).getInt("code"));
        assertEquals(0, harness.countFor(ADA));
    }

    @Test
    void throttleAnswersTheGivenRateLimitCodeAndSendsNothing() throws Exception {
        addFault("{\"mode\":\"throttle\",\"code\":80007}");

        HttpResponse<String> response = harness.announce(ADA);

        assertEquals(400, response.statusCode());
        assertEquals(80007, SimulatorHarness.error(response).getInt("code"));
        assertEquals(0, harness.countFor(ADA));
    }

    @Test
    void rejectAnswersTheGivenStatusAndCode() throws Exception {
        addFault("{\"mode\":\"reject\",\"code\":368,\"status\":403}");

        HttpResponse<String> response = harness.announce(ADA);

        assertEquals(403, response.statusCode());
        JsonObject error = SimulatorHarness.error(response);
        assertEquals(368, error.getInt("code"));
        assertEquals("whatsapp", error.getJsonObject("error_data").getString("messaging_product"));
        assertEquals(0, harness.stats().getInt("accepted"));
        assertEquals(1, harness.stats().getInt("rejected"));
    }

    @Test
    void outageRefusesEveryRequestUntilItEnds() throws Exception {
        addFault("{\"mode\":\"outage\",\"durationMs\":400}");

        HttpResponse<String> during = harness.announce(ADA);
        HttpResponse<String> templates = harness.get("/v21.0/2000000001/message_templates",
                "Bearer " + SimulatorHarness.TOKEN);
        HttpResponse<String> after = awaitSuccess(ADA);

        assertEquals(503, during.statusCode());
        assertEquals(2, SimulatorHarness.error(during).getInt("code"));
        assertEquals(503, templates.statusCode());
        assertEquals(200, after.statusCode());
        assertEquals(1, harness.countFor(ADA));
    }

    @Test
    void latencyDelaysTheAnswerAndStillSends() throws Exception {
        addFault("{\"mode\":\"latency\",\"latencyMs\":300,\"count\":1}");
        long started = System.nanoTime();

        HttpResponse<String> response = harness.announce(ADA);

        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, response.statusCode());
        assertTrue(elapsedMillis >= 290, "answered after " + elapsedMillis + " ms");
        assertEquals(1, harness.countFor(ADA));
    }

    @Test
    void timeoutAfterAcceptSendsTheMessageWhileTheClientTimesOut() throws Exception {
        addFault("{\"mode\":\"timeout_after_accept\",\"latencyMs\":2000,\"count\":1}");
        String body = SimulatorHarness.sendBody(ADA, "hr_announcement", "en_US",
                List.of("Ada", "News"), null);

        assertThrows(HttpTimeoutException.class, () -> harness.send(body,
                "Bearer " + SimulatorHarness.TOKEN, Duration.ofMillis(300)));

        JsonObject recorded = harness.control("GET", "/recipients/" + ADA, null);
        assertEquals(1, recorded.getInt("count"));
        assertEquals("delayed",
                recorded.getJsonArray("messages").getJsonObject(0).getString("answer"));
    }

    @Test
    void resetSendsTheMessageThenDropsTheConnection() throws Exception {
        addFault("{\"mode\":\"reset\",\"count\":1}");

        assertThrows(IOException.class, () -> harness.announce(ADA));

        JsonObject recorded = harness.control("GET", "/recipients/" + ADA, null);
        assertEquals(1, recorded.getInt("count"));
        assertEquals("lost",
                recorded.getJsonArray("messages").getJsonObject(0).getString("answer"));
        assertEquals(200, harness.announce(ADA).statusCode());
    }

    @Test
    void resetWithoutAcceptingDropsTheConnectionAndSendsNothing() throws Exception {
        addFault("{\"mode\":\"reset\",\"accepted\":false,\"count\":1}");

        assertThrows(IOException.class, () -> harness.announce(ADA));

        assertEquals(0, harness.countFor(ADA));
        assertEquals(1, harness.stats().getInt("rejected"));
    }

    @Test
    void faultForOneRecipientLeavesOthersAlone() throws Exception {
        addFault("{\"mode\":\"http5xx\",\"to\":\"+" + ADA + "\"}");

        HttpResponse<String> toAda = harness.announce(ADA);
        HttpResponse<String> toBob = harness.announce(BOB);

        assertEquals(500, toAda.statusCode());
        assertEquals(200, toBob.statusCode());
        assertEquals(0, harness.countFor(ADA));
        assertEquals(1, harness.countFor(BOB));
    }

    @Test
    void countLimitsHowOftenAFaultApplies() throws Exception {
        addFault("{\"mode\":\"http5xx\",\"count\":2}");

        int first = harness.announce(ADA).statusCode();
        JsonObject listed = harness.control("GET", "/faults", null);
        int second = harness.announce(ADA).statusCode();
        int third = harness.announce(ADA).statusCode();

        assertEquals(List.of(500, 500, 200), List.of(first, second, third));
        assertEquals(1, listed.getJsonArray("faults").getJsonObject(0).getInt("remaining"));
        assertEquals(0, harness.control("GET", "/faults", null).getJsonArray("faults").size());
    }

    @Test
    void zeroProbabilityNeverApplies() throws Exception {
        addFault("{\"mode\":\"http5xx\",\"probability\":0}");

        assertEquals(200, harness.announce(ADA).statusCode());
        assertEquals(200, harness.announce(ADA).statusCode());
    }

    @Test
    void deletingFaultsRestoresNormalHandling() throws Exception {
        addFault("[{\"mode\":\"http5xx\"},{\"mode\":\"latency\",\"latencyMs\":50}]");

        JsonObject cleared = harness.control("DELETE", "/faults", null);

        assertEquals(0, cleared.getJsonArray("faults").size());
        assertEquals(200, harness.announce(ADA).statusCode());
    }

    @Test
    void unknownFaultModeIsRefused() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(harness.simulator.baseUri()
                        .resolve("/_sim/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"meteor\"}"))
                .build();

        HttpResponse<String> response =
                harness.client.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("meteor"), response.body());
    }

    private void addFault(String json) throws Exception {
        harness.control("POST", "/faults", json);
    }

    private HttpResponse<String> awaitSuccess(String to) throws Exception {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (true) {
            HttpResponse<String> response = harness.announce(to);
            if (response.statusCode() == 200 || System.nanoTime() > deadline) {
                return response;
            }
            Thread.sleep(50);
        }
    }
}
