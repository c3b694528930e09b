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
    void aRejectionEarnsOncePerHouseholdAndOncePerPoster() {
        Review first = new Review("n1", Role.COUNCIL, "council-1", "王", false, "信息不实", NOW);
        Review second = new Review("n2", Role.COUNCIL, "council-1", "王", false, "信息不实", Instant.parse("2025-06-02T02:00:00Z"));
        List<EarnsOnce> a = scoring.reviewOnce(first, "hh_1", "poster-1");
        List<EarnsOnce> sameFamily = scoring.reviewOnce(second, "hh_1", "poster-2");
        List<EarnsOnce> samePoster = scoring.reviewOnce(second, "hh_2", "poster-1");
        assertEquals(a.get(0), sameFamily.get(0), "one earns-once key per reviewer and household");
        assertEquals(a.get(1), samePoster.get(1), "and per reviewer and poster");
        assertNotEquals(a, scoring.reviewOnce(second, "hh_2", "poster-2"), "another family of another poster earns");
        assertNotEquals(a.get(1).key(), scoring.reviewOnce(new Review("n2", Role.COUNCIL, "council-2", "李", false, "信息不实", NOW), "hh_1", "poster-1")
                .get(1).key(), "per reviewer");
        assertTrue(scoring.reviewOnce(new Review("n3", Role.COUNCIL, "council-1", "王", true, null, NOW), "hh_1", "poster-1").isEmpty(),
                "approvals are not limited this way");
        assertEquals(1, scoring.reviewRecorded(second, EAST_GATE, "y").size());
    }
}
