package org.bangfu.store;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Ids;
import org.bangfu.core.MemberRole;
import org.bangfu.core.Organisation;
import org.bangfu.core.OrganisationDraft;
import org.bangfu.core.OrganisationKind;
import org.bangfu.core.Role;
import org.bangfu.core.Supply;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Who manages an organisation, on DynamoDB Local, as the writes restate it: decisions made on reads
 * that a racing hand-over, removal or addition has made stale are refused by the write, so there is
 * always exactly one manager; a member item from before roles were kept counts as the manager's when
 * it is the registrant's, in the writes as in the reads.
 */
class OrganisationManagerTest {
    private final StoreFixture f = new StoreFixture();
    private final SupplyRepository store = new SupplyRepository(f.db, f.table, f.repo);
    private final Supply supply = new Supply(f.life);
    private final Actor owner = new Actor("owner-" + Ids.person(), "周经理", Set.of(Role.HELPER), null);
    /** Members are added by id here (no phone lookup). */
    private static final java.util.function.Function<String, java.util.Optional<String>> byPhone = p -> java.util.Optional.empty();

    @Test
    void twoHandOversDecidedOnTheSameReadsLeaveOneManager() {
        Organisation o = registered();
        add(o, "a");
        add(o, "b");
        Supply.Membership me = store.membership(o, owner.id()).orElseThrow();
        // Both decided before either is written, as two racing requests would.
        Supply.HandOver toA = supply.handOver(owner, me, "a", store.membership(o, "a").orElseThrow());
        Supply.HandOver toB = supply.handOver(owner, me, "b", store.membership(o, "b").orElseThrow());
        store.handOver(toA, o);
        assertThrows(StaleWrite.class, () -> store.handOver(toB, o), "the loser's reads are stale");
        assertEquals(List.of("a"), managers(o));
        assertEquals(MemberRole.MEMBER, store.membership(o, owner.id()).orElseThrow().role());
        assertEquals(3, store.members(o).size());
        assertEquals(List.of("add-member", "add-member", "hand-over"), auditActions(o), "the failed hand-over left no line");
    }

    @Test
    void aDecisionOfTheFormerManagerOrAboutTheNewOneIsRefused() {
        Organisation o = registered();
        add(o, "a");
        add(o, "b");
        Supply.Membership me = store.membership(o, owner.id()).orElseThrow();
        Supply.Membership a = store.membership(o, "a").orElseThrow();
        Supply.Removal removeA = supply.removeMember(owner, me, "a", a);
        Supply.Membership addC = supply.addMember(o, owner, me, null, "c", "小陈", byPhone);
        Supply.Removal removeB = supply.removeMember(owner, me, "b", store.membership(o, "b").orElseThrow());
        store.handOver(supply.handOver(owner, me, "a", a), o);
        assertThrows(StaleWrite.class, () -> store.removeMember(removeA, o), "a is the manager now");
        assertThrows(StaleWrite.class, () -> store.addMember(addC, o), "the owner no longer manages");
        assertThrows(StaleWrite.class, () -> store.removeMember(removeB, o), "nor takes members off");
        assertEquals(List.of("a"), managers(o));
        assertEquals(3, store.members(o).size());
        // Decided afresh, the former manager is a member who may leave, and the new one manages.
        Supply.Membership formerManager = store.membership(o, owner.id()).orElseThrow();
        store.removeMember(supply.removeMember(owner, formerManager, owner.id(), formerManager), o);
        assertTrue(store.membership(o, owner.id()).isEmpty(), "the registrant, no longer manager, left");
        Actor newManager = new Actor("a", "小A", Set.of(Role.HELPER), null);
        store.addMember(supply.addMember(o, newManager, store.membership(o, "a").orElseThrow(), null, "c", "小陈", byPhone), o);
        assertEquals(List.of("a"), managers(o));
    }

    /** The target left (or was taken off) between the read and the write: no manager is written back into being. */
    @Test
    void aHandOverToAMemberWhoLeftMeanwhileIsRefused() {
        Organisation o = registered();
        add(o, "a");
        Supply.Membership me = store.membership(o, owner.id()).orElseThrow();
        Supply.Membership a = store.membership(o, "a").orElseThrow();
        Supply.HandOver toA = supply.handOver(owner, me, "a", a);
        store.removeMember(supply.removeMember(new Actor("a", "小A", Set.of(Role.HELPER), null), a, "a", a), o);
        assertThrows(StaleWrite.class, () -> store.handOver(toA, o));
        assertTrue(store.membership(o, "a").isEmpty(), "no member item made by the update");
        assertEquals(List.of(owner.id()), managers(o));
    }

    /** A registrant's member item written before roles were kept (no role attribute) is the manager's, in every write. */
    @Test
    void theRegistrantsItemFromBeforeRolesIsTheManagersUntilAHandOver() {
        Organisation o = registered();
        add(o, "a");
        withoutRole(o, owner.id());
        withoutRole(o, "a");
        Supply.Membership me = store.membership(o, owner.id()).orElseThrow();
        Supply.Membership a = store.membership(o, "a").orElseThrow();
        assertEquals(MemberRole.MANAGER, me.role());
        assertEquals(MemberRole.MEMBER, a.role());
        // Decisions a wrongly-read membership would allow are refused by the write all the same.
        Supply.Membership misread = new Supply.Membership(o.id(), owner.id(), me.personName(), me.addedBy(), me.at(), MemberRole.MEMBER);
        assertThrows(StaleWrite.class, () -> store.removeMember(supply.removeMember(owner, misread, owner.id(), misread), o),
                "the registrant's old item cannot be deleted as a plain member's");
        Actor aActor = new Actor("a", "小A", Set.of(Role.HELPER), null);
        Supply.Membership aAsManager = new Supply.Membership(o.id(), "a", a.personName(), a.addedBy(), a.at(), MemberRole.MANAGER);
        assertThrows(StaleWrite.class, () -> store.addMember(supply.addMember(o, aActor, aAsManager, null, "c", "小陈", byPhone), o),
                "a's old item is a plain member's");
        store.addMember(supply.addMember(o, owner, me, null, "c", "小陈", byPhone), o);
        store.handOver(supply.handOver(owner, me, "a", a), o);
        assertEquals(List.of("a"), managers(o));
        assertEquals(MemberRole.MEMBER, store.membership(o, owner.id()).orElseThrow().role(), "the hand-over wrote the registrant's role");
    }

    private Organisation registered() {
        Supply.Registration r = supply.register(new OrganisationDraft("丹阳安居维修公司", OrganisationKind.COMPANY, new AreaCode("321181000000"),
                "周经理", "13900002222", null), List.of(), owner, Ids.organisation());
        store.register(r);
        return r.organisation();
    }

    private void add(Organisation o, String personId) {
        store.addMember(new Supply.Membership(o.id(), personId, "成员" + personId, owner.id(), f.life.now(), MemberRole.MEMBER), o);
    }

    private List<String> managers(Organisation o) {
        return store.members(o).stream().filter(Supply.Membership::manages).map(Supply.Membership::personId).toList();
    }

    /** Rewrites a member item as it was before roles were kept. */
    private void withoutRole(Organisation o, String personId) {
        var key = Items.key(SupplyItems.orgPk(o.id()), "MEMBER#" + personId);
        Map<String, AttributeValue> item = new HashMap<>(f.db.getItem(r -> r.tableName(f.table).key(key).consistentRead(true)).item());
        item.remove("role");
        f.db.putItem(r -> r.tableName(f.table).item(item));
    }

    /** The actions of the organisation's audit lines (all in AUDIT#ORG#<id>), in alphabetical order. */
    private List<String> auditActions(Organisation o) {
        return f.db.scanPaginator(r -> r.tableName(f.table).filterExpression("#t = :audit AND needId = :id")
                        .expressionAttributeNames(Map.of("#t", "type"))
                        .expressionAttributeValues(Map.of(":audit", AttributeValue.fromS("Audit"), ":id", AttributeValue.fromS(o.id()))))
                .items().stream().peek(m -> assertEquals("AUDIT#ORG#" + o.id(), m.get("pk").s(), "the organisation's own audit partition"))
                .map(m -> m.get("action").s()).sorted().toList();
    }
}
