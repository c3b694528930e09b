package org.bangfu.core;

import java.time.Instant;
import java.util.Map;

/**
 * One line of a person's inbox. {@code key} is made from the change that caused it (kind, subject,
 * the change's own time), so the same change seen twice on the stream is the same notice and is
 * written once. {@code params} fill the kind's text (a need's title, a rejection's reason, points).
 */
public record Notice(String key, String personId, Kind kind, String needId, String claimId, Instant at, Map<String, String> params) {
    public enum Kind {
        NEED_APPROVED(false), NEED_REJECTED(true), NEED_CLAIMED(false), CLAIM_DELIVERED(true),
        CLAIM_DUE_SOON(true), CLAIM_RELEASED(false), POINTS_EARNED(false), NEED_REPORTED(true);

        private final boolean actionNeeded;

        Kind(boolean actionNeeded) {
            this.actionNeeded = actionNeeded;
        }

        /** The ones that ask the person to do something; these also go out by SMS. */
        public boolean actionNeeded() {
            return actionNeeded;
        }
    }

    public Notice {
        params = Map.copyOf(params);
    }

    public static Notice of(Kind kind, String personId, String needId, String claimId, Instant at, Map<String, String> params) {
        String subject = claimId != null ? claimId : needId;
        return new Notice(kind.name() + ":" + subject + ":" + at.toEpochMilli(), personId, kind, needId, claimId, at, params);
    }
}
