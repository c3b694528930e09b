package org.bangfu.core;

import java.time.Instant;

/**
 * A member unit of the alliance (a company, chamber of commerce, charity, school, office): registered
 * by a helper, verified by an admin of its area. Its members claim and publish offers on its behalf.
 * The contact is shown to admins of the area and to its members only.
 */
public record Organisation(
        String id,
        String name,
        OrganisationKind kind,
        AreaCode area,
        Contact contact,
        String about,
        String registeredBy,
        Instant createdAt,
        OrganisationState state,
        String decidedBy,
        Instant decidedAt,
        String rejectReason,
        long version) {

    public boolean isVerified() {
        return state == OrganisationState.VERIFIED;
    }

    Organisation decided(OrganisationState s, String by, String reason, Instant at) {
        return new Organisation(id, name, kind, area, contact, about, registeredBy, createdAt, s, by, at, reason, version + 1);
    }
}
