package org.bangfu.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * A signed-in person: who, and each role they hold with its area (null for a role without one:
 * a helper). From the access token's claims, which the token function writes from the table.
 */
public record Actor(String id, String displayName, Map<Role, AreaCode> grants) {
    public Actor {
        EnumMap<Role, AreaCode> copy = new EnumMap<>(Role.class);
        copy.putAll(grants);
        grants = Collections.unmodifiableMap(copy);
    }

    /** Every role in the same area (tests, priming, dev tokens). */
    public Actor(String id, String displayName, Set<Role> roles, AreaCode area) {
        this(id, displayName, sameArea(roles, area));
    }

    private static Map<Role, AreaCode> sameArea(Set<Role> roles, AreaCode area) {
        EnumMap<Role, AreaCode> m = new EnumMap<>(Role.class);
        for (Role r : roles) m.put(r, area);
        return m;
    }

    public Set<Role> roles() {
        return grants.keySet();
    }

    public boolean has(Role role) {
        return grants.containsKey(role);
    }

    /** The area of one role, or null. */
    public AreaCode areaOf(Role role) {
        return grants.get(role);
    }

    /** The widest area of any of the roles (for a profile line), or null. */
    public AreaCode area() {
        AreaCode widest = null;
        for (AreaCode a : grants.values()) {
            if (a != null && (widest == null || a.level() < widest.level())) widest = a;
        }
        return widest;
    }

    /** True when {@code role} is held for an area that contains {@code where}. */
    public boolean actsFor(Role role, AreaCode where) {
        AreaCode a = grants.get(role);
        return a != null && where != null && a.contains(where);
    }
}
