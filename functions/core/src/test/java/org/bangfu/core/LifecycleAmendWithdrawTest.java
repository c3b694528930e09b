package org.bangfu.core;

import static org.bangfu.core.Fixtures.council;
import static org.bangfu.core.Fixtures.draft;
import static org.bangfu.core.Fixtures.helper;
import static org.bangfu.core.Fixtures.lifecycle;
import static org.bangfu.core.Fixtures.pendingNeed;
import static org.bangfu.core.Fixtures.poster;
import static org.bangfu.core.Fixtures.publishedNeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The poster's corrections: edit a pending need, resubmit a rejected one, withdraw one nobody helps with. */
class LifecycleAmendWithdrawTest {
    private final Lifecycle lifecycle = lifecycle();

    @Test
    void aRejectedNeedEditedGoesBackToBothReviewersWithoutItsReason() {
        Need rejected = lifecycle.review(pendingNeed(1), council(), null, false, "照片不清楚").after();
        assertEquals(NeedState.REJECTED, rejected.state());
        Lifecycle.Amendment a = lifecycle.amend(rejected, draft().title("助听器一副（已更正）").build(), List.of(), poster(), null);
        assertEquals(NeedState.PENDING_REVIEW, a.after().state());
        assertEquals("助听器一副（已更正）", a.after().title());
        assertNull(a.after().councilReviewerId());
        assertNull(a.after().rejectReason());
        assertEquals(rejected.createdAt(), a.after().createdAt());
        assertEquals(rejected.version() + 1, a.after().version());
        assertEquals("resubmit", a.audit().action());
    }

    @Test
    void anEditOfAPendingNeedDropsAnApprovalAlreadyGiven() {
        Need halfApproved = lifecycle.review(pendingNeed(1), council(), null, true, null).after();
        Need after = lifecycle.amend(halfApproved, draft().quantity(2).build(), List.of(), poster(), null).after();
        assertNull(after.councilReviewerId());
        assertEquals(2, after.quantities().total());
    }

    @Test
    void onlyThePosterEditsOrWithdrawsAndOnlyBeforeAnyoneHelps() {
        Need pending = pendingNeed(1);
        Actor otherPoster = Fixtures.actor("poster-2", Fixtures.EAST_GATE, Role.POSTER);
        assertThrows(DomainException.Forbidden.class, () -> lifecycle.amend(pending, draft().build(), List.of(), otherPoster, null));
        assertThrows(DomainException.Forbidden.class, () -> lifecycle.withdraw(pending, otherPoster, null));
        Need published = publishedNeed(1);
        assertEquals("not_editable", assertThrows(DomainException.Conflict.class,
                () -> lifecycle.amend(published, draft().build(), List.of(), poster(), null)).code());
        Need claimed = lifecycle.claim(published, helper("h1"), 1, "c1").after();
        assertEquals("claims_open", assertThrows(DomainException.Conflict.class, () -> lifecycle.withdraw(claimed, poster(), null)).code());
    }

    @Test
    void withdrawingDelistsForGood() {
        Change c = lifecycle.withdraw(publishedNeed(3), poster(), "家属已自行解决");
        assertEquals(NeedState.WITHDRAWN, c.after().state());
        assertEquals("家属已自行解决", c.audit().detail());
        assertEquals("need_closed", assertThrows(DomainException.Conflict.class, () -> lifecycle.withdraw(c.after(), poster(), null)).code());
        assertEquals(NeedState.WITHDRAWN, lifecycle.withdraw(pendingNeed(1), poster(), null).after().state());
    }

    @Test
    void publicTextMayNotCarryAnIdNumberOrAPhone() {
        String otherId = Fixtures.OTHER_ID_NUMBER;
        for (String bad : List.of("联系 138 1234 5678 即可", "电话13900001111", "身份证 " + Fixtures.ID_NUMBER, "另一户" + otherId,
                "请拨 0511-86543210 联系村里")) {
            DomainException.Invalid e = assertThrows(DomainException.Invalid.class,
                    () -> lifecycle.post(draft().description(bad + "，需要一副助听器。").build(), poster(), "n1"), bad);
            assertEquals("description", e.errors().get(0).field(), bad);
            String code = e.errors().get(0).code();
            assertEquals(bad.contains("身份证") || bad.contains("另一户") ? "contains_id_number" : "contains_phone", code, bad);
        }
        // Ordinary numbers are fine.
        lifecycle.post(draft().description("老人今年72岁，需要 1 副助听器，预算 800 元，2025 年内。").build(), poster(), "n1");
    }
}
