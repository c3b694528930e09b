package org.bangfu.core;

import java.util.Optional;

/** What an offer gives: Zhuzhou's alliance published donations of goods, volunteer services, training and jobs. */
public enum OfferKind {
    GOODS("物资"),
    SERVICE("服务"),
    TRAINING("培训"),
    JOBS("就业岗位");

    private final String label;

    OfferKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<OfferKind> parse(String value) {
        if (value == null) return Optional.empty();
        for (OfferKind k : values()) {
            if (k.name().equals(value) || k.label.equals(value)) return Optional.of(k);
        }
        return Optional.empty();
    }
}
