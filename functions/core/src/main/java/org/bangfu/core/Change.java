package org.bangfu.core;

/** What one lifecycle step does: the need before and after, the claim it touched (if any), and its audit line. */
public record Change(Need before, Need after, Claim claim, Review review, AuditEntry audit) {
    public boolean stateChanged() {
        return before == null || before.state() != after.state();
    }
}
