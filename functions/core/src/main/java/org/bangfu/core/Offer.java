package org.bangfu.core;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a helper or an organisation offers (供给): goods, a service, training or jobs, in one window,
 * for the households of an area (any level: a county offer fits every village of the county), up to
 * {@code quantity} units until {@code until}. {@code remaining} is what has not been taken up by
 * accepted proposals; it never goes below zero (the data layer restates it as a condition).
 */
public record Offer(
        String id,
        OfferKind kind,
        Category category,
        String title,
        String description,
        String unit,
        int quantity,
        int remaining,
        AreaCode area,
        LocalDate until,
        String offererId,
        String offererName,
        String organisationId,
        String organisationName,
        OfferState state,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public Offer {
        if (quantity < 1 || remaining < 0 || remaining > quantity) {
            throw new IllegalArgumentException("inconsistent offer capacity " + remaining + "/" + quantity);
        }
    }

    /** What the public sees of it now: used up, expired, or open. */
    public OfferState status(LocalDate today) {
        if (remaining == 0) return OfferState.USED_UP;
        if (until.isBefore(today)) return OfferState.EXPIRED;
        return OfferState.OPEN;
    }

    /** Listed publicly right now (and so proposable): open, something left, not past its date. */
    public boolean isListed(LocalDate today) {
        return status(today) == OfferState.OPEN;
    }

    /** Fits a need: listed, the same window, and its area covers the need's village. */
    public boolean fits(Need need, LocalDate today) {
        return isListed(today) && category == need.category() && area.contains(need.area());
    }

    /** Who answers proposals: the organisation's members if it is an organisation's offer, else the offerer. */
    public boolean byOrganisation() {
        return organisationId != null;
    }

    Offer taken(int q, Instant at) {
        return new Offer(id, kind, category, title, description, unit, quantity, remaining - q, area, until, offererId,
                offererName, organisationId, organisationName, state, createdAt, at, version + 1);
    }
}
