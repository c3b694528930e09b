package org.bangfu.lambda;

import org.bangfu.core.Actor;
import org.bangfu.core.Claim;
import org.bangfu.core.ClaimState;
import org.bangfu.core.DomainException;
import org.bangfu.core.Household;
import org.bangfu.core.Need;
import org.bangfu.core.Privacy;

/** Reads every handler needs, with the 404s they imply. */
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

    /** The need as this viewer may see it: with the household only if {@link Privacy} says so. */
    public static com.fasterxml.jackson.databind.node.ObjectNode needFor(Services s, Actor viewer, Need need, Claim viewersClaim) {
        boolean holds = viewersClaim != null && viewersClaim.helperId().equals(viewer.id())
                && (viewersClaim.state() == ClaimState.ACTIVE || viewersClaim.state() == ClaimState.DELIVERED);
        if (!Privacy.maySeeHousehold(viewer, need, holds)) {
            return Views.publicNeed(org.bangfu.core.PublicNeed.of(need), s.areas());
        }
        Household h = s.needs().household(need.householdId()).orElse(null);
        s.audit().recordViews(java.util.List.of(need), viewer.id(), "need", s.lifecycle().now());
        return Views.fullNeed(need, h, s.areas());
    }
}
