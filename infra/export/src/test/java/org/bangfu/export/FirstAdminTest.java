package org.bangfu.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Person;
import org.bangfu.core.Role;
import org.bangfu.local.dynamodb.DynamoDbLocal;
import org.bangfu.local.dynamodb.LocalTable;
import org.bangfu.store.Dynamo;
import org.bangfu.store.PeopleStore;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The ops command makes a pilot's first admin, findable by phone, listed in its area, with an audit line. */
class FirstAdminTest {
    @Test
    void makesTheFirstAdminWithAnAuditLine() {
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        DynamoDbClient db = Dynamo.build(DynamoDbLocal.shared().endpoint());
        String table = LocalTable.createFresh(db, "firstadmin");
        PeopleStore people = new PeopleStore(db, table);
        AreaCode county = new AreaCode("321181000000");
        Person p = FirstAdmin.appoint(people, "+8613800000001", "丹阳市民政局", county, "ops:test", Instant.now());
        assertEquals(county, p.grants().get(Role.ADMIN).area());
        assertEquals(p.id(), people.byPhone("+8613800000001").orElseThrow().id());
        assertEquals(1, people.holders(county, Role.ADMIN, 10).size());
        var changes = people.changes(county, 10);
        assertEquals(1, changes.size());
        assertTrue(changes.get(0).actorId().equals("ops:test") && changes.get(0).action().equals("grant-role"));
    }
}
