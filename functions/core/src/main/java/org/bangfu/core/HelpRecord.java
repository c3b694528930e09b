package org.bangfu.core;

import java.time.LocalDate;

/**
 * One piece of help a household received: through the platform (a confirmed claim) or recorded
 * outside it (imported from civil affairs or another organisation). Matched to the household by the
 * same key as needs ({@link Household#idFor}). Personal: reviewers and admins of the area only.
 * {@code ref} is the claim id, or the import id and line.
 */
public record HelpRecord(String householdId, Category category, String what, String from, LocalDate date, Source source,
                         String ref) {
    public enum Source {
        PLATFORM,
        IMPORTED
    }
}
