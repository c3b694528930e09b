package org.bangfu.core;

import java.util.Optional;

/** The kinds of member units of an alliance (社会扶贫联盟), as Zhuzhou's counted them. */
public enum OrganisationKind {
    COMPANY("企业"),
    CHAMBER("商会"),
    ASSOCIATION("行业协会"),
    CHARITY("慈善组织"),
    SCHOOL("学校"),
    OFFICE("机关单位"),
    OTHER("其他");

    private final String label;

    OrganisationKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<OrganisationKind> parse(String value) {
        if (value == null) return Optional.empty();
        for (OrganisationKind k : values()) {
            if (k.name().equals(value) || k.label.equals(value)) return Optional.of(k);
        }
        return Optional.empty();
    }
}
