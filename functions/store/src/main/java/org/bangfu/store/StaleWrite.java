package org.bangfu.store;

/** The need changed between read and write (or a concurrent transaction touched it): read again and decide again. */
public final class StaleWrite extends RuntimeException {
    public StaleWrite(String message) {
        super(message, null, false, false);
    }
}
