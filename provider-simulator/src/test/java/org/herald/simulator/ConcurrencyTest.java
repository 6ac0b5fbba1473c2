package org.herald.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    private static final int RECIPIENTS = 40;
    private static final int PER_RECIPIENT = 50;

    @Test
    void countsStayExactUnderConcurrentSends() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try (SimulatorHarness harness = SimulatorHarness.start()) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int round = 0; round < PER_RECIPIENT; round++) {
                for (int recipient = 0; recipient < RECIPIENTS; recipient++) {
                    String to = recipient(recipient);
                    answers.add(clients.submit(() -> harness.announce(to).statusCode()));
                }
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }

            JsonObject stats = harness.stats();
            JsonObject counts = harness.control("GET", "/recipients", null);
            assertEquals(RECIPIENTS * PER_RECIPIENT, stats.getInt("accepted"));
            assertEquals(RECIPIENTS, stats.getInt("recipients"));
            assertEquals(RECIPIENTS * (PER_RECIPIENT - 1), stats.getInt("duplicates"));
            for (int recipient = 0; recipient < RECIPIENTS; recipient++) {
                assertEquals(PER_RECIPIENT, counts.getInt(recipient(recipient)));
            }
            assertMessagesPageInArrivalOrder(harness, RECIPIENTS * PER_RECIPIENT);
        } finally {
            clients.shutdownNow();
        }
    }

    private static void assertMessagesPageInArrivalOrder(SimulatorHarness harness, int total)
            throws Exception {
        long after = 0;
        long lastAcceptedAt = 0;
        int seen = 0;
        while (true) {
            JsonObject page = harness.control("GET", "/messages?after=" + after + "&limit=700",
                    null);
            JsonArray messages = page.getJsonArray("messages");
            if (messages.isEmpty()) {
                break;
            }
            for (JsonObject message : messages.getValuesAs(JsonObject.class)) {
                assertEquals(after + 1, message.getJsonNumber("seq").longValue());
                long acceptedAt = message.getJsonNumber("acceptedAt").longValue();
                assertTrue(acceptedAt >= lastAcceptedAt);
                lastAcceptedAt = acceptedAt;
                after++;
                seen++;
            }
            assertEquals(after, page.getJsonNumber("next").longValue());
        }
        assertEquals(total, seen);
    }

    private static String recipient(int index) {
        return "4917000" + String.format("%05d", index);
    }
}
