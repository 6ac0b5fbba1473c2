package org.herald.simulator;

import java.util.List;

/**
 * A validated template send.
 *
 * @param input the {@code to} value exactly as the client sent it
 * @param to the recipient's digits, without a leading plus
 */
record SendRequest(String input, String to, Template template, List<String> parameters,
        String bizOpaqueCallbackData) {
}
