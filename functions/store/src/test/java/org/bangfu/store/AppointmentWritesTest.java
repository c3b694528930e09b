package org.bangfu.store;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Grant;
import org.bangfu.core.Ids;
import org.bangfu.core.Person;
import org.bangfu.core.Role;
import org.junit.jupiter.api.Test;

/**
 * A role is written only onto the grant the appointment rules were checked against, on DynamoDB
 * Local: two appointments decided on the same read (a town admin moving a village admin, the county
 * making them a town admin meanwhile) write one, and the other leaves the role and the trail alone.
 */
class AppointmentWritesTest {
    private final StoreFixture f = new StoreFixture();
    private final PeopleStore people = new PeopleStore(f.db, f.table);
    private static final AreaCode TOWN = new AreaCode("321181001000");
    private static final AreaCode VILLAGE = new AreaCode("321181001201");
    private static final AreaCode OTHER_VILLAGE = new AreaCode("321181001202");

    @Test
    void aMoveDecidedOnAGrantChangedMeanwhileWritesNothing() {
        Instant t = Instant.parse("2026-12-01T08:00:00Z");
        Person p = people.getOrCreate("+8613800000077", Ids.person(), "王村长", t);
        assertTrue(people.grant(p, new Grant(Role.ADMIN, VILLAGE, "county", t), "grant-role", null));
        assertFalse(people.grant(p, new Grant(Role.ADMIN, OTHER_VILLAGE, "town", t.plusSeconds(1)), "grant-role", null),
                "decided on no grant, but one is there now");
        Grant seen = people.get(p.id()).orElseThrow().grants().get(Role.ADMIN);
        // The county moves them up; the town's move, decided on the village grant, comes second.
        assertTrue(people.grant(p, new Grant(Role.ADMIN, TOWN, "county", t.plusSeconds(2)), "grant-role", seen));
        assertFalse(people.grant(p, new Grant(Role.ADMIN, OTHER_VILLAGE, "town", t.plusSeconds(3)), "grant-role", seen));
        assertEquals(TOWN, people.get(p.id()).orElseThrow().grants().get(Role.ADMIN).area());
        assertEquals(2, people.changes(TOWN, 50).stream().filter(c -> c.personId().equals(p.id())).count(), "the refused ones left no line");
    }
}
