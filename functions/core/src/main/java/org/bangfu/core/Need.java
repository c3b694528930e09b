package org.bangfu.core;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A household's concrete need, with the seven elements of a posting: category, what is needed
 * (title, description), how much (quantity, unit, estimated value), deadline, area, household, and
 * the poster with a contact. {@code version} increases by one with every write (optimistic locking),
 * and only {@link Change} moves it: the {@code with…} methods describe the new state, not a write;
 * {@code openReports} counts the public's reports of it not yet looked into by a reviewer.
 */
public record Need(
        String id,
        Category category,
        String title,
        String description,
        String unit,
        Integer valueYuan,
        LocalDate deadline,
        AreaCode area,
        String householdId,
        String beneficiary,
        String posterId,
        String posterName,
        Contact contact,
        NeedState state,
        Quantities quantities,
        String councilReviewerId,
        String volunteerReviewerId,
        String rejectReason,
        Instant createdAt,
        Instant publishedAt,
        Instant updatedAt,
        long version,
        int openReports) {

    public Need withState(NeedState s, Instant at) {
        return new Need(id, category, title, description, unit, valueYuan, deadline, area, householdId, beneficiary,
                posterId, posterName, contact, s, quantities, councilReviewerId, volunteerReviewerId, rejectReason,
                createdAt, s == NeedState.PUBLISHED && publishedAt == null ? at : publishedAt, at, version, openReports);
    }

    public Need withQuantities(Quantities q, Instant at) {
        return new Need(id, category, title, description, unit, valueYuan, deadline, area, householdId, beneficiary,
                posterId, posterName, contact, q.marketState(), q, councilReviewerId, volunteerReviewerId, rejectReason,
                createdAt, publishedAt, at, version, openReports);
    }

    public Need withReview(Role role, String reviewerId, NeedState s, String reason, Instant at) {
        return new Need(id, category, title, description, unit, valueYuan, deadline, area, householdId, beneficiary,
                posterId, posterName, contact, s, quantities,
                role == Role.COUNCIL ? reviewerId : councilReviewerId,
                role == Role.VOLUNTEER ? reviewerId : volunteerReviewerId,
                reason, createdAt, s == NeedState.PUBLISHED ? at : publishedAt, at, version, openReports);
    }

    /** The same need at another version: only {@link Change} calls it. */
    Need withVersion(long v) {
        return new Need(id, category, title, description, unit, valueYuan, deadline, area, householdId, beneficiary,
                posterId, posterName, contact, state, quantities, councilReviewerId, volunteerReviewerId, rejectReason,
                createdAt, publishedAt, updatedAt, v, openReports);
    }

    /** Reports looked into: none open any more. */
    public Need withReportsResolved(Instant at) {
        return new Need(id, category, title, description, unit, valueYuan, deadline, area, householdId, beneficiary,
                posterId, posterName, contact, state, quantities, councilReviewerId, volunteerReviewerId, rejectReason,
                createdAt, publishedAt, at, version, 0);
    }

    /**
     * Listed: published with something left to claim. The store keeps a need in the public indexes
     * exactly while this holds (their keys are derived from it, in the same write). A deadline
     * passes without a write, so the listing also filters {@code deadline >= today} until the
     * scheduled expiry takes the need out.
     */
    public boolean isClaimable() {
        return state == NeedState.PUBLISHED && quantities.remaining() > 0;
    }

    /**
     * {@code actor} acts as this need's poster: they posted it and still hold the poster role for its
     * area. A cadre dismissed, or moved to another village, no longer edits, withdraws or confirms
     * it, nor sees its household (the area's admins carry on). What a poster may never do to their own
     * need (review it, claim it) stays tied to the id alone.
     */
    public boolean postedBy(Actor actor) {
        return actor != null && actor.id().equals(posterId) && actor.actsFor(Role.POSTER, area);
    }
}
