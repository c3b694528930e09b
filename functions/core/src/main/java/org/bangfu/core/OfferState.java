package org.bangfu.core;

/** Stored OPEN; USED_UP and EXPIRED follow from capacity and date (see {@link Offer#status}). */
public enum OfferState {
    OPEN,
    USED_UP,
    EXPIRED
}
