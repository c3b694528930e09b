package org.bangfu.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NeedTest {
    @Test
    void aPublishedNeedWithSomethingLeftIsClaimable() {
        assertTrue(Fixtures.publishedNeed(3).isClaimable());
        Need partly = Fixtures.lifecycle().claim(Fixtures.publishedNeed(3), Fixtures.helper("h"), 2, "c").after();
        assertTrue(partly.isClaimable());
    }

    @Test
    void pendingOrFullyClaimedNeedsAreNotClaimable() {
        assertFalse(Fixtures.pendingNeed(3).isClaimable());
        Need claimed = Fixtures.lifecycle().claim(Fixtures.publishedNeed(3), Fixtures.helper("h"), 3, "c").after();
        assertFalse(claimed.isClaimable());
    }

    @Test
    void aChangeMovesTheVersionExactlyOneOnHoweverManyStepsItComposes() {
        Need n = Fixtures.pendingNeed(3);
        Need described = n.withQuantities(n.quantities(), Fixtures.NOW).withState(NeedState.WITHDRAWN, Fixtures.NOW);
        assertEquals(n.version(), described.version(), "describing a new state is not a write");
        Change c = Change.of(n, described, new AuditEntry(n.id(), Fixtures.NOW, "x", "withdraw", n.state(), NeedState.WITHDRAWN, null));
        assertEquals(n.version() + 1, c.after().version());
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
