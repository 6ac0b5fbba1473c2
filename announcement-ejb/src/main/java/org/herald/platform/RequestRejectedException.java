package org.herald.platform;

import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * A business rejection of a request: the input names something Herald cannot accept. The
 * transaction rolls back, so nothing of the rejected request is kept.
 */
@ApplicationException(rollback = true)
public class RequestRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Reason reason;
    private final List<String> problems;

    public RequestRejectedException(Reason reason, List<String> problems) {
        super(reason + ": " + String.join("; ", problems));
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    public RequestRejectedException(Reason reason, String problem) {
        this(reason, List.of(problem));
    }

    public Reason reason() {
        return reason;
    }

    public List<String> problems() {
        return problems;
    }

    /** Why a request was refused; the web layer maps each to an HTTP status. */
    public enum Reason {
        INVALID,
        NOT_FOUND,
        CONFLICT,
        IDEMPOTENCY_KEY_REUSED
    }
}
