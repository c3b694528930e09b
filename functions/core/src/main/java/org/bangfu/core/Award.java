package org.bangfu.core;

import java.time.Instant;

/**
 * One ledger line: points for a person, with why. {@code key} names the event that caused it
 * (e.g. "claim:c…:confirmed:base"), so the same event can be counted once however often it is seen.
 */
public record Award(String key, String personId, String personName, int points, String rule, String reason,
                    String needId, AreaCode area, Instant at) {
}
