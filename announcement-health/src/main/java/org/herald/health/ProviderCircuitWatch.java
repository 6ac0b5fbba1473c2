package org.herald.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * What this node has seen of the provider circuit lately, as the WhatsApp gateway records it.
 * MicroProfile Fault Tolerance offers no API to read a circuit breaker's state, so it is derived
 * from the outcomes of the latest sends: the circuit counts as open while the latest send was
 * refused by the open breaker and that refusal is recent (within the breaker's delay plus a
 * margin). Without traffic the last state seen ages out: an idle node reports it closed.
 */
@ApplicationScoped
public class ProviderCircuitWatch {

    /** How a send through the breaker ended, as far as the breaker is concerned. */
    public enum Outcome {
        /** The provider answered (accepted, refused for good, or an ambiguous answer). */
        ANSWERED("answered"),
        /** The provider certainly did not take it, after the retries: counts as a failure. */
        NOT_SENT("notSent"),
        /** The open breaker refused the call; the provider was not asked. */
        CIRCUIT_OPEN("refusedByOpenCircuit");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The derived state with the figures it rests on. */
    public record View(boolean open, Outcome latest, Instant latestAt, Instant lastAnsweredAt,
            Instant lastRefusedAt, Map<Outcome, Integer> recent) {
    }

    private static final int RECENT = 50;

    /** The breaker's delay (5 s, see gateway.ProviderCall) plus time for a refusal to repeat. */
    private static final Duration OPEN_EVIDENCE = Duration.ofSeconds(10);

    private final Deque<Outcome> recent = new ArrayDeque<>();
    private Outcome latest;
    private Instant latestAt;
    private Instant lastAnsweredAt;
    private Instant lastRefusedAt;

    public synchronized void record(Outcome outcome) {
        Instant now = Instant.now();
        latest = outcome;
        latestAt = now;
        if (outcome == Outcome.ANSWERED) {
            lastAnsweredAt = now;
        } else if (outcome == Outcome.CIRCUIT_OPEN) {
            lastRefusedAt = now;
        }
        recent.addLast(outcome);
        if (recent.size() > RECENT) {
            recent.removeFirst();
        }
    }

    public synchronized View view() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, 0);
        }
        recent.forEach(outcome -> counts.merge(outcome, 1, Integer::sum));
        boolean open = latest == Outcome.CIRCUIT_OPEN
                && latestAt.plus(OPEN_EVIDENCE).isAfter(Instant.now());
        return new View(open, latest, latestAt, lastAnsweredAt, lastRefusedAt, counts);
    }
}
