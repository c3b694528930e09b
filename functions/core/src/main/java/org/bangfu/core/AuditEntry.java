package org.bangfu.core;

import java.time.Instant;

/** One line of a need's history: who did what, when, and the state before and after. */
public record AuditEntry(String needId, Instant at, String actorId, String action, NeedState from, NeedState to,
                         String detail) {
}
