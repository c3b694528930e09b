package org.bangfu.core;

/** Stored OPEN or WITHDRAWN; the others follow from capacity and date (see {@link Offer#status}). */
public enum OfferState {
    OPEN,
    USED_UP,
    /** A monthly offer with nothing left this month: open again on the 1st. */
    FULL_THIS_MONTH,
    EXPIRED,
    /** Taken down by its offerer (or an admin of its area): off the list for good. */
    WITHDRAWN
}
