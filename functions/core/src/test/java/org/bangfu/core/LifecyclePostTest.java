package org.bangfu.core;

import static org.bangfu.core.Fixtures.EAST_GATE;
import static org.bangfu.core.Fixtures.NOW;
import static org.bangfu.core.Fixtures.actor;
import static org.bangfu.core.Fixtures.draft;
import static org.bangfu.core.Fixtures.fields;
import static org.bangfu.core.Fixtures.lifecycle;
import static org.bangfu.core.Fixtures.poster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecyclePostTest {
    private final Lifecycle lifecycle = lifecycle();

    @Test
    void onlyPostersMayPost() {
        for (Role r : List.of(Role.COUNCIL, Role.VOLUNTEER, Role.HELPER, Role.ADMIN)) {
            Actor notPoster = actor("x", EAST_GATE, r);
            assertThrows(DomainException.Forbidden.class, () -> lifecycle.post(draft().build(), notPoster, "n1"), r.name());
        }
    }

    @Test
    void aPosterMayOnlyPostForAVillageInsideTheirArea() {
        Actor siblingVillagePoster = actor("p2", Fixtures.WEST_GATE, Role.POSTER);
        Actor otherProvincePoster = actor("p3", Fixtures.MIANDU, Role.POSTER);
        Actor posterWithoutArea = actor("p4", null, Role.POSTER);
        for (Actor p : List.of(siblingVillagePoster, otherProvincePoster, posterWithoutArea)) {
            assertThrows(DomainException.Forbidden.class, () -> lifecycle.post(draft().build(), p, "n1"), p.id());
        }
    }

    @Test
    void aTownLevelPosterMayPostForAVillageOfTheTown() {
        Actor townPoster = actor("p5", Fixtures.YUNYANG, Role.POSTER);
        assertEquals(NeedState.PENDING_REVIEW, lifecycle.post(draft().build(), townPoster, "n1").need().state());
    }

    @Test
    void anInvalidDraftIsRejectedWithTheFieldsAtFault() {
        DomainException.Invalid e = assertThrows(DomainException.Invalid.class,
                () -> lifecycle.post(draft().title("米").householdPhone("123").build(), poster(), "n1"));
        assertEquals(List.of("title", "household.phone"), fields(e.errors()));
    }

    @Test
    void theDeadlineRuleUsesTodayInChina() {
        // 2025-06-01T17:00Z is already 2025-06-02 in Shanghai: a deadline of 06-01 has passed there.
        Lifecycle lateEvening = Fixtures.lifecycleAt(Instant.parse("2025-06-01T17:00:00Z"));
        DomainException.Invalid e = assertThrows(DomainException.Invalid.class,
                () -> lateEvening.post(draft().deadline(Fixtures.TODAY).build(), poster(), "n1"));
        assertEquals(List.of("deadline"), fields(e.errors()));
    }

    @Test
    void parserErrorsComeFirstAndTheSameFieldIsNotReportedTwice() {
        List<FieldError> parse = List.of(new FieldError("quantity", "must be a whole number"));
        DomainException.Invalid e = assertThrows(DomainException.Invalid.class,
                () -> lifecycle.post(draft().quantity(null).title("米").build(), parse, poster(), "n1"));
        assertEquals(List.of("quantity", "title"), fields(e.errors()));
        assertEquals("must be a whole number", e.errors().get(0).message());
    }

    @Test
    void aValidPostWaitsForReviewWithAMaskedBeneficiary() {
        Lifecycle.Posting p = lifecycle.post(draft().quantity(3).householdName(" 王小明 ").build(), poster(), "n1");
        Need n = p.need();
        assertEquals("n1", n.id());
        assertEquals(NeedState.PENDING_REVIEW, n.state());
        assertEquals("王**", n.beneficiary());
        assertEquals(Quantities.fresh(3), n.quantities());
        assertEquals(EAST_GATE, n.area());
        assertEquals("poster-1", n.posterId());
        assertEquals(NOW, n.createdAt());
        assertNull(n.publishedAt());
        assertNull(n.councilReviewerId());
        assertNull(n.volunteerReviewerId());
        assertEquals(1, n.version());
        assertEquals(new Contact("李村干", "0511-86543210"), n.contact());
    }

    @Test
    void theNeedItselfCarriesNoPersonalDetailsOfTheHousehold() {
        Lifecycle.Posting p = lifecycle.post(draft().build(), poster(), "n1");
        String asText = p.need().toString();
        assertFalse(asText.contains("王小明"), asText);
        assertFalse(asText.contains(Fixtures.ID_NUMBER), asText);
        assertFalse(asText.contains("13812345678"), asText);
        assertFalse(asText.contains("三组12号"), asText);
        assertEquals("王小明", p.household().name());
        assertEquals(Fixtures.ID_NUMBER, p.household().idNumber());
        assertEquals(p.need().householdId(), p.household().id());
    }

    @Test
    void theHouseholdIdDependsOnlyOnTheIdNumber() {
        Actor otherPoster = actor("poster-2", Fixtures.YUNYANG, Role.POSTER);
        Need a = lifecycle.post(draft().build(), poster(), "n1").need();
        Need b = lifecycle.post(draft().householdName("王晓明").category(Category.EDUCATION).build(), otherPoster, "n2").need();
        Need c = lifecycle.post(draft().householdIdNumber(Fixtures.OTHER_ID_NUMBER).build(), poster(), "n3").need();
        assertEquals(a.householdId(), b.householdId());
        assertNotEquals(a.householdId(), c.householdId());
        assertEquals(Household.idFor(Fixtures.ID_NUMBER), a.householdId());
        assertTrue(a.householdId().startsWith("hh_"));
        assertFalse(a.householdId().contains(Fixtures.ID_NUMBER.substring(6, 14)), "the id does not show the birth date");
    }

    @Test
    void postingWritesAnAuditLine() {
        AuditEntry audit = lifecycle.post(draft().build(), poster(), "n1").audit();
        assertEquals("post", audit.action());
        assertEquals("poster-1", audit.actorId());
        assertNull(audit.from());
        assertEquals(NeedState.PENDING_REVIEW, audit.to());
    }
}
