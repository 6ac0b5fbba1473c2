package org.herald.integration.domain;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import org.herald.platform.JsonFactory;

/**
 * Herald's answer to a campaign request:
 * {@code {"version":1,"requestId","status":"ACCEPTED"|"REJECTED","campaignId"?,"replayed"?,
 * "problems"?:[...]}}. A repeated request id gets the first campaign again, with replayed true.
 */
public record RequestReply(String requestId, Status status, Long campaignId, boolean replayed,
        List<String> problems) {

    public RequestReply {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public static RequestReply accepted(String requestId, long campaignId, boolean replayed) {
        return new RequestReply(requestId, Status.ACCEPTED, campaignId, replayed, List.of());
    }

    public static RequestReply rejected(String requestId, List<String> problems) {
        return new RequestReply(requestId, Status.REJECTED, null, false, problems);
    }

    public boolean isAccepted() {
        return status == Status.ACCEPTED;
    }

    public String toJson() {
        JsonObjectBuilder json = JsonFactory.objectBuilder().add("version", 1);
        if (requestId == null) {
            json.addNull("requestId");
        } else {
            json.add("requestId", requestId);
        }
        json.add("status", status.name());
        if (campaignId != null) {
            json.add("campaignId", campaignId).add("replayed", replayed);
        }
        if (!problems.isEmpty()) {
            JsonArrayBuilder array = JsonFactory.arrayBuilder();
            problems.forEach(array::add);
            json.add("problems", array);
        }
        return json.build().toString();
    }

    /** Whether the request made (or had already made) a campaign. */
    public enum Status {
        ACCEPTED,
        REJECTED
    }
}
