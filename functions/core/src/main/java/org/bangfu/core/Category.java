package org.bangfu.core;

import java.util.Optional;

/** The windows (窗口) a need is published in. The first five are Danyang's; the last two are common in county pilots. */
public enum Category {
    MEDICAL("助医"),
    EDUCATION("助学"),
    DISABILITY("助残"),
    HOME_IMPROVEMENT("家居微改善"),
    INSURANCE("助保险"),
    EMPLOYMENT("助业"),
    DAILY_LIVING("生活救助");

    private final String label;

    Category(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<Category> parse(String value) {
        if (value == null) return Optional.empty();
        for (Category c : values()) {
            if (c.name().equals(value) || c.label.equals(value)) return Optional.of(c);
        }
        return Optional.empty();
    }
}
