package org.bangfu.core;

import java.time.Instant;

/**
 * A poster proposes a need to an offer that fits it (供需对接). The offerer accepts, which claims the
 * need for the offer (with every claim rule), or declines with a reason the poster sees.
 */
public record Proposal(
        String id,
        String offerId,
        String needId,
        String needTitle,
        Category category,
        AreaCode needArea,
        String proposerId,
        String proposerName,
        int quantity,
        ProposalState state,
        Instant createdAt,
        String answeredBy,
        Instant answeredAt,
        String reason,
        String claimId) {

    Proposal answered(ProposalState s, String by, String why, String claim, Instant at) {
        return new Proposal(id, offerId, needId, needTitle, category, needArea, proposerId, proposerName, quantity, s,
                createdAt, by, at, why, claim);
    }
}
