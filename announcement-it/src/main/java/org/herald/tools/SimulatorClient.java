package org.herald.tools;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The provider simulator's control API: what it received, and faults to inject. */
public final class SimulatorClient {

    private static final int PAGE = 10_000;

    private final String control;

    /** @param baseUrl the simulator's address, such as {@code http://127.0.0.1:8099} */
    public SimulatorClient(String baseUrl) {
        this.control = baseUrl.replaceAll("/+$", "") + "/_sim";
    }

    public JsonObject stats() {
        return (JsonObject) Http.get(control + "/stats").expect(200).json();
    }

    public void reset() {
        Http.post(control + "/reset", "application/json", "").expect(200);
    }

    public void addFault(String ruleJson) {
        Http.post(control + "/faults", "application/json", ruleJson).expect(200);
    }

    public void clearFaults() {
        Http.send("DELETE", control + "/faults").expect(200);
    }

    /** Sets the provider's throughput limit (0: none). */
    public void setRateLimit(int perSecond) {
        Http.post(control + "/rate-limit", "application/json",
                "{\"perSecond\":" + perSecond + "}").expect(200);
    }

    /** Changes how status webhooks are sent, e.g. {@code {"sentDelayMs":8000}}. */
    public void configureWebhooks(String json) {
        Http.post(control + "/webhooks", "application/json", json).expect(200);
    }

    /** Calls the consumer with every accepted message of one campaign, in arrival order. */
    public void forEachMessage(long campaignId, Consumer<JsonObject> consumer) {
        String prefix = "herald:" + campaignId + ":";
        long after = 0;
        while (true) {
            JsonObject page = (JsonObject) Http.get(control + "/messages?after=" + after
                    + "&limit=" + PAGE).expect(200).json();
            for (JsonValue value : page.getJsonArray("messages")) {
                JsonObject message = value.asJsonObject();
                if (message.getString("bizOpaqueCallbackData", "").startsWith(prefix)) {
                    consumer.accept(message);
                }
            }
            long next = page.getJsonNumber("next").longValue();
            if (page.getJsonArray("messages").isEmpty() || next == after) {
                return;
            }
            after = next;
        }
    }

    /**
     * Counts the accepted messages of one campaign per recipient (E.164 digits), recognised by
     * the callback data Herald sends with each message.
     */
    public Map<String, Integer> messagesPerRecipient(long campaignId) {
        Map<String, Integer> counts = new HashMap<>();
        forEachMessage(campaignId,
                message -> counts.merge(message.getString("to"), 1, Integer::sum));
        return counts;
    }
}
