package org.bangfu.core;

/**
 * What one lifecycle step does: the need before and after, the claim it touched (if any), the
 * review it records (if any), how it changes the helper's claim record (if at all), and its audit line.
 */
public record Change(Need before, Need after, Claim claim, Review review, HelperDelta helper, AuditEntry audit) {
    public boolean stateChanged() {
        return before == null || before.state() != after.state();
    }
}
