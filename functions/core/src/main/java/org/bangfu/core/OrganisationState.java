package org.bangfu.core;

/** An organisation is a 联盟成员单位 only once an admin of its area has verified it. */
public enum OrganisationState {
    PENDING,
    VERIFIED,
    REJECTED
}
