package org.bangfu.store;

import static org.bangfu.store.Items.num;
import static org.bangfu.store.Items.s;
import static org.bangfu.store.TableDesign.*;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.core.ClaimState;
import org.bangfu.core.Change;
import org.bangfu.core.Claim;
import org.bangfu.core.DomainException;
import org.bangfu.core.HelperDelta;
import org.bangfu.core.HelperRecord;
import org.bangfu.core.Household;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;
import org.bangfu.core.NeedState;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A need and what hangs off it (claims, reviews, the household and its open-need locks, the
 * helper's claim record): read by key, and written only by transactions whose conditions restate
 * the rule they rely on, so a stale or forged request can never move a need into a state the
 * domain did not allow: the version guard for ordinary steps, "still published with at least
 * this much left" for claims, "no open need of this category" for posts. Every write carries its
 * audit line ({@link AuditTrail#item}).
 */
public final class NeedStore {
    private final Table t;

    public NeedStore(DynamoDbClient db, String table) {
        this.t = new Table(db, table);
    }

    // ---- reads ----------------------------------------------------------------------------

    public Optional<Need> need(String id) {
        return Optional.ofNullable(t.get(Items.key(needPk(id), "NEED"), true)).map(Items::toNeed);
    }

    public Optional<Claim> claim(String needId, String claimId) {
        return Optional.ofNullable(t.get(Items.key(needPk(needId), "CLAIM#" + claimId), true)).map(Items::toClaim);
    }

    public Optional<Household> household(String householdId) {
        return Optional.ofNullable(t.get(Items.key(householdPk(householdId), "HH"), false)).map(Items::toHousehold);
    }

    /** Households by id (missing ones are left out). */
    public Map<String, Household> households(Collection<String> ids) {
        Map<String, Household> out = new HashMap<>();
        t.batchGet(ids.stream().distinct().map(id -> Items.key(householdPk(id), "HH")).toList())
                .forEach(i -> out.put(Items.str(i, "id"), Items.toHousehold(i)));
        return out;
    }

    /** Needs by id (missing ones are left out). */
    public Map<String, Need> needs(Collection<String> ids) {
        Map<String, Need> out = new HashMap<>();
        t.batchGet(ids.stream().distinct().map(id -> Items.key(needPk(id), "NEED")).toList())
                .forEach(i -> out.put(Items.str(i, "id"), Items.toNeed(i)));
        return out;
    }

    public List<Claim> claimsOn(String needId) {
        return t.queryAll(QueryRequest.builder()
                .keyConditionExpression("pk = :pk AND begins_with(sk, :c)")
                .expressionAttributeValues(Map.of(":pk", s(needPk(needId)), ":c", s("CLAIM#")))
                .consistentRead(true).build(), Items::toClaim);
    }

    /** A helper's claim record: how many open, how many completed. */
    public HelperRecord helperRecord(String helperId) {
        var item = t.get(Items.key(personPk(helperId), "PROFILE"), true);
        if (item == null || !item.containsKey("openClaims")) return HelperRecord.NEW;
        return new HelperRecord(Items.i(item, "openClaims"), item.containsKey("completedClaims") ? Items.i(item, "completedClaims") : 0);
    }

    // ---- writes ---------------------------------------------------------------------------

    /**
     * A new need, its household and the household's open-need lock for the category, in one
     * transaction: a second open need of the same category for the same household fails here.
     */
    public void create(Lifecycle.Posting posting) {
        Need need = posting.need();
        List<TransactWriteItem> writes = List.of(
                t.put(Items.need(need), "attribute_not_exists(pk)", Map.of()),
                t.put(Items.household(posting.household()), "attribute_not_exists(pk) OR areaCode = :area",
                        Map.of(":area", s(need.area().code()))),
                t.put(Items.openLock(need), "attribute_not_exists(pk)", Map.of()),
                t.put(AuditTrail.item(posting.audit(), need.area()), null, Map.of()));
        try {
            t.transact(writes);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (Table.failed(reasons, 2)) {
                throw new DomainException.Conflict("该家庭已有同类别的未完成需求，请勿重复发布 (this household already has an open "
                        + need.category().label() + " need)", null);
            }
            if (Table.failed(reasons, 1)) {
                throw new DomainException.Conflict("该家庭登记在其他村 (this household is registered in another area)", null);
            }
            throw Table.busyOrStale(e);
        }
    }

    /** An ordinary lifecycle step: written only if the need is still at the version it was read at. */
    public void apply(Change change) {
        Need before = change.before();
        Need after = change.after();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(t.put(Items.need(after), "version = :v", Map.of(":v", num(before.version()))));
        if (change.claim() != null) writes.add(t.put(Items.claim(change.claim(), after), null, Map.of()));
        if (change.review() != null) writes.add(t.put(Items.review(change.review(), after), "attribute_not_exists(pk)", Map.of()));
        if (change.helper() != null) writes.add(helperUpdate(change.helper(), change.claim().helperName()));
        if (before.state().isOpen() && !after.state().isOpen()) {
            writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(t.name)
                    .key(Items.key(householdPk(after.householdId()), "OPEN#" + after.category().name()))
                    .conditionExpression("attribute_not_exists(pk) OR needId = :id")
                    .expressionAttributeValues(Map.of(":id", s(after.id()))).build()).build());
        }
        writes.add(t.put(AuditTrail.item(change.audit(), after.area()), null, Map.of()));
        if (change.claim() != null && change.claim().state() == ClaimState.CONFIRMED) writes.addAll(SupplyItems.confirmed(t.name, change));
        if (change.claim() != null && change.claim().state() == ClaimState.RELEASED) writes.addAll(SupplyItems.released(t.name, change));
        try {
            t.transact(writes);
        } catch (TransactionCanceledException e) {
            throw Table.busyOrStale(e);
        }
    }

    /**
     * A claim. Not version-guarded, so that many helpers claiming parts of one need don't keep
     * invalidating each other: the condition is the rule itself. Taking the last of a need
     * requires exactly that much to remain, and takes it off the public indexes in the same
     * write; taking part requires strictly more to remain. Either way remaining never goes below zero.
     */
    public void claim(Change change) {
        claim(change, List.of());
    }

    /** A claim that must also meet {@code alsoRequired} (e.g. the organisation it is made for is verified), in the same write. */
    public void claim(Change change, List<TransactWriteItem> alsoRequired) {
        List<TransactWriteItem> writes = new ArrayList<>(claimWrites(change));
        writes.addAll(alsoRequired);
        try {
            t.transact(writes);
        } catch (TransactionCanceledException e) {
            // Includes the helper's cap: the retry re-reads their record and the lifecycle says why.
            throw Table.busyOrStale(e);
        } catch (TransactionConflictException e) {
            throw new StaleWrite("concurrent transaction");
        }
    }

    /** The writes of a claim, for composing it with others (an offer's capacity) into one transaction. */
    List<TransactWriteItem> claimWrites(Change change) {
        Need after = change.after();
        int q = change.claim().quantity();
        boolean last = after.quantities().remaining() == 0;
        Map<String, String> names = Map.of("#state", "state", "#version", "version");
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":published", s(NeedState.PUBLISHED.name()),
                ":q", num(q), ":one", num(1), ":now", s(after.updatedAt().toString())));
        String condition;
        String update;
        if (last) {
            condition = "#state = :published AND qRemaining = :q";
            update = "SET qRemaining = qRemaining - :q, qActive = qActive + :q, #state = :next, #version = #version + :one, updatedAt = :now"
                    + " REMOVE " + PUB_ALL + ", " + PUB_CAT + ", " + PUB_SK;
            values.put(":next", s(after.state().name()));
        } else {
            condition = "#state = :published AND qRemaining > :q";
            update = "SET qRemaining = qRemaining - :q, qActive = qActive + :q, #version = #version + :one, updatedAt = :now";
        }
        return List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(t.name)
                        .key(Items.key(needPk(after.id()), "NEED"))
                        .conditionExpression(condition).updateExpression(update)
                        .expressionAttributeNames(names).expressionAttributeValues(values).build()).build(),
                t.put(Items.claim(change.claim(), after), "attribute_not_exists(pk)", Map.of()),
                helperUpdate(change.helper(), change.claim().helperName()),
                t.put(AuditTrail.item(change.audit(), after.area()), null, Map.of()));
    }

    /**
     * The helper's record moves with the claim in the same transaction. Opening a claim is
     * conditional on the cap, so no sequence of requests can hold more open claims than the rules allow.
     */
    private TransactWriteItem helperUpdate(HelperDelta d, String helperName) {
        Update.Builder u = Update.builder().tableName(t.name).key(Items.key(personPk(d.helperId()), "PROFILE"));
        if (d.openDelta() > 0) {
            u.updateExpression("SET completedClaims = if_not_exists(completedClaims, :zero), displayName = if_not_exists(displayName, :name) ADD openClaims :d")
                    .conditionExpression("attribute_not_exists(openClaims) OR openClaims < :free OR (openClaims < :max AND completedClaims >= openClaims)")
                    .expressionAttributeValues(Map.of(":zero", num(0), ":name", s(helperName), ":d", num(d.openDelta()),
                            ":free", num(d.freeOpen()), ":max", num(d.maxOpen())));
        } else {
            u.updateExpression("ADD openClaims :d, completedClaims :c")
                    .expressionAttributeValues(Map.of(":d", num(d.openDelta()), ":c", num(d.completedDelta())));
        }
        return TransactWriteItem.builder().update(u.build()).build();
    }
}
