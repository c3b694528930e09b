package org.bangfu.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A helper's claim record: how many claims they hold open (claimed or delivered, not yet confirmed)
 * and have completed, when they last gave claims back themselves, and how many households' contacts
 * they received today without delivering. {@code version} guards it: a claim is written only if the
 * record is still as read, so every rule decided on it holds in the data layer.
 */
public record HelperRecord(int openClaims, int completedClaims, long version, List<Instant> releases, LocalDate claimDay,
                           int dayClaims) {
    public static final HelperRecord NEW = new HelperRecord(0, 0, 0, List.of(), null, 0);

    public HelperRecord {
        releases = List.copyOf(releases);
    }

    /** Own releases at or after {@code since}. */
    public int releasesSince(Instant since) {
        return (int) releases.stream().filter(r -> !r.isBefore(since)).count();
    }

    public Instant lastRelease() {
        return releases.stream().max(Instant::compareTo).orElse(null);
    }

    /** Claims made on {@code day} and not (yet) reported delivered. */
    public int undeliveredClaimsOn(LocalDate day) {
        return day.equals(claimDay) ? dayClaims : 0;
    }
}
