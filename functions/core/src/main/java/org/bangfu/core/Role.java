package org.bangfu.core;

import java.util.Optional;

/** A role, as tokens and the table name it: the lower-case word. */
public enum Role {
    POSTER("poster"),
    COUNCIL("council"),
    VOLUNTEER("volunteer"),
    HELPER("helper"),
    ADMIN("admin");

    private final String group;

    Role(String group) {
        this.group = group;
    }

    public String group() {
        return group;
    }

    public static Optional<Role> fromGroup(String group) {
        for (Role r : values()) {
            if (r.group.equals(group)) return Optional.of(r);
        }
        return Optional.empty();
    }
}
