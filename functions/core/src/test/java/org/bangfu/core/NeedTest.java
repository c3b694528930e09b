package org.bangfu.core;

import static org.bangfu.core.Fixtures.TODAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NeedTest {
    @Test
    void aPublishedNeedWithSomethingLeftIsListedUntilItsDeadlineDay() {
        Need n = Fixtures.publishedNeed(3);
        assertTrue(n.isListed(TODAY));
        assertTrue(n.isListed(n.deadline()));
        assertFalse(n.isListed(n.deadline().plusDays(1)));
    }

    @Test
    void pendingOrFullyClaimedNeedsAreNotListed() {
        assertFalse(Fixtures.pendingNeed(3).isListed(TODAY));
        Need claimed = Fixtures.lifecycle().claim(Fixtures.publishedNeed(3), Fixtures.helper("h"), 3, "c").after();
        assertFalse(claimed.isListed(TODAY));
    }

    @Test
    void everyWriteBumpsTheVersion() {
        Need n = Fixtures.pendingNeed(3);
        assertEquals(n.version() + 1, n.withState(NeedState.WITHDRAWN, Fixtures.NOW).version());
        assertEquals(n.version() + 1, n.withQuantities(n.quantities(), Fixtures.NOW).version());
    }

    @Test
    void openAndPublicStatesAreAsDocumented() {
        for (NeedState s : NeedState.values()) {
            boolean open = s == NeedState.PENDING_REVIEW || s == NeedState.PUBLISHED || s == NeedState.CLAIMED
                    || s == NeedState.DELIVERED;
            boolean pub = s == NeedState.PUBLISHED || s == NeedState.CLAIMED || s == NeedState.DELIVERED
                    || s == NeedState.FULFILLED;
            assertEquals(open, s.isOpen(), s.name());
            assertEquals(pub, s.isPublic(), s.name());
        }
    }
}
