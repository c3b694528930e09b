package org.bangfu.core;

/**
 * How a step changes a helper's claim record. A new claim carries the cap ({@code freeOpen},
 * {@code maxOpen}) so the data layer can enforce it in the same write, whatever was read before.
 */
public record HelperDelta(String helperId, int openDelta, int completedDelta, int freeOpen, int maxOpen) {
    static HelperDelta claimed(String helperId, PointsRules rules) {
        return new HelperDelta(helperId, 1, 0, rules.freeOpenClaims(), rules.maxOpenClaims());
    }

    static HelperDelta released(String helperId) {
        return new HelperDelta(helperId, -1, 0, 0, 0);
    }

    static HelperDelta completed(String helperId) {
        return new HelperDelta(helperId, -1, 1, 0, 0);
    }
}
