package org.herald.campaign.domain;

import java.util.Optional;

/**
 * The answer to a claim attempt: the claim when this attempt won it, otherwise the reason: the
 * campaign is not due yet (with how long to wait by the database's clock) or not claimable.
 */
public record ClaimResult(Optional<DispatchClaim> claim, long millisUntilDue, String refusal) {

    public static ClaimResult won(DispatchClaim claim) {
        return new ClaimResult(Optional.of(claim), 0, null);
    }

    public static ClaimResult notDue(long millisUntilDue) {
        return new ClaimResult(Optional.empty(), millisUntilDue, "not due yet");
    }

    public static ClaimResult refused(String refusal) {
        return new ClaimResult(Optional.empty(), 0, refusal);
    }

    public boolean notDueYet() {
        return claim.isEmpty() && millisUntilDue > 0;
    }
}
