package org.bangfu.core;

import static org.bangfu.core.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 2: a confirmation the poster made alone fulfils the need but earns the helper
 * nothing until an area admin confirms the same claim again (a poster and a helper who know each
 * other cannot mint points between them).
 */
class HeldPointsTest {
    private final Scoring scoring = new Scoring(PointsRules.bundled());
    private static final Scoring.ClaimContext CTX = new Scoring.ClaimContext("轮椅", Category.DISABILITY, 1, 800, EAST_GATE);

    private Change delivered() {
        Need n = publishedNeed(1);
        Change claimed = lifecycle().claim(n, helper("h"), 1, "caaaaaaaaaaaa");
        return lifecycle().deliver(claimed.after(), claimed.claim(), helper("h"), "送到了", null);
    }

    @Test
    void thePostersConfirmationAloneHoldsThePointsUntilAnAreaAdminCountersigns() {
        Change d = delivered();
        Change byPoster = lifecycle().confirm(d.after(), d.claim(), poster());
        assertEquals(NeedState.FULFILLED, byPoster.after().state(), "the family's need is still fulfilled and delisted");
        assertTrue(byPoster.claim().pointsHeld());
        assertEquals(List.of(), scoring.claimConfirmed(byPoster.claim(), CTX), "no points on the poster's word alone");
        assertTrue(byPoster.audit().detail().contains("held"), byPoster.audit().detail());

        var again = assertThrows(DomainException.Conflict.class, () -> lifecycle().confirm(byPoster.after(), byPoster.claim(), poster()));
        assertTrue(again.getMessage().contains("管理员"), again.getMessage());
        assertThrows(DomainException.Forbidden.class, () -> lifecycle().confirm(byPoster.after(), byPoster.claim(), helper("stranger")));

        Change countersigned = lifecycle().confirm(byPoster.after(), byPoster.claim(), areaAdmin());
        assertFalse(countersigned.claim().pointsHeld());
        assertEquals(byPoster.after().quantities(), countersigned.after().quantities(), "a countersignature confirms no more units");
        assertNull(countersigned.helper(), "nor does it move the helper's record again");
        assertTrue(countersigned.audit().action().startsWith("countersign:"));
        List<Award> awards = scoring.claimConfirmed(countersigned.claim(), CTX);
        assertFalse(awards.isEmpty(), "now the helper earns");
        assertThrows(DomainException.Conflict.class, () -> lifecycle().confirm(countersigned.after(), countersigned.claim(), areaAdmin()),
                "once only");
    }

    @Test
    void anAdminsConfirmationIsItsOwnCountersignature() {
        Change d = delivered();
        Change byAdmin = lifecycle().confirm(d.after(), d.claim(), areaAdmin());
        assertFalse(byAdmin.claim().pointsHeld());
        assertFalse(scoring.claimConfirmed(byAdmin.claim(), CTX).isEmpty());
    }
}
