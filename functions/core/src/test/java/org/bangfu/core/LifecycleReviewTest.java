package org.bangfu.core;

import static org.bangfu.core.Fixtures.EAST_GATE;
import static org.bangfu.core.Fixtures.NOW;
import static org.bangfu.core.Fixtures.actor;
import static org.bangfu.core.Fixtures.council;
import static org.bangfu.core.Fixtures.lifecycle;
import static org.bangfu.core.Fixtures.pendingNeed;
import static org.bangfu.core.Fixtures.volunteer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleReviewTest {
    private final Lifecycle lifecycle = lifecycle();
    private final Need pending = pendingNeed(2);

    private Need approve(Need n, Actor reviewer) {
        return lifecycle.review(n, reviewer, null, true, null).after();
    }

    @Test
    void publishingNeedsACouncilApprovalThenAVolunteerApproval() {
        Need afterCouncil = approve(pending, council());
        assertEquals(NeedState.PENDING_REVIEW, afterCouncil.state());
        assertEquals("council-1", afterCouncil.councilReviewerId());
        Need published = approve(afterCouncil, volunteer());
        assertEquals(NeedState.PUBLISHED, published.state());
        assertEquals("volunteer-1", published.volunteerReviewerId());
        assertEquals("council-1", published.councilReviewerId());
        assertEquals(NOW, published.publishedAt());
    }

    @Test
    void theOrderOfTheTwoApprovalsDoesNotMatter() {
        Need afterVolunteer = approve(pending, volunteer());
        assertEquals(NeedState.PENDING_REVIEW, afterVolunteer.state());
        assertEquals(NeedState.PUBLISHED, approve(afterVolunteer, council()).state());
    }

    @Test
    void oneApprovalAloneLeavesTheNeedWaiting() {
        Change c = lifecycle.review(pending, council(), null, true, null);
        assertEquals(NeedState.PENDING_REVIEW, c.after().state());
        assertNull(c.after().publishedAt());
        assertEquals(pending.version() + 1, c.after().version());
    }

    @Test
    void eachReviewIsRecordedWithRoleAndReviewer() {
        Change c = lifecycle.review(pending, volunteer(), null, true, "  看过了  ");
        Review r = c.review();
        assertEquals(Role.VOLUNTEER, r.role());
        assertEquals("volunteer-1", r.reviewerId());
        assertEquals(true, r.approved());
        assertEquals("看过了", r.reason());
        assertEquals("approve:volunteer", c.audit().action());
    }

    @Test
    void publishingNeedsTwoDifferentPeopleEvenIfOneHoldsBothRoles() {
        Actor both = actor("both-1", EAST_GATE, Role.COUNCIL, Role.VOLUNTEER);
        Need afterCouncil = lifecycle.review(pending, both, Role.COUNCIL, true, null).after();
        assertThrows(DomainException.Forbidden.class,
                () -> lifecycle.review(afterCouncil, both, Role.VOLUNTEER, true, null));
        assertEquals(NeedState.PUBLISHED, approve(afterCouncil, volunteer()).state());
    }

    @Test
    void theSamePersonMayNotRejectAfterApprovingInTheOtherRole() {
        Actor both = actor("both-1", EAST_GATE, Role.COUNCIL, Role.VOLUNTEER);
        Need afterVolunteer = lifecycle.review(pending, both, Role.VOLUNTEER, true, null).after();
        assertThrows(DomainException.Forbidden.class,
                () -> lifecycle.review(afterVolunteer, both, Role.COUNCIL, false, "改主意了"));
    }

    @Test
    void aPosterMayNotReviewTheirOwnNeed() {
        Actor posterAndCouncil = actor("poster-1", EAST_GATE, Role.POSTER, Role.COUNCIL);
        assertThrows(DomainException.Forbidden.class,
                () -> lifecycle.review(pending, posterAndCouncil, null, true, null));
        assertThrows(DomainException.Forbidden.class,
                () -> lifecycle.review(pending, posterAndCouncil, null, false, "不合适的需求"));
    }

    @Test
    void reviewersOfASiblingVillageOrAnotherProvinceMayNotReview() {
        for (Actor r : List.of(actor("c2", Fixtures.WEST_GATE, Role.COUNCIL), actor("v2", Fixtures.WEST_GATE, Role.VOLUNTEER),
                actor("v3", Fixtures.MIANDU, Role.VOLUNTEER), actor("v4", Fixtures.HUANGTANG_VILLAGE, Role.VOLUNTEER),
                actor("v5", null, Role.VOLUNTEER))) {
            assertThrows(DomainException.Forbidden.class, () -> lifecycle.review(pending, r, null, true, null), r.id());
        }
    }

    @Test
    void aReviewerAtTownOrCountyLevelMayReviewAVillageInside() {
        Actor townVolunteer = actor("v-town", Fixtures.YUNYANG, Role.VOLUNTEER);
        Actor countyCouncil = actor("c-county", Fixtures.DANYANG, Role.COUNCIL);
        Need n = approve(pending, townVolunteer);
        assertEquals("v-town", n.volunteerReviewerId());
        assertEquals(NeedState.PUBLISHED, approve(n, countyCouncil).state());
    }

    @Test
    void aRejectionNeedsAReasonOfTwoToTwoHundredCharacters() {
        for (String bad : new String[] {null, "", "   ", "差", "理".repeat(201)}) {
            DomainException.Invalid e = assertThrows(DomainException.Invalid.class,
                    () -> lifecycle.review(pending, council(), null, false, bad), String.valueOf(bad));
            assertEquals("reason", e.errors().get(0).field());
        }
        assertEquals(NeedState.REJECTED, lifecycle.review(pending, council(), null, false, "不符").after().state());
        assertEquals(NeedState.REJECTED,
                lifecycle.review(pending, council(), null, false, "理".repeat(200)).after().state());
    }

    @Test
    void anApprovalMayCarryANoteOfAtMostTwoHundredCharacters() {
        assertThrows(DomainException.Invalid.class,
                () -> lifecycle.review(pending, council(), null, true, "注".repeat(201)));
        assertEquals(NeedState.PENDING_REVIEW,
                lifecycle.review(pending, council(), null, true, "注".repeat(200)).after().state());
    }

    @Test
    void aSingleRejectionRejectsTheNeedWithItsReason() {
        Change c = lifecycle.review(pending, volunteer(), null, false, "  家庭情况不符合条件  ");
        assertEquals(NeedState.REJECTED, c.after().state());
        assertEquals("家庭情况不符合条件", c.after().rejectReason());
        assertEquals("reject:volunteer", c.audit().action());
        assertEquals(NeedState.REJECTED, c.audit().to());
        assertEquals(false, c.review().approved());
        assertNull(c.after().publishedAt());
    }

    @Test
    void aRejectionAfterOneApprovalStillRejects() {
        Need afterCouncil = approve(pending, council());
        Change c = lifecycle.review(afterCouncil, volunteer(), null, false, "信息不实");
        assertEquals(NeedState.REJECTED, c.after().state());
    }

    @Test
    void aPublishedNeedCannotBeReviewedAgain() {
        Need published = approve(approve(pending, council()), volunteer());
        Actor anotherCouncil = actor("council-2", EAST_GATE, Role.COUNCIL);
        DomainException.Conflict e = assertThrows(DomainException.Conflict.class,
                () -> lifecycle.review(published, anotherCouncil, null, false, "晚到的驳回"));
        assertEquals(NeedState.PUBLISHED, e.current());
    }

    @Test
    void aRejectedNeedCannotBeReviewedAgain() {
        Need rejected = lifecycle.review(pending, council(), null, false, "不符").after();
        DomainException.Conflict e = assertThrows(DomainException.Conflict.class,
                () -> approve(rejected, volunteer()));
        assertEquals(NeedState.REJECTED, e.current());
    }

    @Test
    void eachRoleReviewsOnlyOnce() {
        Need afterCouncil = approve(pending, council());
        Actor anotherCouncil = actor("council-2", EAST_GATE, Role.COUNCIL);
        DomainException.Conflict e = assertThrows(DomainException.Conflict.class, () -> approve(afterCouncil, anotherCouncil));
        assertEquals(NeedState.PENDING_REVIEW, e.current());
        assertThrows(DomainException.Conflict.class, () -> approve(afterCouncil, council()));
    }

    @Test
    void peopleWithoutAReviewerRoleMayNotReview() {
        for (Actor a : List.of(actor("h", EAST_GATE, Role.HELPER), actor("a", EAST_GATE, Role.ADMIN),
                actor("p", EAST_GATE, Role.POSTER), actor("a2", Fixtures.DANYANG, Role.ADMIN, Role.HELPER))) {
            assertThrows(DomainException.Forbidden.class, () -> approve(pending, a), a.id());
        }
    }

    @Test
    void askingForAReviewerRoleYouDoNotHoldIsForbidden() {
        assertThrows(DomainException.Forbidden.class,
                () -> lifecycle.review(pending, council(), Role.VOLUNTEER, true, null));
    }

    @Test
    void onlyCouncilAndVolunteerAreReviewRoles() {
        Actor adminAndPoster = actor("ap", EAST_GATE, Role.ADMIN, Role.POSTER, Role.COUNCIL);
        DomainException.Invalid e = assertThrows(DomainException.Invalid.class,
                () -> lifecycle.review(pending, adminAndPoster, Role.ADMIN, true, null));
        assertEquals("role", e.errors().get(0).field());
    }

    @Test
    void someoneWithBothReviewerRolesMustSayWhichOne() {
        Actor both = actor("both-1", EAST_GATE, Role.COUNCIL, Role.VOLUNTEER);
        DomainException.Invalid e = assertThrows(DomainException.Invalid.class,
                () -> lifecycle.review(pending, both, null, true, null));
        assertEquals("role", e.errors().get(0).field());
        assertEquals("both-1", lifecycle.review(pending, both, Role.VOLUNTEER, true, null).after().volunteerReviewerId());
    }
}
