package org.bangfu.core;

import java.time.LocalDate;

/** What the offerer changes in an offer: null means unchanged. {@code version} is the one they saw. */
public record OfferEdit(Long version, OfferKind kind, Category category, String title, String description, Integer quantity, String unit,
                        AreaCode area, LocalDate until) {
}
