package org.bangfu.core;

import static org.bangfu.core.Fixtures.EAST_GATE;
import static org.bangfu.core.Fixtures.NOW;
import static org.bangfu.core.Fixtures.actor;
import static org.bangfu.core.Fixtures.helper;
import static org.bangfu.core.Fixtures.lifecycle;
import static org.bangfu.core.Fixtures.publishedNeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleClaimTest {
    private final Lifecycle lifecycle = lifecycle();
    private final Actor helper = helper("helper-1");

    @Test
    void onlyHelpersMayClaim() {
        Need n = publishedNeed(5);
        for (Actor a : List.of(actor("a", EAST_GATE, Role.ADMIN), actor("c", EAST_GATE, Role.COUNCIL),
                actor("v", EAST_GATE, Role.VOLUNTEER), actor("p", EAST_GATE, Role.POSTER))) {
            assertThrows(DomainException.Forbidden.class, () -> lifecycle.claim(n, a, 1, "c1"), a.id());
        }
    }

    @Test
    void aPosterMayNotClaimTheirOwnNeed() {
        Actor posterWhoHelps = actor("poster-1", EAST_GATE, Role.POSTER, Role.HELPER);
        assertThrows(DomainException.Forbidden.class, () -> lifecycle.claim(publishedNeed(5), posterWhoHelps, 1, "c1"));
    }

    @Test
    void aClaimMustBeAPositiveQuantity() {
        Need n = publishedNeed(5);
        for (int q : new int[] {0, -1, NeedDraft.MAX_QUANTITY + 1}) {
            DomainException.Invalid e = assertThrows(DomainException.Invalid.class, () -> lifecycle.claim(n, helper, q, "c1"));
            assertEquals("quantity", e.errors().get(0).field());
        }
    }

    @Test
    void onlyPublishedNeedsCanBeClaimedAndUnpublishedOnesDoNotRevealThemselves() {
        Need pending = Fixtures.pendingNeed(5);
        assertThrows(DomainException.NotFound.class, () -> lifecycle.claim(pending, helper, 1, "c1"));

        Need rejected = lifecycle.review(pending, Fixtures.council(), null, false, "不符").after();
        assertThrows(DomainException.NotFound.class, () -> lifecycle.claim(rejected, helper, 1, "c1"));

        Need claimed = lifecycle.claim(publishedNeed(5), helper, 5, "c1").after();
        assertEquals(NeedState.CLAIMED,
                assertThrows(DomainException.Conflict.class, () -> lifecycle.claim(claimed, helper("h2"), 1, "c2")).current());
    }

    @Test
    void aHelperCannotClaimMoreThanRemains() {
        Need n = lifecycle.claim(publishedNeed(5), helper, 3, "c1").after();
        DomainException.Conflict e = assertThrows(DomainException.Conflict.class, () -> lifecycle.claim(n, helper("h2"), 3, "c2"));
        assertEquals(NeedState.PUBLISHED, e.current());
        assertEquals(NeedState.CLAIMED, lifecycle.claim(n, helper("h2"), 2, "c2").after().state());
    }

    @Test
    void aNeedPastItsDeadlineCannotBeClaimed() {
        Need n = publishedNeed(5); // deadline TODAY + 30
        Lifecycle dayAfterDeadline = Fixtures.lifecycleAt(NOW.plusSeconds(31L * 24 * 3600));
        DomainException.Conflict e = assertThrows(DomainException.Conflict.class,
                () -> dayAfterDeadline.claim(n, helper, 1, "c1"));
        assertEquals(NeedState.PUBLISHED, e.current());
    }

    @Test
    void theDeadlineDayItselfIsStillOpenInChinaTime() {
        Need n = publishedNeed(5);
        // 23:30 in Shanghai on the deadline day
        Instant lastEvening = n.deadline().atTime(23, 30).atZone(Lifecycle.ZONE).toInstant();
        assertEquals(NeedState.CLAIMED, Fixtures.lifecycleAt(lastEvening).claim(n, helper, 5, "c1").after().state());
        // 00:30 in Shanghai the next day (still the deadline day in UTC)
        Instant nextMorning = n.deadline().plusDays(1).atTime(0, 30).atZone(Lifecycle.ZONE).toInstant();
        assertThrows(DomainException.Conflict.class, () -> Fixtures.lifecycleAt(nextMorning).claim(n, helper, 5, "c1"));
    }

    @Test
    void claimingAllThatRemainsMarksTheNeedClaimed() {
        Change c = lifecycle.claim(publishedNeed(5), helper, 5, "c1");
        assertEquals(NeedState.CLAIMED, c.after().state());
        assertEquals(0, c.after().quantities().remaining());
        assertEquals(5, c.after().quantities().active());
        Claim claim = c.claim();
        assertEquals("c1", claim.id());
        assertEquals(c.after().id(), claim.needId());
        assertEquals("helper-1", claim.helperId());
        assertEquals(5, claim.quantity());
        assertEquals(ClaimState.ACTIVE, claim.state());
        assertEquals("claim:c1:5", c.audit().action());
    }

    @Test
    void aPartialClaimKeepsTheNeedPublished() {
        Need before = publishedNeed(5);
        Change c = lifecycle.claim(before, helper, 2, "c1");
        assertEquals(NeedState.PUBLISHED, c.after().state());
        assertEquals(new Quantities(5, 3, 2, 0, 0), c.after().quantities());
        assertEquals(before.version() + 1, c.after().version());
        assertEquals(true, c.after().isClaimable());
    }
}
