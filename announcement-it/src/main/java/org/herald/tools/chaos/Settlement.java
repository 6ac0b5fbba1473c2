package org.herald.tools.chaos;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.herald.tools.Audit;
import org.herald.tools.HeraldClient;
import org.herald.tools.SimulatorClient;

/**
 * Brings a campaign that went through a fault to its end the way Herald and an operator would,
 * then counts it at the provider. It waits until the campaign is dispatched and nothing is
 * queued or sending, then until the simulator has no webhook left to post (delivered or given
 * up); an UNKNOWN delivery left after that has no webhook coming, and is resent as an operator
 * would (POST /deliveries/{id}/resend, the documented reconciliation). Then it waits again.
 *
 * <p>A finished campaign with no UNKNOWN delivery needs no webhook: nothing is left to resolve.
 *
 * <p>The unknowns are the deliveries a crash left SENDING or UNKNOWN (noted by the launcher
 * while the server was down) and any that became UNKNOWN later. Each is counted by how it ended:
 * committed by XA recovery (its row was locked by an in-doubt transaction at the crash),
 * resolved by a status webhook (SENT or later without a resend), resent by the operator, or
 * still unresolved when time ran out.
 */
final class Settlement {

    private static final Set<String> SENT_OR_LATER = Set.of("SENT", "DELIVERED", "READ");

    private final HeraldClient herald;
    private final SimulatorClient simulator;
    private final long campaignId;
    private final Set<String> phones;
    private final Set<Long> ambiguousAtCrash;
    private final Set<Long> inDoubtAtCrash;
    private final Set<Long> resent = new HashSet<>();
    private String outcome = "SETTLED";

    Settlement(HeraldClient herald, SimulatorClient simulator, long campaignId,
            Set<String> phones, Set<Long> ambiguousAtCrash, Set<Long> inDoubtAtCrash) {
        this.herald = herald;
        this.simulator = simulator;
        this.campaignId = campaignId;
        this.phones = phones;
        this.ambiguousAtCrash = ambiguousAtCrash;
        this.inDoubtAtCrash = inDoubtAtCrash;
    }

    Settlement settle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            if (!awaitFinished(deadline)) {
                outcome = "TIMEOUT";
                return this;
            }
            if (deliveryIds("UNKNOWN").isEmpty()) {
                return this;
            }
            if (!awaitWebhooksPosted(deadline)) {
                outcome = "TIMEOUT";
                return this;
            }
            List<Long> unknown = deliveryIds("UNKNOWN");
            if (unknown.isEmpty()) {
                return this;
            }
            for (long deliveryId : unknown) {
                if (herald.resend(deliveryId).status() == 204) {
                    resent.add(deliveryId);
                }
            }
        }
    }

    String line() {
        Map<String, Integer> received = simulator.messagesPerRecipient(campaignId);
        Audit audit = Audit.of(phones, received);
        long once = phones.stream()
                .filter(phone -> received.getOrDefault(phone.substring(1), 0) == 1)
                .count();
        int byWebhook = 0;
        int byRecovery = 0;
        int unresolved = 0;
        int failed = 0;
        int unknown = 0;
        for (JsonObject delivery : deliveries(null)) {
            long id = delivery.getJsonNumber("id").longValue();
            String status = delivery.getString("status");
            if ("FAILED".equals(status)) {
                failed++;
            }
            if (!ambiguousAtCrash.contains(id) && !resent.contains(id) && !wasUnknown(delivery)) {
                continue;
            }
            unknown++;
            if (resent.contains(id)) {
                continue;
            } else if (!SENT_OR_LATER.contains(status)) {
                unresolved++;
            } else if (inDoubtAtCrash.contains(id)) {
                byRecovery++;
            } else {
                byWebhook++;
            }
        }
        return String.format("result campaign=%d outcome=%s recipients=%d once=%d duplicates=%d"
                + " lost=%d unexpected=%d unknown=%d webhook=%d recovery=%d operator=%d"
                + " unresolved=%d failed=%d", campaignId, outcome, audit.recipients(), once,
                audit.duplicates(), audit.lost(), audit.unexpected(), unknown, byWebhook,
                byRecovery, resent.size(), unresolved, failed);
    }

    private static boolean wasUnknown(JsonObject delivery) {
        return delivery.containsKey("unknownSince")
                && delivery.get("unknownSince").getValueType() != JsonValue.ValueType.NULL;
    }

    private boolean awaitFinished(long deadline) throws InterruptedException {
        while (System.currentTimeMillis() < deadline) {
            try {
                if (herald.campaign(campaignId).getBoolean("finished")) {
                    return true;
                }
            } catch (RuntimeException e) {
                // The server may still be deploying after a restart; ask again.
            }
            Thread.sleep(500);
        }
        return false;
    }

    private boolean awaitWebhooksPosted(long deadline) throws InterruptedException {
        while (System.currentTimeMillis() < deadline) {
            JsonObject webhooks = simulator.stats().getJsonObject("webhooks");
            if (webhooks.getJsonNumber("pending").longValue() == 0) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    private List<Long> deliveryIds(String status) {
        List<Long> ids = new ArrayList<>();
        deliveries(status).forEach(delivery -> ids.add(delivery.getJsonNumber("id").longValue()));
        return ids;
    }

    private List<JsonObject> deliveries(String status) {
        List<JsonObject> all = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonArray page = (JsonArray) herald.call("GET", "/campaigns/" + campaignId
                    + "/deliveries?limit=1000&after=" + after
                    + (status == null ? "" : "&status=" + status), null, null)
                    .expect(200).json();
            if (page.isEmpty()) {
                return all;
            }
            page.forEach(value -> all.add(value.asJsonObject()));
            after = page.getJsonObject(page.size() - 1).getJsonNumber("id").longValue();
        }
    }
}
