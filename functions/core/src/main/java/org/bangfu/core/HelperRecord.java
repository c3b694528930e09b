package org.bangfu.core;

/** How many claims a helper holds open (claimed or delivered, not yet confirmed) and has completed. */
public record HelperRecord(int openClaims, int completedClaims) {
    public static final HelperRecord NEW = new HelperRecord(0, 0);
}
