package org.bangfu.core;

import java.util.Optional;

/** How an offer's quantity counts: once in all (20 wheelchairs), or afresh every calendar month (5 home visits a month). */
public enum OfferCapacity {
    TOTAL("共"),
    MONTHLY("每月");

    private final String label;

    OfferCapacity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<OfferCapacity> parse(String s) {
        if (s == null) return Optional.empty();
        for (OfferCapacity c : values()) if (c.name().equals(s)) return Optional.of(c);
        return Optional.empty();
    }
}
