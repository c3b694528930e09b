package org.bangfu.core;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A person who signs in: their phone (E.164), display name, a line about themselves, and their roles. */
public record Person(String id, String phone, String name, String about, Map<Role, Grant> grants, Instant createdAt) {
    public Person {
        EnumMap<Role, Grant> copy = new EnumMap<>(Role.class);
        copy.putAll(grants);
        grants = Collections.unmodifiableMap(copy);
    }

    /** The roles claim of this person's access token. */
    public List<String> roleClaims() {
        return grants.values().stream().map(Grant::claim).toList();
    }

    /** What the token carries, as the handlers see it. */
    public Actor actor() {
        EnumMap<Role, AreaCode> m = new EnumMap<>(Role.class);
        grants.forEach((r, g) -> m.put(r, g.area()));
        return new Actor(id, name, m);
    }
}
