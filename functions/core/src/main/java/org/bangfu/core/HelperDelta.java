package org.bangfu.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * How a step changes a helper's claim record. A new claim carries the cap ({@code freeOpen},
 * {@code maxOpen}) and the version of the record it was decided on, so the data layer enforces the
 * rules in the same write, whatever was read before; it also carries the record's new release
 * history and today's count. A release by the helper themself appends to the history
 * ({@code releasedAt}); a delivery of a claim made today takes it off today's count.
 */
public record HelperDelta(String helperId, int openDelta, int completedDelta, int freeOpen, int maxOpen,
                          long expectedVersion, List<Instant> releases, LocalDate claimDay, int dayClaims,
                          Instant releasedAt, LocalDate deliveredClaimDay) {

    static HelperDelta claimed(String helperId, PointsRules rules, HelperRecord record, List<Instant> keptReleases,
                               LocalDate today) {
        return new HelperDelta(helperId, 1, 0, rules.freeOpenClaims(), rules.maxOpenClaims(), record.version(),
                keptReleases, today, record.undeliveredClaimsOn(today) + 1, null, null);
    }

    static HelperDelta released(String helperId) {
        return new HelperDelta(helperId, -1, 0, 0, 0, -1, null, null, 0, null, null);
    }

    /** The helper gave it back themself: counts towards their churn. */
    static HelperDelta releasedByHelper(String helperId, Instant at) {
        return new HelperDelta(helperId, -1, 0, 0, 0, -1, null, null, 0, at, null);
    }

    static HelperDelta completed(String helperId) {
        return new HelperDelta(helperId, -1, 1, 0, 0, -1, null, null, 0, null, null);
    }

    /** A claim made on {@code day} (today) was delivered: one fewer contact received without help. */
    static HelperDelta deliveredSameDay(String helperId, LocalDate day) {
        return new HelperDelta(helperId, 0, 0, 0, 0, -1, null, null, 0, null, day);
    }
}
