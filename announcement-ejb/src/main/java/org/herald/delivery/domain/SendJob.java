package org.herald.delivery.domain;

import java.util.List;

/** Everything needed to send one delivery, read when its SENDING state is committed. */
public record SendJob(
        long deliveryId,
        long campaignId,
        String phoneE164,
        String templateName,
        String languageCode,
        List<String> bodyParameters,
        String employeeName) {

    /** The placeholder in a campaign's parameters that becomes each recipient's name. */
    public static final String EMPLOYEE_NAME = "{{employee.name}}";

    public SendJob {
        bodyParameters = List.copyOf(bodyParameters);
    }

    /** The campaign's parameters with the recipient's own values filled in. */
    public List<String> personalisedParameters() {
        return bodyParameters.stream()
                .map(parameter -> parameter.replace(EMPLOYEE_NAME, employeeName))
                .toList();
    }

    /** Sent with the message and echoed in its status webhooks: says which delivery it is. */
    public String callbackData() {
        return "herald:" + campaignId + ":" + deliveryId;
    }
}
