package org.bangfu.core;

import java.time.Instant;

/** One role a person holds: where (null for a helper), who granted it (the person themselves for a helper) and when. */
public record Grant(Role role, AreaCode area, String grantedBy, Instant grantedAt) {
    /** The token claim: "poster:321181001201", or "helper". */
    public String claim() {
        return area == null ? role.group() : role.group() + ":" + area.code();
    }
}
