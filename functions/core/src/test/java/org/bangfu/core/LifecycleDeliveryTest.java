package org.bangfu.core;

import static org.bangfu.core.Fixtures.EAST_GATE;
import static org.bangfu.core.Fixtures.actor;
import static org.bangfu.core.Fixtures.helper;
import static org.bangfu.core.Fixtures.lifecycle;
import static org.bangfu.core.Fixtures.poster;
import static org.bangfu.core.Fixtures.publishedNeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** deliver, confirm and release: what happens to a claim after it is made. */
class LifecycleDeliveryTest {
    private final Lifecycle lifecycle = lifecycle();
    private final Actor helper = helper("helper-1");
    private final Actor otherHelper = helper("helper-2");

    /** A need of 5 with helper-1 holding an active claim of 3. */
    private final Change claimed = lifecycle.claim(publishedNeed(5), helper, 3, "c1");
    private final Need need = claimed.after();
    private final Claim claim = claimed.claim();

    private Change delivered() {
        return lifecycle.deliver(need, claim, helper, "已送到家中", null);
    }

    // --- deliver

    @Test
    void onlyTheClaimsHelperMayReportDelivery() {
        for (Actor a : List.of(otherHelper, poster(), Fixtures.areaAdmin(), actor("helper-1x", null, Role.HELPER))) {
            assertThrows(DomainException.Forbidden.class, () -> lifecycle.deliver(need, claim, a, "送到了", null), a.id());
        }
    }

    @Test
    void deliveryMovesTheClaimsQuantityToDelivered() {
        Change c = delivered();
        assertEquals(new Quantities(5, 2, 0, 3, 0), c.after().quantities());
        assertEquals(NeedState.PUBLISHED, c.after().state());
        assertEquals(ClaimState.DELIVERED, c.claim().state());
        assertEquals("已送到家中", c.claim().deliveryNote());
        assertEquals(Fixtures.NOW, c.claim().deliveredAt());
    }

    @Test
    void whenEverythingIsDeliveredTheNeedIsDelivered() {
        Change all = lifecycle.claim(publishedNeed(2), helper, 2, "c9");
        Change c = lifecycle.deliver(all.after(), all.claim(), helper, "两件都送到了", "photos/a.jpg");
        assertEquals(NeedState.DELIVERED, c.after().state());
        assertEquals("photos/a.jpg", c.claim().deliveryPhotoRef());
    }

    @Test
    void onlyActiveClaimsCanBeDelivered() {
        Change d = delivered();
        assertThrows(DomainException.Conflict.class, () -> lifecycle.deliver(d.after(), d.claim(), helper, "又送了一次", null));
        Change r = lifecycle.release(need, claim, helper, null);
        assertThrows(DomainException.Conflict.class, () -> lifecycle.deliver(r.after(), r.claim(), helper, "送到了", null));
    }

    @Test
    void deliveryNeedsANoteOfOneToFiveHundredCharacters() {
        for (String bad : new String[] {null, "", "   ", "字".repeat(501)}) {
            DomainException.Invalid e = assertThrows(DomainException.Invalid.class,
                    () -> lifecycle.deliver(need, claim, helper, bad, null), String.valueOf(bad));
            assertEquals("note", e.errors().get(0).field());
        }
        assertEquals(ClaimState.DELIVERED, lifecycle.deliver(need, claim, helper, "好", null).claim().state());
        assertEquals(ClaimState.DELIVERED, lifecycle.deliver(need, claim, helper, "字".repeat(500), null).claim().state());
    }

    @Test
    void aPhotoReferenceMayNotBeBlankOrLong() {
        for (String bad : new String[] {"", " ", "p".repeat(301)}) {
            DomainException.Invalid e = assertThrows(DomainException.Invalid.class,
                    () -> lifecycle.deliver(need, claim, helper, "送到了", bad));
            assertEquals("photoRef", e.errors().get(0).field());
        }
    }

    // --- confirm

    @Test
    void thePosterMayConfirm() {
        Change d = delivered();
        Change c = lifecycle.confirm(d.after(), d.claim(), poster());
        assertEquals(ClaimState.CONFIRMED, c.claim().state());
        assertEquals("poster-1", c.claim().confirmedBy());
        assertEquals(new Quantities(5, 2, 0, 0, 3), c.after().quantities());
    }

    @Test
    void anAdminOfTheAreaMayConfirm() {
        Change d = delivered();
        assertEquals(ClaimState.CONFIRMED, lifecycle.confirm(d.after(), d.claim(), Fixtures.areaAdmin()).claim().state());
        Actor villageAdmin = actor("admin-v", EAST_GATE, Role.ADMIN);
        assertEquals(ClaimState.CONFIRMED, lifecycle.confirm(d.after(), d.claim(), villageAdmin).claim().state());
    }

    @Test
    void nobodyElseMayConfirm() {
        Change d = delivered();
        for (Actor a : List.of(otherHelper, actor("admin-w", Fixtures.WEST_GATE, Role.ADMIN),
                actor("admin-hn", Fixtures.MIANDU, Role.ADMIN), Fixtures.council(), Fixtures.volunteer(),
                actor("poster-2", EAST_GATE, Role.POSTER))) {
            assertThrows(DomainException.Forbidden.class, () -> lifecycle.confirm(d.after(), d.claim(), a), a.id());
        }
    }

    @Test
    void theHelperMayNotConfirmTheirOwnClaimEvenAsAreaAdmin() {
        Actor adminWhoHelps = actor("admin-h", Fixtures.DANYANG, Role.ADMIN, Role.HELPER);
        Change c = lifecycle.claim(publishedNeed(5), adminWhoHelps, 2, "c7");
        Change d = lifecycle.deliver(c.after(), c.claim(), adminWhoHelps, "送到了", null);
        assertThrows(DomainException.Forbidden.class, () -> lifecycle.confirm(d.after(), d.claim(), adminWhoHelps));
        assertThrows(DomainException.Forbidden.class, () -> lifecycle.confirm(d.after(), d.claim(), helper));
    }

    @Test
    void onlyDeliveredClaimsCanBeConfirmed() {
        DomainException.Conflict e = assertThrows(DomainException.Conflict.class,
                () -> lifecycle.confirm(need, claim, poster()));
        assertEquals(NeedState.PUBLISHED, e.current());
        Change d = delivered();
        Change confirmed = lifecycle.confirm(d.after(), d.claim(), poster());
        assertThrows(DomainException.Conflict.class, () -> lifecycle.confirm(confirmed.after(), confirmed.claim(), poster()));
        // The admin's second confirmation is the countersignature of the poster's (HeldPointsTest); a third is refused.
        Change countersigned = lifecycle.confirm(confirmed.after(), confirmed.claim(), Fixtures.areaAdmin());
        assertThrows(DomainException.Conflict.class,
                () -> lifecycle.confirm(countersigned.after(), countersigned.claim(), Fixtures.areaAdmin()));
        Change released = lifecycle.release(need, claim, helper, null);
        assertThrows(DomainException.Conflict.class,
                () -> lifecycle.confirm(released.after(), released.claim(), poster()));
    }

    @Test
    void theLastConfirmationFulfilsTheNeed() {
        Need n = publishedNeed(5);
        Change a = lifecycle.claim(n, helper, 3, "ca");
        Change b = lifecycle.claim(a.after(), otherHelper, 2, "cb");
        assertEquals(NeedState.CLAIMED, b.after().state());
        Change da = lifecycle.deliver(b.after(), a.claim(), helper, "送到了三件", null);
        assertEquals(NeedState.CLAIMED, da.after().state());
        Change db = lifecycle.deliver(da.after(), b.claim(), otherHelper, "送到了两件", null);
        assertEquals(NeedState.DELIVERED, db.after().state());
        Change ca = lifecycle.confirm(db.after(), da.claim(), poster());
        assertEquals(NeedState.DELIVERED, ca.after().state());
        Change cb = lifecycle.confirm(ca.after(), db.claim(), Fixtures.areaAdmin());
        assertEquals(NeedState.FULFILLED, cb.after().state());
        assertEquals(new Quantities(5, 0, 0, 0, 5), cb.after().quantities());
        assertEquals(NeedState.DELIVERED, cb.audit().from());
        assertEquals(NeedState.FULFILLED, cb.audit().to());
    }

    // --- release

    @Test
    void theHelperMayReleaseTheirClaim() {
        Change r = lifecycle.release(need, claim, helper, "  临时有事  ");
        assertEquals(ClaimState.RELEASED, r.claim().state());
        assertEquals("helper-1", r.claim().releasedBy());
        assertEquals("临时有事", r.claim().releaseReason());
    }

    @Test
    void anAdminOfTheAreaMayReleaseAClaim() {
        Change r = lifecycle.release(need, claim, Fixtures.areaAdmin(), null);
        assertEquals(ClaimState.RELEASED, r.claim().state());
        assertEquals("admin-1", r.claim().releasedBy());
        assertNull(r.claim().releaseReason());
    }

    @Test
    void nobodyElseMayReleaseAClaim() {
        for (Actor a : List.of(otherHelper, poster(), actor("admin-w", Fixtures.WEST_GATE, Role.ADMIN),
                Fixtures.council(), Fixtures.volunteer())) {
            assertThrows(DomainException.Forbidden.class, () -> lifecycle.release(need, claim, a, null), a.id());
        }
    }

    @Test
    void onlyActiveClaimsCanBeReleased() {
        Change d = delivered();
        assertThrows(DomainException.Conflict.class, () -> lifecycle.release(d.after(), d.claim(), helper, null));
        Change r = lifecycle.release(need, claim, helper, null);
        assertThrows(DomainException.Conflict.class, () -> lifecycle.release(r.after(), r.claim(), helper, null));
    }

    @Test
    void releasingAFullClaimRelistsTheNeedWithItsQuantityRestored() {
        Change all = lifecycle.claim(publishedNeed(5), helper, 5, "c5");
        assertEquals(NeedState.CLAIMED, all.after().state());
        Change r = lifecycle.release(all.after(), all.claim(), helper, null);
        assertEquals(NeedState.PUBLISHED, r.after().state());
        assertEquals(Quantities.fresh(5), r.after().quantities());
        assertEquals(true, r.after().isClaimable());
        assertEquals("release:c5", r.audit().action());
    }

    @Test
    void aReleaseReasonIsAtMostTwoHundredCharacters() {
        DomainException.Invalid e = assertThrows(DomainException.Invalid.class,
                () -> lifecycle.release(need, claim, helper, "因".repeat(201)));
        assertEquals("reason", e.errors().get(0).field());
        assertEquals(ClaimState.RELEASED, lifecycle.release(need, claim, helper, "因".repeat(200)).claim().state());
    }
}
