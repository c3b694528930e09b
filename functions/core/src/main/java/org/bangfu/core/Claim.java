package org.bangfu.core;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One helper's promise to deliver part or all of a need, by {@code dueOn} (else it is released
 * automatically). {@code origin} is set when the helper claimed for an organisation or through an offer.
 * Once confirmed: {@code fulfilledThrough} is the need's confirmed units up to and including this
 * claim's (confirmations are one at a time), and {@code countersignedBy} the area admin who confirmed
 * or countersigned it; a claim confirmed by the poster alone has none yet, and its points are held.
 */
public record Claim(
        String id,
        String needId,
        String helperId,
        String helperName,
        int quantity,
        ClaimState state,
        Instant createdAt,
        LocalDate dueOn,
        String deliveryNote,
        String deliveryPhotoRef,
        Instant deliveredAt,
        String confirmedBy,
        Instant confirmedAt,
        String releasedBy,
        String releaseReason,
        Instant releasedAt,
        ClaimOrigin origin,
        Integer fulfilledThrough,
        String countersignedBy) {

    public static Claim open(String id, String needId, Actor helper, int quantity, Instant at, LocalDate dueOn) {
        return open(id, needId, helper, quantity, at, dueOn, null);
    }

    public static Claim open(String id, String needId, Actor helper, int quantity, Instant at, LocalDate dueOn, ClaimOrigin origin) {
        return new Claim(id, needId, helper.id(), helper.displayName(), quantity, ClaimState.ACTIVE, at, dueOn,
                null, null, null, null, null, null, null, null, origin, null, null);
    }

    public Claim delivered(String note, String photoRef, Instant at) {
        return new Claim(id, needId, helperId, helperName, quantity, ClaimState.DELIVERED, createdAt, dueOn,
                note, photoRef, at, null, null, null, null, null, origin, null, null);
    }

    public Claim confirmed(String by, Instant at) {
        return confirmed(by, at, null, by);
    }

    /** Confirmed by {@code by}; {@code countersignedBy} is the area admin's id when an admin confirmed, null when the poster did alone. */
    public Claim confirmed(String by, Instant at, Integer through, String countersignedBy) {
        return new Claim(id, needId, helperId, helperName, quantity, ClaimState.CONFIRMED, createdAt, dueOn,
                deliveryNote, deliveryPhotoRef, deliveredAt, by, at, null, null, null, origin, through, countersignedBy);
    }

    /** An area admin checked a confirmation the poster made alone: its points are no longer held. */
    public Claim countersigned(String adminId) {
        return new Claim(id, needId, helperId, helperName, quantity, state, createdAt, dueOn,
                deliveryNote, deliveryPhotoRef, deliveredAt, confirmedBy, confirmedAt, null, null, null, origin, fulfilledThrough, adminId);
    }

    /** Confirmed by the poster alone and not yet countersigned by an area admin: its points wait. */
    public boolean pointsHeld() {
        return state == ClaimState.CONFIRMED && countersignedBy == null;
    }

    public Claim released(String by, String reason, Instant at) {
        return new Claim(id, needId, helperId, helperName, quantity, ClaimState.RELEASED, createdAt, dueOn,
                deliveryNote, deliveryPhotoRef, deliveredAt, null, null, by, reason, at, origin, null, null);
    }
}
