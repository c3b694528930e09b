package org.bangfu.core;

import static org.bangfu.core.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 11, item 2: points for helping with a need never grow by cutting it into more claims; rejections don't farm points. */
class PointsSplitTest {
    private final Scoring scoring = new Scoring(PointsRules.bundled());
    private static final Scoring.ClaimContext BAGS = new Scoring.ClaimContext("书包", Category.EDUCATION, 20, 2000, EAST_GATE);

    private int points(int quantity, int through) {
        Claim c = Claim.open("c-" + through, "n1", helper("h"), quantity, NOW, TODAY.plusDays(14)).delivered("送到", null, NOW)
                .confirmed("admin-1", NOW.plusSeconds(3600));
        var ctx = new Scoring.ClaimContext(BAGS.title(), BAGS.category(), BAGS.total(), BAGS.valueYuan(), BAGS.area(), through);
        return scoring.claimConfirmed(c, ctx).stream().mapToInt(Award::points).sum();
    }

    @Test
    void twentyClaimsOfOneEarnNoMoreThanOneClaimOfTwenty() {
        int whole = points(20, 20);
        int split = 0;
        for (int i = 1; i <= 20; i++) split += points(1, i);
        assertEquals(whole, split, "the parts add up to the whole, never more");
        int uneven = points(7, 7) + points(13, 20);
        assertEquals(whole, uneven);
        assertTrue(whole <= PointsRules.bundled().needMaxPoints(), "and the whole is capped per need");
    }

    @Test
    void rejectingTheSameFamilyAgainEarnsNothingMore() {
        Review first = new Review("n1", Role.COUNCIL, "council-1", "王", false, "信息不实", NOW);
        Review second = new Review("n2", Role.COUNCIL, "council-1", "王", false, "信息不实", Instant.parse("2025-06-02T02:00:00Z"));
        List<Award> a = scoring.reviewRecorded(first, EAST_GATE, "x", "hh_1");
        List<Award> b = scoring.reviewRecorded(second, EAST_GATE, "y", "hh_1");
        assertEquals(a.get(0).key(), b.get(0).key(), "one award key per reviewer and household: the ledger counts it once");
        Review approve = new Review("n3", Role.COUNCIL, "council-1", "王", true, null, NOW);
        assertNotEquals(a.get(0).key(), scoring.reviewRecorded(approve, EAST_GATE, "z", "hh_1").get(0).key());
    }
}
