package org.bangfu.lambda;

/** A body over the limit. 413. */
public final class PayloadTooLarge extends RuntimeException {
    public PayloadTooLarge(String message) {
        super(message, null, false, false);
    }
}
