package org.bangfu.core;

/** Stored OPEN; the others follow from capacity and date (see {@link Offer#status}). */
public enum OfferState {
    OPEN,
    USED_UP,
    /** A monthly offer with nothing left this month: open again on the 1st. */
    FULL_THIS_MONTH,
    EXPIRED
}
