package org.bangfu.core;

import java.time.Instant;

/** One helper's promise to deliver part or all of a need. */
public record Claim(
        String id,
        String needId,
        String helperId,
        String helperName,
        int quantity,
        ClaimState state,
        Instant createdAt,
        String deliveryNote,
        String deliveryPhotoRef,
        Instant deliveredAt,
        String confirmedBy,
        Instant confirmedAt,
        String releasedBy,
        String releaseReason,
        Instant releasedAt) {

    public static Claim open(String id, String needId, Actor helper, int quantity, Instant at) {
        return new Claim(id, needId, helper.id(), helper.displayName(), quantity, ClaimState.ACTIVE, at,
                null, null, null, null, null, null, null, null);
    }

    public Claim delivered(String note, String photoRef, Instant at) {
        return new Claim(id, needId, helperId, helperName, quantity, ClaimState.DELIVERED, createdAt,
                note, photoRef, at, null, null, null, null, null);
    }

    public Claim confirmed(String by, Instant at) {
        return new Claim(id, needId, helperId, helperName, quantity, ClaimState.CONFIRMED, createdAt,
                deliveryNote, deliveryPhotoRef, deliveredAt, by, at, null, null, null);
    }

    public Claim released(String by, String reason, Instant at) {
        return new Claim(id, needId, helperId, helperName, quantity, ClaimState.RELEASED, createdAt,
                deliveryNote, deliveryPhotoRef, deliveredAt, null, null, by, reason, at);
    }
}
