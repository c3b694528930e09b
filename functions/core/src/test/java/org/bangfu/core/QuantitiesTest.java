package org.bangfu.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantitiesTest {
    @Test
    void aFreshNeedHasEverythingRemaining() {
        assertEquals(new Quantities(5, 5, 0, 0, 0), Quantities.fresh(5));
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0, 0, 0, 0",     // nothing to give
            "-1, -1, 0, 0, 0",
            "5, -1, 6, 0, 0",    // negative remaining
            "5, 6, -1, 0, 0",    // negative active
            "5, 6, 0, -1, 0",    // negative delivered
            "5, 6, 0, 0, -1",    // negative fulfilled
            "5, 4, 0, 0, 0",     // parts short of the total
            "5, 5, 1, 0, 0",     // parts over the total
            "5, 1, 1, 1, 1"})
    void theConstructorRejectsNegativesAndPartsThatDoNotAddUp(int total, int remaining, int active, int delivered,
                                                             int fulfilled) {
        assertThrows(IllegalArgumentException.class,
                () -> new Quantities(total, remaining, active, delivered, fulfilled));
    }

    @Test
    void theConstructorAcceptsAnyConsistentSplit() {
        Quantities q = new Quantities(10, 1, 2, 3, 4);
        assertEquals(10, q.remaining() + q.active() + q.delivered() + q.fulfilled());
    }

    @Test
    void claimMovesFromRemainingToActive() {
        assertEquals(new Quantities(5, 2, 3, 0, 0), Quantities.fresh(5).claim(3));
    }

    @Test
    void releaseMovesFromActiveBackToRemaining() {
        assertEquals(new Quantities(5, 4, 1, 0, 0), new Quantities(5, 2, 3, 0, 0).release(2));
    }

    @Test
    void deliverMovesFromActiveToDelivered() {
        assertEquals(new Quantities(5, 2, 1, 2, 0), new Quantities(5, 2, 3, 0, 0).deliver(2));
    }

    @Test
    void confirmMovesFromDeliveredToFulfilled() {
        assertEquals(new Quantities(5, 2, 1, 0, 2), new Quantities(5, 2, 1, 2, 0).confirm(2));
    }

    @Test
    void noStepCanTakeMoreThanIsThere() {
        assertThrows(IllegalArgumentException.class, () -> Quantities.fresh(5).claim(6));
        assertThrows(IllegalArgumentException.class, () -> new Quantities(5, 3, 2, 0, 0).release(3));
        assertThrows(IllegalArgumentException.class, () -> new Quantities(5, 3, 2, 0, 0).deliver(3));
        assertThrows(IllegalArgumentException.class, () -> new Quantities(5, 3, 0, 2, 0).confirm(3));
    }

    @ParameterizedTest
    @CsvSource({
            "5, 5, 0, 0, 0, PUBLISHED",
            "5, 1, 4, 0, 0, PUBLISHED",   // something left to claim: still listed
            "5, 1, 0, 2, 2, PUBLISHED",
            "5, 0, 5, 0, 0, CLAIMED",
            "5, 0, 1, 2, 2, CLAIMED",     // nothing left, some help still on its way
            "5, 0, 0, 5, 0, DELIVERED",
            "5, 0, 0, 1, 4, DELIVERED",   // all delivered, waiting for confirmation
            "5, 0, 0, 0, 5, FULFILLED"})
    void marketStateFollowsWhereTheQuantityIs(int total, int remaining, int active, int delivered, int fulfilled,
                                              NeedState expected) {
        assertEquals(expected, new Quantities(total, remaining, active, delivered, fulfilled).marketState());
    }

    @Test
    void aFullRoundTripEndsFulfilled() {
        Quantities q = Quantities.fresh(3).claim(2).claim(1);
        assertEquals(NeedState.CLAIMED, q.marketState());
        q = q.deliver(2).deliver(1);
        assertEquals(NeedState.DELIVERED, q.marketState());
        q = q.confirm(2);
        assertEquals(NeedState.DELIVERED, q.marketState());
        q = q.confirm(1);
        assertEquals(NeedState.FULFILLED, q.marketState());
        assertEquals(new Quantities(3, 0, 0, 0, 3), q);
    }
}
