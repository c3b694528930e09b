package org.bangfu.core;

import static org.bangfu.core.Fixtures.EAST_GATE;
import static org.bangfu.core.Fixtures.actor;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PrivacyTest {
    private final Need need = Fixtures.publishedNeed(3);

    @Test
    void thePublicSeesNoHouseholdDetails() {
        assertFalse(Privacy.maySeeHousehold(null, need, false));
        assertFalse(Privacy.maySeeHousehold(null, need, true));
    }

    @Test
    void aHelperWithoutAClaimSeesNoHouseholdDetails() {
        assertFalse(Privacy.maySeeHousehold(Fixtures.helper("h1"), need, false));
        assertFalse(Privacy.maySeeHousehold(actor("h2", EAST_GATE, Role.HELPER), need, false),
                "living in the village is not enough");
    }

    @Test
    void aHelperWithAnOpenClaimSeesTheHousehold() {
        assertTrue(Privacy.maySeeHousehold(Fixtures.helper("h1"), need, true));
    }

    @Test
    void anOpenClaimCountsOnlyForHelpers() {
        assertFalse(Privacy.maySeeHousehold(actor("x", null, Role.POSTER), need, true));
    }

    @Test
    void thePosterSeesTheHousehold() {
        assertTrue(Privacy.maySeeHousehold(Fixtures.poster(), need, false));
    }

    @Test
    void anotherPosterOfTheSameVillageDoesNot() {
        assertFalse(Privacy.maySeeHousehold(actor("poster-2", EAST_GATE, Role.POSTER), need, false));
    }

    @Test
    void reviewersAndAdminsOfTheAreaSeeTheHousehold() {
        for (Actor a : List.of(Fixtures.council(), Fixtures.volunteer(), actor("a", EAST_GATE, Role.ADMIN),
                actor("v-town", Fixtures.YUNYANG, Role.VOLUNTEER), Fixtures.areaAdmin(),
                actor("c-prov", new AreaCode("320000000000"), Role.COUNCIL))) {
            assertTrue(Privacy.maySeeHousehold(a, need, false), a.id());
        }
    }

    @Test
    void reviewersAndAdminsOfOtherAreasDoNot() {
        for (Actor a : List.of(actor("c-w", Fixtures.WEST_GATE, Role.COUNCIL), actor("v-w", Fixtures.WEST_GATE, Role.VOLUNTEER),
                actor("a-w", Fixtures.WEST_GATE, Role.ADMIN), actor("v-hn", Fixtures.MIANDU, Role.VOLUNTEER),
                actor("a-town2", new AreaCode("321181102000"), Role.ADMIN), actor("v-none", null, Role.VOLUNTEER))) {
            assertFalse(Privacy.maySeeHousehold(a, need, false), a.id());
        }
    }

    @Test
    void theReviewQueueIsForReviewersAndAdminsOfTheArea() {
        assertTrue(Privacy.mayReview(Fixtures.council(), EAST_GATE));
        assertTrue(Privacy.mayReview(Fixtures.areaAdmin(), EAST_GATE));
        assertFalse(Privacy.mayReview(Fixtures.council(), Fixtures.WEST_GATE));
        assertFalse(Privacy.mayReview(Fixtures.poster(), EAST_GATE));
        assertFalse(Privacy.mayReview(Fixtures.helper("h"), EAST_GATE));
    }

    @Test
    void thePublicViewOfANeedHasNoHouseholdOrContactFields() {
        Set<String> components = Arrays.stream(PublicNeed.class.getRecordComponents())
                .map(c -> c.getName()).collect(Collectors.toSet());
        for (String secret : List.of("householdId", "contact", "posterId", "posterName", "councilReviewerId",
                "volunteerReviewerId")) {
            assertFalse(components.contains(secret), secret);
        }
        PublicNeed p = PublicNeed.of(need);
        assertTrue(p.beneficiary().endsWith("**"));
        assertFalse(p.toString().contains("李村干"));
        assertFalse(p.toString().contains("0511-86543210"));
    }
}
