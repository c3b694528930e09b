package org.bangfu.core;

public enum ClaimState {
    /** Claimed, help not yet delivered. */
    ACTIVE,
    /** Helper reported the help delivered; waiting for confirmation. */
    DELIVERED,
    /** Confirmed by the area admin or the poster. */
    CONFIRMED,
    /** Given back by the helper or an admin before delivery; its quantity returned to the need. */
    RELEASED
}
