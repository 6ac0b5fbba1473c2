package org.herald.tools;

import java.util.Map;
import java.util.Set;

/**
 * Exactly-once, counted at the provider: for a set of expected recipients and the messages the
 * provider accepted per recipient, who got one, who got more, who got none, and who got one
 * without being expected.
 *
 * @param recipients the expected recipients
 * @param delivered expected recipients with at least one message
 * @param duplicates messages beyond the first, summed over all recipients
 * @param lost expected recipients with no message
 * @param unexpected recipients who got a message without being expected
 */
public record Audit(int recipients, int delivered, int duplicates, int lost, int unexpected) {

    /** @param expected E.164 numbers with '+'; @param received per E.164 digits without '+' */
    public static Audit of(Set<String> expected, Map<String, Integer> received) {
        int delivered = 0;
        for (String phone : expected) {
            if (received.getOrDefault(digits(phone), 0) > 0) {
                delivered++;
            }
        }
        int duplicates = received.values().stream().mapToInt(count -> Math.max(0, count - 1))
                .sum();
        long unexpected = received.keySet().stream()
                .filter(to -> !expected.contains("+" + to))
                .count();
        return new Audit(expected.size(), delivered, duplicates, expected.size() - delivered,
                (int) unexpected);
    }

    private static String digits(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }

    public boolean exactlyOnce() {
        return delivered == recipients && duplicates == 0 && lost == 0 && unexpected == 0;
    }
}
