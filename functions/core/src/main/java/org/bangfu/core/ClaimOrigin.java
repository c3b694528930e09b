package org.bangfu.core;

/**
 * A claim made on behalf of an organisation (its member claimed for it), or through an offer, or both.
 * Null on a claim a person makes for themselves. The points stay the person's; the organisation's
 * figures count the help. {@code offerPeriod}: for a monthly offer, the month (yyyy-MM) the claim
 * took its units from, so a give-back returns them only to that month.
 */
public record ClaimOrigin(String organisationId, String organisationName, String offerId, String offerPeriod) {
    public ClaimOrigin(String organisationId, String organisationName, String offerId) {
        this(organisationId, organisationName, offerId, null);
    }
}
