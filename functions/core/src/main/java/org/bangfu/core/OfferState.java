package org.bangfu.core;

/** OPEN while it can be taken up; USED_UP and EXPIRED follow from capacity and date (see {@link Offer#status}). */
public enum OfferState {
    OPEN,
    USED_UP,
    EXPIRED,
    WITHDRAWN
}
