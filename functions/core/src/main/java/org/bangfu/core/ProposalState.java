package org.bangfu.core;

/** A poster's proposal of a need to an offer: waiting, then accepted (a claim was made) or declined. */
public enum ProposalState {
    PROPOSED,
    ACCEPTED,
    DECLINED
}
