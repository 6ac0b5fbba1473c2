package org.herald.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void throughputLimitAnswers130429OverTheLimitAndSendsNothing() throws Exception {
        try (SimulatorHarness harness = SimulatorHarness.start()) {
            harness.control("POST", "/rate-limit", "{\"perSecond\":5}");

            List<Integer> codes = sendBurst(harness, 10);

            assertEquals(5, codes.stream().filter(code -> code == 0).count(), codes.toString());
            assertEquals(5, codes.stream().filter(code -> code == 130429).count(),
                    codes.toString());
            assertEquals(5, harness.stats().getInt("accepted"));
            assertTrue(harness.stats().getInt("maxPerSecond") <= 5);
        }
    }

    @Test
    void rateLimitFromStartupConfigApplies() throws Exception {
        SimulatorConfig config = SimulatorConfig.parse(new String[] {"--port", "0",
            "--access-token", SimulatorHarness.TOKEN, "--app-secret", "s", "--rate-limit", "3"},
                Map.of());
        try (SimulatorHarness harness = SimulatorHarness.start(config)) {

            List<Integer> codes = sendBurst(harness, 6);

            assertEquals(List.of(0, 0, 0, 130429, 130429, 130429), codes);
            assertEquals(3, harness.control("GET", "/rate-limit", null).getInt("perSecond"));
        }
    }

    @Test
    void zeroTurnsTheLimitOff() throws Exception {
        try (SimulatorHarness harness = SimulatorHarness.start()) {
            harness.control("POST", "/rate-limit", "{\"perSecond\":2}");
            harness.control("POST", "/rate-limit", "{\"perSecond\":0}");

            List<Integer> codes = sendBurst(harness, 8);

            assertTrue(codes.stream().allMatch(code -> code == 0), codes.toString());
        }
    }

    @Test
    void pairLimitAnswers131056ForTheSameRecipientOnly() throws Exception {
        try (SimulatorHarness harness = SimulatorHarness.start()) {
            harness.control("POST", "/rate-limit", "{\"pairPerSecond\":0.1}");

            HttpResponse<String> first = harness.announce("4915100000001");
            HttpResponse<String> again = harness.announce("4915100000001");
            HttpResponse<String> other = harness.announce("4915100000002");

            assertEquals(200, first.statusCode());
            assertEquals(400, again.statusCode());
            assertEquals(131056, SimulatorHarness.error(again).getInt("code"));
            assertEquals(200, other.statusCode());
            assertEquals(1, harness.countFor("4915100000001"));
        }
    }

    /** Error codes of {@code count} quick sends to distinct recipients; 0 means accepted. */
    private static List<Integer> sendBurst(SimulatorHarness harness, int count) throws Exception {
        List<Integer> codes = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            HttpResponse<String> response = harness.announce("49151000001" + (10 + index));
            codes.add(response.statusCode() == 200 ? 0
                    : SimulatorHarness.error(response).getInt("code"));
        }
        return codes;
    }
}
