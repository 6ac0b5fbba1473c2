package org.herald.simulator;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Graph API error answer, {@code {"error":{"message","type","code","error_data",...}}}.
 * Thrown while handling a request; the handler turns it into the HTTP answer.
 */
final class ApiError extends RuntimeException {

    static final String OAUTH = "OAuthException";
    static final String GRAPH_METHOD = "GraphMethodException";

    private static final char[] TRACE_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    private static final Map<Integer, Known> KNOWN = Map.ofEntries(
            known(2, 503, "Service temporarily unavailable",
                    "The service is temporarily unavailable. Please retry your request later."),
            known(4, 429, "(#4) Application request limit reached",
                    "The app has reached its API call rate limit."),
            known(100, 400, "(#100) Invalid parameter", "Invalid parameter"),
            known(190, 401, "Invalid OAuth access token - Cannot parse access token", null),
            known(368, 403, "Temporarily blocked for policies violations",
                    "The WhatsApp Business Account is restricted for a policy violation."),
            known(80007, 400, "(#80007) Rate limit issues",
                    "The WhatsApp Business Account has reached its rate limit."),
            known(130429, 400, "(#130429) Rate limit hit",
                    "Message failed to send because there were too many messages sent from this"
                            + " phone number in a short period of time"),
            known(131000, 500, "Something went wrong",
                    "Message failed to send due to an unknown error."),
            known(131026, 400, "(#131026) Message undeliverable",
                    "Message Undeliverable."),
            known(131047, 400, "(#131047) Re-engagement message",
                    "Message failed to send because more than 24 hours have passed since the"
                            + " customer last replied to this number."),
            known(131048, 400, "(#131048) Spam rate limit hit",
                    "Message failed to send because there are restrictions on how many messages"
                            + " can be sent from this phone number."),
            known(131049, 400, "(#131049) This message was not delivered to maintain healthy"
                    + " ecosystem engagement.", "Per-user marketing limit reached."),
            known(131056, 400, "(#131056) (Business Account, Consumer Account) pair rate limit hit",
                    "Message failed to send because there were too many messages sent from this"
                            + " phone number to the same phone number in a short period of time."),
            known(132000, 400,
                    "(#132000) Number of parameters does not match the expected number of params",
                    "The number of parameters does not match the template."),
            known(132001, 400, "(#132001) Template name does not exist in the translation",
                    "The template does not exist in this language."),
            known(132005, 400, "(#132005) Translated text too long",
                    "The text is too long after the parameters are filled in."));

    private final int httpStatus;
    private final int code;
    private final String type;
    private final String details;
    private final Integer subcode;

    ApiError(int httpStatus, int code, String message, String type, String details,
            Integer subcode) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
        this.type = type;
        this.details = details;
        this.subcode = subcode;
    }

    /** The error for {@code code} with its usual HTTP status, message and the given details. */
    static ApiError of(int code, String details) {
        Known known = KNOWN.get(code);
        if (known == null) {
            return new ApiError(400, code, "(#" + code + ") Error", OAUTH, details, null);
        }
        return new ApiError(known.status(), code, known.message(), OAUTH,
                details == null ? known.details() : details, null);
    }

    /** A fault-injected error: every part may be overridden, the rest is the code's default. */
    static ApiError custom(int code, Integer status, String message, String details,
            Integer subcode) {
        ApiError base = of(code, details);
        return new ApiError(status == null ? base.httpStatus : status, code,
                message == null ? base.getMessage() : message, OAUTH, base.details, subcode);
    }

    static ApiError invalidParameter(String details) {
        return of(100, details);
    }

    static ApiError unknownObject(String id, String method) {
        return new ApiError(400, 100, "Unsupported " + method + " request. Object with ID '" + id
                + "' does not exist, cannot be loaded due to missing permissions, or does not"
                + " support this operation.", GRAPH_METHOD, null, 33);
    }

    static ApiError unknownPath(String path) {
        return new ApiError(400, 2500, "Unknown path components: " + path, OAUTH, null, null);
    }

    int httpStatus() {
        return httpStatus;
    }

    int code() {
        return code;
    }

    String details() {
        return details;
    }

    JsonObject toJson() {
        JsonObjectBuilder error = JsonSupport.object()
                .add("message", getMessage())
                .add("type", type)
                .add("code", code);
        error.add("error_data", JsonSupport.object()
                .add("messaging_product", "whatsapp")
                .add("details", details == null ? getMessage() : details));
        if (subcode != null) {
            error.add("error_subcode", subcode);
        }
        error.add("fbtrace_id", newTraceId());
        return JsonSupport.object().add("error", error).build();
    }

    private static String newTraceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] trace = new char[23];
        for (int index = 0; index < trace.length; index++) {
            trace[index] = TRACE_ALPHABET[random.nextInt(TRACE_ALPHABET.length)];
        }
        return new String(trace);
    }

    private static Map.Entry<Integer, Known> known(int code, int status, String message,
            String details) {
        return Map.entry(code, new Known(status, message, details));
    }

    private record Known(int status, String message, String details) {
    }
}
