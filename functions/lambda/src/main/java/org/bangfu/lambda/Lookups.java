package org.bangfu.lambda;

import org.bangfu.core.Claim;
import org.bangfu.core.DomainException;
import org.bangfu.core.Need;

/** Reads every handler needs, with the 404s they imply. Only reads: showing a household is {@link Disclosure}'s. */
public final class Lookups {
    private Lookups() {
    }

    public static Need need(Services s, String id) {
        return s.needs().need(id).orElseThrow(() -> new DomainException.NotFound("没有这个需求 (no such need)"));
    }

    public static Claim claim(Services s, Need need, String claimId) {
        return s.needs().claim(need.id(), claimId)
                .orElseThrow(() -> new DomainException.NotFound("没有这个认领 (no such claim on this need)"));
    }
}
