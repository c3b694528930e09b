package org.bangfu.store;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.bangfu.core.AuditEntry;
import org.bangfu.core.Category;
import org.bangfu.core.Change;
import org.bangfu.core.DomainException;
import org.bangfu.core.Ids;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;
import org.bangfu.core.NeedState;
import org.bangfu.core.PublicNeed;
import org.bangfu.core.Role;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The rules that protect people, tried directly against the data layer (no handler in front):
 * a forged or stale write must fail in DynamoDB itself.
 */
class NeedStoreTest {
    private final StoreFixture f = new StoreFixture();

    @Test
    void aNeedIsInThePublicIndexOnlyWhileItCanBeClaimed() {
        Need n = f.published(Category.DISABILITY, 1);
        assertTrue(listed(n.id()));
        assertTrue(raw(n.id()).containsKey("pubAll"));
        Change claim = f.life.claim(n, f.helper, 1, Ids.claim());
        f.repo.claim(claim);
        assertFalse(listed(n.id()), "fully claimed: out of the index in the same write");
        Map<String, AttributeValue> item = raw(n.id());
        assertFalse(item.containsKey("pubAll") || item.containsKey("pubCat") || item.containsKey("pubSk"));
        assertEquals("CLAIMED", item.get("state").s());
    }

    @Test
    void aStaleDecisionCannotBeWrittenOverANewerState() {
        Need n = f.published(Category.DISABILITY, 1);
        Change first = f.life.claim(n, f.helper, 1, Ids.claim());
        f.repo.claim(first);
        Need claimed = f.repo.need(n.id()).orElseThrow();
        var claim = f.repo.claim(n.id(), first.claim().id()).orElseThrow();
        // A release decided on the claimed need, but written after the helper already delivered:
        f.repo.apply(f.life.deliver(claimed, claim, f.helper, "已送达", null));
        Change staleRelease = f.life.release(claimed, claim, f.helper, null);
        assertThrows(StaleWrite.class, () -> f.repo.apply(staleRelease));
        assertEquals(NeedState.DELIVERED, f.repo.need(n.id()).orElseThrow().state());
        assertFalse(listed(n.id()), "the stale release did not relist it");
    }

    @Test
    void aClaimDecidedOnAStaleReadCannotTakeMoreThanRemains() {
        Need n = f.published(Category.EDUCATION, 5);
        f.repo.claim(f.life.claim(n, f.helper, 4, Ids.claim()));
        // Decided against the old read (5 left), so the domain allows 3; only 1 is really left.
        Change stale = f.life.claim(n, f.helper, 3, Ids.claim());
        assertThrows(StaleWrite.class, () -> f.repo.claim(stale));
        Need now = f.repo.need(n.id()).orElseThrow();
        assertEquals(1, now.quantities().remaining());
        assertEquals(4, now.quantities().active());
        assertEquals(1, f.repo.claimsOn(n.id()).size(), "the failed claim left no claim item behind");
        // And taking "the last one" on a stale read that thought 5 were left cannot zero it out wrongly.
        Change staleLast = f.life.claim(n, f.helper, 5, Ids.claim());
        assertThrows(StaleWrite.class, () -> f.repo.claim(staleLast));
        assertEquals(1, f.repo.need(n.id()).orElseThrow().quantities().remaining());
    }

    @Test
    void aHouseholdCannotHaveTwoOpenNeedsOfOneCategoryUntilTheFirstIsClosed() {
        String id = StoreFixture.idNumber();
        Lifecycle.Posting first = f.life.post(f.draft(Category.MEDICAL, 1, id), f.poster, Ids.need());
        f.repo.create(first);
        Lifecycle.Posting twin = f.life.post(f.draft(Category.MEDICAL, 1, id), f.poster, Ids.need());
        DomainException.Conflict c = assertThrows(DomainException.Conflict.class, () -> f.repo.create(twin));
        assertTrue(c.getMessage().contains("助医"), c.getMessage());
        assertTrue(f.repo.need(twin.need().id()).isEmpty(), "nothing of the twin was written");
        f.repo.create(f.life.post(f.draft(Category.EDUCATION, 1, id), f.poster, Ids.need())); // other window: fine
        f.repo.apply(f.life.review(first.need(), f.council, Role.COUNCIL, false, "信息不实"));
        f.repo.create(f.life.post(f.draft(Category.MEDICAL, 1, id), f.poster, Ids.need()));
    }

    @Test
    void aHouseholdRegisteredInOneVillageCannotBeClaimedByAnotherVillagesPoster() {
        String id = StoreFixture.idNumber();
        f.repo.create(f.life.post(f.draft(Category.MEDICAL, 1, id), f.poster, Ids.need()));
        var otherVillage = new org.bangfu.core.AreaCode("321181001202");
        var otherPoster = new org.bangfu.core.Actor("p2", "赵主任", java.util.Set.of(Role.POSTER), otherVillage);
        var d = f.draft(Category.HOME_IMPROVEMENT, 1, id);
        var moved = new org.bangfu.core.NeedDraft(d.category(), d.title(), d.description(), d.quantity(), d.unit(), d.valueYuan(),
                d.deadline(), otherVillage, "冒名顶替", id, d.householdPhone(), d.householdAddress(), d.contactName(), d.contactPhone());
        Lifecycle.Posting p = f.life.post(moved, otherPoster, Ids.need());
        assertThrows(DomainException.Conflict.class, () -> f.repo.create(p));
        assertEquals("王德福", f.repo.household(p.household().id()).orElseThrow().name(), "household details not overwritten");
    }

    @Test
    void everyStateChangeAppendsAnAuditLineWithWhoAndFromTo() {
        Need n = f.published(Category.INSURANCE, 1);
        Change claim = f.life.claim(n, f.helper, 1, Ids.claim());
        f.repo.claim(claim);
        List<AuditEntry> audit = f.audit.of(n.id());
        assertEquals(List.of("post", "approve:council", "approve:volunteer", "claim:" + claim.claim().id() + ":1"),
                audit.stream().map(AuditEntry::action).toList());
        assertEquals(List.of("poster", "council", "volunteer", "helper"), audit.stream().map(AuditEntry::actorId).toList());
        assertEquals(NeedState.PUBLISHED, audit.get(3).from());
        assertEquals(NeedState.CLAIMED, audit.get(3).to());
    }

    @Test
    void aForgedCursorIsRefused() {
        assertThrows(DomainException.Invalid.class, () -> f.listings.publicNeeds(null, null, null, "bm90LWEtY3Vyc29y", 10, f.life.today()));
        assertThrows(DomainException.Invalid.class, () -> f.listings.publicNeeds(null, null, null, "%%%", 10, f.life.today()));
    }

    private boolean listed(String id) {
        String cursor = null;
        do {
            Page<PublicNeed> p = f.listings.publicNeeds(null, null, null, cursor, 50, f.life.today());
            if (p.items().stream().anyMatch(n -> n.id().equals(id))) return true;
            cursor = p.next();
        } while (cursor != null);
        return false;
    }

    private Map<String, AttributeValue> raw(String id) {
        return f.db.getItem(r -> r.tableName(f.table).key(Map.of("pk", AttributeValue.fromS("NEED#" + id), "sk", AttributeValue.fromS("NEED")))
                .consistentRead(true)).item();
    }
}
