package org.bangfu.core;

import static org.bangfu.core.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, items 1 and 6: claim-and-release churn and the holding clock, decided on the helper's
 * record (the data layer writes a claim only if that record is unchanged: NeedStoreTest).
 */
class ChurnRulesTest {
    private final Actor helper = helper("churner");
    private final PointsRules rules = PointsRules.bundled();

    private static HelperRecord record(int open, int completed, List<Instant> releases, int today) {
        return new HelperRecord(open, completed, 7, releases, TODAY, today);
    }

    @Test
    void noClaimDuringTheCooldownAfterGivingOneBack() {
        Need n = publishedNeed(1);
        HelperRecord once = record(0, 0, List.of(NOW.minus(Duration.ofMinutes(5))), 1);
        assertNotNull(lifecycle().claim(n, helper, 1, "c1", once, null).claim(), "one give-back a day is a change of plans");
        HelperRecord justReleased = record(0, 0, List.of(NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofMinutes(5))), 1);
        var e = assertThrows(DomainException.Conflict.class, () -> lifecycle().claim(n, helper, 1, "c1", justReleased, null));
        assertTrue(e.getMessage().contains("刚取消"), e.getMessage());
        HelperRecord longAgo = record(0, 0, List.of(NOW.minus(Duration.ofHours(2)),
                NOW.minus(Duration.ofMinutes(rules.releaseCooldownMinutes() + 1))), 1);
        assertNotNull(lifecycle().claim(n, helper, 1, "c1", longAgo, null).claim());
    }

    @Test
    void recentOwnReleasesCountAgainstTheOpenClaimCapForAWhile() {
        Need n = publishedNeed(1);
        Instant hourAgo = NOW.minus(Duration.ofHours(1));
        // two open + two given back this week: four against a free cap of three
        HelperRecord churned = record(2, 0, List.of(hourAgo, hourAgo), 2);
        assertThrows(DomainException.Conflict.class, () -> lifecycle().claim(n, helper, 1, "c1", churned, null));
        HelperRecord old = record(2, 0, List.of(NOW.minus(Duration.ofDays(rules.releaseWeighsDays() + 1))), 2);
        Change c = lifecycle().claim(n, helper, 1, "c1", old, null);
        assertEquals(List.of(), c.helper().releases(), "releases older than the window are dropped from the record");
        assertEquals(7, c.helper().expectedVersion(), "the claim is written only on the record it was decided on");
    }

    @Test
    void atMostAHandfulOfHouseholdsADayWithoutDelivering() {
        Need n = publishedNeed(1);
        HelperRecord busy = new HelperRecord(0, 10, 1, List.of(), TODAY, rules.claimsPerDay());
        var e = assertThrows(DomainException.Conflict.class, () -> lifecycle().claim(n, helper, 1, "c1", busy, null));
        assertTrue(e.getMessage().contains("今天"), e.getMessage());
        HelperRecord yesterday = new HelperRecord(0, 10, 1, List.of(), TODAY.minusDays(1), rules.claimsPerDay());
        assertEquals(1, lifecycle().claim(n, helper, 1, "c1", yesterday, null).helper().dayClaims(), "a new day starts at one");
    }

    @Test
    void aDeliveryOfTodaysClaimFreesItsPlaceAndAReleaseTellsTheAdminHowOften() {
        Need n = publishedNeed(2);
        Change claimed = lifecycle().claim(n, helper, 1, "c1", HelperRecord.NEW, null);
        Change delivered = lifecycle().deliver(claimed.after(), claimed.claim(), helper, "送到了", null);
        assertEquals(TODAY, delivered.helper().deliveredClaimDay());
        Change released = lifecycle().release(claimed.after(), claimed.claim(), helper, null,
                record(1, 0, List.of(NOW.minus(Duration.ofDays(1))), 1));
        assertNotNull(released.helper().releasedAt(), "an own release joins the churn history");
        assertTrue(released.audit().detail().contains("第 2 次"), released.audit().detail());
        Change byAdmin = lifecycle().release(claimed.after(), claimed.claim(), areaAdmin(), "核实后取消");
        assertNull(byAdmin.helper().releasedAt(), "an admin's release is not the helper's churn");
    }

    @Test
    void givingANeedBackAndClaimingItAgainNeverRestartsItsClock() {
        Need n = publishedNeed(1);
        Instant firstClaim = NOW.minus(Duration.ofDays(10));
        Change again = lifecycle().claim(n, helper, 1, "c2", HelperRecord.NEW, null, firstClaim);
        assertEquals(TODAY.plusDays(rules.claimDays() - 10), again.claim().dueOn(), "due 14 days after the first claim, not after this one");
        assertThrows(DomainException.Conflict.class,
                () -> lifecycle().claim(n, helper, 1, "c3", HelperRecord.NEW, null, NOW.minus(Duration.ofDays(rules.claimDays() + 1))),
                "held for the whole time already: no more");
        assertEquals(TODAY.plusDays(rules.claimDays()), lifecycle().claim(n, helper("other"), 1, "c4").claim().dueOn(),
                "another helper gets the full time");
    }
}
