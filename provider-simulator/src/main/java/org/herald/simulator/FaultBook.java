package org.herald.simulator;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The active fault rules, in the order they were posted. For each request every matching latency
 * rule adds its delay, and the first matching rule of any other mode (in posting order) decides
 * the answer.
 */
final class FaultBook {

    private final LongSupplier clock;
    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    FaultBook(LongSupplier clock) {
        this.clock = clock;
    }

    /** What the rules decided for one request; {@code rule} is null when it is handled normally. */
    record Decision(long latencyMs, FaultRule rule) {

        static final Decision NONE = new Decision(0, null);
    }

    /**
     * Adds one rule (a JSON object) or several (an array, or an object with a {@code faults}
     * array).
     *
     * @throws IllegalArgumentException when a rule is malformed; then none is added
     */
    List<FaultRule> add(JsonStructure specification) {
        List<JsonValue> specs = new ArrayList<>();
        if (specification instanceof JsonArray array) {
            specs.addAll(array);
        } else if (specification instanceof JsonObject object
                && object.get("faults") instanceof JsonArray array) {
            specs.addAll(array);
        } else {
            specs.add(specification);
        }

        long now = clock.getAsLong();
        List<FaultRule> added = new ArrayList<>(specs.size());
        for (JsonValue spec : specs) {
            if (!(spec instanceof JsonObject object)) {
                throw new IllegalArgumentException("a fault rule must be a JSON object: " + spec);
            }
            added.add(FaultRule.fromJson(ids.incrementAndGet(), object, now));
        }
        rules.addAll(added);
        return added;
    }

    void clear() {
        rules.clear();
    }

    /** The rules still in force, after dropping the used-up and expired ones. */
    List<FaultRule> active() {
        long now = clock.getAsLong();
        rules.removeIf(rule -> !rule.active(now));
        return List.copyOf(rules);
    }

    /**
     * Decides the fate of a request. {@code recipient} is null for requests that are not sends;
     * those meet only latency and outage rules without a recipient filter.
     */
    Decision decide(String recipient) {
        if (rules.isEmpty()) {
            return Decision.NONE;
        }
        long now = clock.getAsLong();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long latency = 0;
        FaultRule decisive = null;
        for (FaultRule rule : rules) {
            if (recipient == null && !appliesToAnyRequest(rule)) {
                continue;
            }
            if (!rule.mode().terminal()) {
                latency += rule.tryClaim(recipient, now, random) ? rule.latencyMs() : 0;
            } else if (decisive == null && rule.tryClaim(recipient, now, random)) {
                decisive = rule;
            }
        }
        return latency == 0 && decisive == null ? Decision.NONE : new Decision(latency, decisive);
    }

    private static boolean appliesToAnyRequest(FaultRule rule) {
        return !rule.targetsRecipient()
                && (rule.mode() == FaultMode.LATENCY || rule.mode() == FaultMode.OUTAGE);
    }
}
