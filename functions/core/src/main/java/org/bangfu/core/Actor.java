package org.bangfu.core;

import java.util.Set;

/** A signed-in person: who, in which roles, for which area. The area is null for people with no area (most helpers). */
public record Actor(String id, String displayName, Set<Role> roles, AreaCode area) {
    public Actor {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** True when this person holds {@code role} for an area that contains {@code where}. */
    public boolean actsFor(Role role, AreaCode where) {
        return has(role) && area != null && area.contains(where);
    }
}
