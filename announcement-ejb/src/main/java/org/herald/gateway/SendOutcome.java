package org.herald.gateway;

/**
 * What a send attempt proves about the message, which is all that matters for exactly-once.
 *
 * <ul>
 *   <li>{@link Accepted}: the provider took it and named it (the wamid);</li>
 *   <li>{@link NotSent}: it certainly did not go out and may be tried again later;</li>
 *   <li>{@link Rejected}: it certainly did not go out and never will as it stands;</li>
 *   <li>{@link Ambiguous}: it may have gone out; only the provider's webhooks or a person can
 *       tell.</li>
 * </ul>
 */
public sealed interface SendOutcome {

    record Accepted(String wamid) implements SendOutcome {
    }

    record NotSent(int code, String reason) implements SendOutcome {
    }

    record Rejected(int code, String reason) implements SendOutcome {
    }

    record Ambiguous(String reason) implements SendOutcome {
    }
}
