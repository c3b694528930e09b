package org.bangfu.core;

/** Where a need is in its life. See DESIGN.md for the diagram. */
public enum NeedState {
    PENDING_REVIEW,
    PUBLISHED,
    CLAIMED,
    DELIVERED,
    FULFILLED,
    REJECTED,
    WITHDRAWN,
    EXPIRED;

    /** Open needs block a second need of the same category for the same household. */
    public boolean isOpen() {
        return this == PENDING_REVIEW || this == PUBLISHED || this == CLAIMED || this == DELIVERED;
    }

    /** States a need has once published; only these are ever shown to the public by id. */
    public boolean isPublic() {
        return this == PUBLISHED || this == CLAIMED || this == DELIVERED || this == FULFILLED;
    }
}
