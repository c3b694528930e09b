package org.bangfu.core;

import java.time.Instant;

/** One reviewer's decision on a need, in one role. At most one per role per need. */
public record Review(String needId, Role role, String reviewerId, String reviewerName, boolean approved,
                     String reason, Instant at) {
}
