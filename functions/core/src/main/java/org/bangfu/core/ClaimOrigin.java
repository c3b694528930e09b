package org.bangfu.core;

/**
 * A claim made on behalf of an organisation (its member claimed for it), or through an offer, or both.
 * Null on a claim a person makes for themselves. The points stay the person's; the organisation's
 * figures count the help.
 */
public record ClaimOrigin(String organisationId, String organisationName, String offerId) {
}
