package org.bangfu.core;

import java.time.LocalDate;

/** At most {@code max} awards of one kind ({@code rule}) for one person on one China day. */
public record DailyCap(String personId, String rule, LocalDate day, int max) {
}
