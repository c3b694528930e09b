package org.bangfu.core;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One helper's promise to deliver part or all of a need, by {@code dueOn} (else it is released
 * automatically). {@code origin} is set when the helper claimed for an organisation or through an offer.
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
        ClaimOrigin origin) {

    public static Claim open(String id, String needId, Actor helper, int quantity, Instant at, LocalDate dueOn) {
        return open(id, needId, helper, quantity, at, dueOn, null);
    }

    public static Claim open(String id, String needId, Actor helper, int quantity, Instant at, LocalDate dueOn, ClaimOrigin origin) {
        return new Claim(id, needId, helper.id(), helper.displayName(), quantity, ClaimState.ACTIVE, at, dueOn,
                null, null, null, null, null, null, null, null, origin);
    }

    public Claim delivered(String note, String photoRef, Instant at) {
        return new Claim(id, needId, helperId, helperName, quantity, ClaimState.DELIVERED, createdAt, dueOn,
                note, photoRef, at, null, null, null, null, null, origin);
    }

    public Claim confirmed(String by, Instant at) {
        return new Claim(id, needId, helperId, helperName, quantity, ClaimState.CONFIRMED, createdAt, dueOn,
                deliveryNote, deliveryPhotoRef, deliveredAt, by, at, null, null, null, origin);
    }

    public Claim released(String by, String reason, Instant at) {
        return new Claim(id, needId, helperId, helperName, quantity, ClaimState.RELEASED, createdAt, dueOn,
                deliveryNote, deliveryPhotoRef, deliveredAt, null, null, by, reason, at, origin);
    }
}
