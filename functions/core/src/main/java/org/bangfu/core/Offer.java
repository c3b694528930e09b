package org.bangfu.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * What a helper or an organisation offers (供给): goods, a service, training or jobs, in one window,
 * for the households of an area (any level: a county offer fits every village of the county), up to
 * {@code quantity} units until {@code until}, in all or every month ({@code capacity}). {@code remaining}
 * is what has not been taken up by accepted proposals (for a monthly offer: in {@code period}, the
 * month it was last taken from; a new month starts full); it never goes below zero (the data layer
 * restates it as a condition).
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
        OfferCapacity capacity,
        YearMonth period,
        AreaCode area,
        LocalDate until,
        String offererId,
        String offererName,
        String organisationId,
        String organisationName,
        OfferState state,
        Instant createdAt,
        Instant updatedAt,
        long version,
        Withdrawal withdrawal) {

    /** Who took it down, why (the posters of its pending proposals see it), when. */
    public record Withdrawal(String by, String reason, Instant at) {
    }

    public Offer {
        if (quantity < 1 || remaining < 0 || remaining > quantity) {
            throw new IllegalArgumentException("inconsistent offer capacity " + remaining + "/" + quantity);
        }
        if (capacity == null) capacity = OfferCapacity.TOTAL;
        if (capacity == OfferCapacity.TOTAL) period = null;
        if ((state == OfferState.WITHDRAWN) != (withdrawal != null)) throw new IllegalArgumentException("a withdrawn offer says by whom");
    }

    public boolean monthly() {
        return capacity == OfferCapacity.MONTHLY;
    }

    /** What can still be taken up on {@code today}: a monthly offer starts every month with its full quantity. */
    public int remainingOn(LocalDate today) {
        return monthly() && !YearMonth.from(today).equals(period) ? quantity : remaining;
    }

    /** What the public sees of it now: used up (or full this month), expired, or open. */
    public OfferState status(LocalDate today) {
        if (state == OfferState.WITHDRAWN) return OfferState.WITHDRAWN;
        if (remainingOn(today) == 0) return monthly() ? OfferState.FULL_THIS_MONTH : OfferState.USED_UP;
        if (until.isBefore(today)) return OfferState.EXPIRED;
        return OfferState.OPEN;
    }

    /** What accepted proposals hold of it now (this month's, for a monthly offer): an edit never goes below it. */
    public int committedOn(LocalDate today) {
        return quantity - remainingOn(today);
    }

    /** Listed publicly right now (and so proposable): open, not withdrawn, something left, not past its date. */
    public boolean isListed(LocalDate today) {
        return status(today) == OfferState.OPEN;
    }

    /** Fits a need: listed, and {@link #covers} it. */
    public boolean fits(Need need, LocalDate today) {
        return isListed(today) && covers(need.category(), need.area());
    }

    /** The one rule of fit (listing aside): the same window, and its area covers the need's village. */
    public boolean covers(Category window, AreaCode village) {
        return category == window && area.contains(village);
    }

    /** Who answers proposals: the organisation's members if it is an organisation's offer, else the offerer. */
    public boolean byOrganisation() {
        return organisationId != null;
    }

    /** Anything ever taken from it: a monthly offer's month was started, or a total offer has less than its quantity left. */
    public boolean everCommitted() {
        return monthly() ? period != null : remaining < quantity;
    }

    Offer with(OfferState s, Withdrawal w, Instant at) {
        return new Offer(id, kind, category, title, description, unit, quantity, remaining, capacity, period, area, until, offererId,
                offererName, organisationId, organisationName, s, createdAt, at, version + 1, w);
    }

    /** With the fields of {@code d} (capacity and owner unchanged) and {@code left} remaining. */
    Offer edited(OfferDraft d, int left, Instant at) {
        return new Offer(id, d.kind(), d.category(), d.title().strip(), d.description().strip(), d.unit().strip(), d.quantity(), left,
                capacity, period, d.area(), d.until(), offererId, offererName, organisationId, organisationName, state, createdAt, at,
                version + 1, withdrawal);
    }

    /** After {@code q} units were taken on {@code today} (a monthly offer's count moves to this month). */
    Offer taken(int q, LocalDate today, Instant at) {
        return new Offer(id, kind, category, title, description, unit, quantity, remainingOn(today) - q, capacity,
                monthly() ? YearMonth.from(today) : null, area, until, offererId, offererName, organisationId, organisationName,
                state, createdAt, at, version + 1, null);
    }
}
