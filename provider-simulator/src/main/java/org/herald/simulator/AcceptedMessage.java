package org.herald.simulator;

import java.util.List;

/**
 * An accepted message as the control API shows it.
 *
 * @param seq the 1-based arrival position since start or the last reset
 * @param answer how the send request was answered: {@code ok}, {@code delayed} (held past the
 *     client's timeout) or {@code lost} (connection closed without an answer)
 */
record AcceptedMessage(long seq, String wamid, String to, String template, String language,
        List<String> parameters, String bizOpaqueCallbackData, long acceptedAt,
        boolean undeliverable, String answer) {
}
