package org.herald.gateway;

import java.util.List;

/**
 * One WhatsApp template message to one recipient. The callback data travels with the message and
 * comes back in every status webhook about it.
 */
public record TemplateMessage(
        String toE164,
        String templateName,
        String languageCode,
        List<String> bodyParameters,
        String callbackData) {

    public TemplateMessage {
        bodyParameters = List.copyOf(bodyParameters);
    }

    /** The recipient as the Cloud API wants it: E.164 digits without the plus. */
    public String to() {
        return toE164.startsWith("+") ? toE164.substring(1) : toE164;
    }
}
