package org.herald.gateway;

/**
 * Thrown inside the fault-tolerance boundary when the provider certainly did not take the
 * message: the only failure that may be retried, and the one that opens the circuit.
 */
public class RetrySafeFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SendOutcome.NotSent outcome;

    public RetrySafeFailure(SendOutcome.NotSent outcome) {
        super(outcome.reason(), null, false, false);
        this.outcome = outcome;
    }

    public SendOutcome.NotSent outcome() {
        return outcome;
    }
}
