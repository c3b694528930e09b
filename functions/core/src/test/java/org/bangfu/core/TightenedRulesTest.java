package org.bangfu.core;

import static org.bangfu.core.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Rules tightened after review: invisible characters, impossible birth dates, stale approvals, foreign claims. */
class TightenedRulesTest {

    @Test
    void oneLineFieldsRejectLineBreaksButTheDescriptionMayHaveThemInEitherStyle() {
        assertEquals(java.util.List.of("title"), fields(draft().title("助听\n器一副").build().problems(TODAY, AreaRegistry.bundled())));
        assertEquals(java.util.List.of("household.address"),
                fields(draft().householdAddress("东门村\r\n三组12号").build().problems(TODAY, AreaRegistry.bundled())));
        assertTrue(draft().description("老人听力下降，\r\n需要一副助听器，\n便于日常交流。").build().problems(TODAY, AreaRegistry.bundled()).isEmpty());
    }

    @Test
    void textDirectionOverridesAndDeleteAreRefusedEverywhere() {
        assertEquals(java.util.List.of("household.name"),
                fields(draft().householdName("王\u202E明小").build().problems(TODAY, AreaRegistry.bundled())));
        assertEquals(java.util.List.of("description"),
                fields(draft().description("老人听力下降，需要一副助听器\u2066。").build().problems(TODAY, AreaRegistry.bundled())));
        assertEquals(java.util.List.of("title"), fields(draft().title("助听器\u007F一副").build().problems(TODAY, AreaRegistry.bundled())));
    }

    @Test
    void anIdNumberBornInTheFutureOrBefore1900OrInRegionZeroIsRefused() {
        assertNotNull(ChineseIdNumber.problem(ChineseIdNumber.withCheck("32118120990101001")));
        assertNotNull(ChineseIdNumber.problem(ChineseIdNumber.withCheck("32118118990101001")));
        assertNotNull(ChineseIdNumber.problem(ChineseIdNumber.withCheck("00000019700101001")));
        assertNull(ChineseIdNumber.problem(ChineseIdNumber.withCheck("32118119700101001")));
    }

    @Test
    void aNeedWhoseDeadlinePassedWhileWaitingCannotBeApprovedOnlyRejected() {
        Need pending = pendingNeed(1);
        Lifecycle later = lifecycleAt(Instant.parse("2025-08-01T02:00:00Z"));
        DomainException.Conflict c = assertThrows(DomainException.Conflict.class,
                () -> later.review(pending, council(), null, true, null));
        assertEquals(NeedState.PENDING_REVIEW, c.current());
        assertEquals(NeedState.REJECTED, later.review(pending, council(), null, false, "已过截止日期").after().state());
    }

    @Test
    void aClaimOnAnotherNeedCannotBeDeliveredConfirmedOrReleasedThroughThisOne() {
        Lifecycle l = lifecycle();
        Need mine = publishedNeed(2);
        Claim foreign = Claim.open("c-other", "n-other", helper("h1"), 1, NOW, TODAY.plusDays(14));
        assertThrows(DomainException.NotFound.class, () -> l.deliver(mine, foreign, helper("h1"), "已送达", null));
        assertThrows(DomainException.NotFound.class, () -> l.release(mine, foreign, helper("h1"), null));
        assertThrows(DomainException.NotFound.class, () -> l.confirm(mine, foreign.delivered("x", null, NOW), areaAdmin()));
    }
}
