package org.bangfu.core;

/**
 * What one lifecycle step does: the need before and after, the claim it touched (if any), the
 * review it records (if any), how it changes the helper's claim record (if at all), and its audit
 * line. A change is one write, so it moves the need exactly one version on: this is the only place
 * the version is bumped, however many state changes a step composes.
 */
public record Change(Need before, Need after, Claim claim, Review review, HelperDelta helper, AuditEntry audit) {
    public Change {
        after = after.withVersion(before.version() + 1);
    }

    /** A step on the need alone (expiry, reports looked into). */
    public static Change of(Need before, Need after, AuditEntry audit) {
        return new Change(before, after, null, null, null, audit);
    }

    /** A review, recorded with the need it moves. */
    public static Change review(Need before, Need after, Review review, AuditEntry audit) {
        return new Change(before, after, null, review, null, audit);
    }

    /** A step on a claim; {@code helper} is how the helper's claim record moves, null if it doesn't. */
    public static Change onClaim(Need before, Need after, Claim claim, HelperDelta helper, AuditEntry audit) {
        return new Change(before, after, claim, null, helper, audit);
    }
}
