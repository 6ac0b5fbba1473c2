package org.herald.gateway;

import java.util.Set;

/**
 * Sorts the Cloud API's error answers by what they prove: not sent and safe to retry, refused for
 * good, or unknown. A code not listed here counts as a refusal when the HTTP status is 4xx and as
 * unknown when it is 5xx, since a server error says nothing about whether the message left.
 */
public final class ProviderErrors {

    /** Throttling and outages: the provider did not take the message. */
    private static final Set<Integer> RETRY_SAFE = Set.of(
            130429, // throughput limit of the phone number
            131056, // pair rate limit: too many messages to one user
            4,      // application call rate
            80007,  // business account call rate
            2,      // service temporarily unavailable
            190);   // access token invalid or expired: a configuration fault, not the message's

    /** The provider's catch-all: it does not say whether the message went out. */
    private static final Set<Integer> AMBIGUOUS = Set.of(131000);

    private ProviderErrors() {
    }

    public static SendOutcome classify(int httpStatus, int code, String title) {
        String reason = title == null ? "HTTP " + httpStatus : title;
        if (RETRY_SAFE.contains(code) || httpStatus == 429 || httpStatus == 503) {
            return new SendOutcome.NotSent(code, reason);
        }
        if (AMBIGUOUS.contains(code)) {
            return new SendOutcome.Ambiguous("provider error " + code + ": " + reason);
        }
        if (httpStatus >= 500) {
            return new SendOutcome.Ambiguous("HTTP " + httpStatus + " (code " + code + "): "
                    + reason);
        }
        return new SendOutcome.Rejected(code, reason);
    }
}
