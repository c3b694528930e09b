package org.bangfu.store;

import static org.bangfu.store.Items.num;
import static org.bangfu.store.Items.s;
import static org.bangfu.store.TableDesign.*;

import java.time.Instant;
import java.time.LocalDate;
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

    /** The household's register entry (as first posted): for the area check and to see what a new posting changes. */
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

    /** The household as posted with this need (reviewed with it); needs posted before copies were kept fall back to the register. */
    public Optional<Household> householdOf(Need need) {
        var copy = t.get(Items.key(householdPk(need.householdId()), "NEED#" + need.id()), false);
        return copy != null ? Optional.of(Items.toHousehold(copy)) : household(need.householdId());
    }

    /** Households as posted with each need, by need id, for a page of needs (register entries for needs from before copies were kept). */
    public Map<String, Household> householdsOf(Collection<Need> needs) {
        Map<String, Household> out = new HashMap<>();
        t.batchGet(needs.stream().map(n -> Items.key(householdPk(n.householdId()), "NEED#" + n.id())).distinct().toList())
                .forEach(i -> out.put(Items.str(i, "needId"), Items.toHousehold(i)));
        List<Need> missing = needs.stream().filter(n -> !out.containsKey(n.id())).toList();
        if (!missing.isEmpty()) {
            Map<String, Household> register = households(missing.stream().map(Need::householdId).toList());
            missing.forEach(n -> {
                if (register.containsKey(n.householdId())) out.put(n.id(), register.get(n.householdId()));
            });
        }
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

    /** A helper's claim record: open, completed, own releases lately, today's claims not yet delivered, and its version. */
    public HelperRecord helperRecord(String helperId) {
        var item = t.get(Items.key(personPk(helperId), "PROFILE"), true);
        if (item == null) return HelperRecord.NEW;
        long version = item.containsKey("recordVersion") ? Long.parseLong(item.get("recordVersion").n()) : 0;
        if (!item.containsKey("openClaims")) return new HelperRecord(0, 0, version, List.of(), null, 0);
        List<Instant> releases = new ArrayList<>();
        if (item.containsKey("releases")) item.get("releases").l().forEach(v -> releases.add(Instant.ofEpochSecond(Long.parseLong(v.n()))));
        return new HelperRecord(Items.i(item, "openClaims"), item.containsKey("completedClaims") ? Items.i(item, "completedClaims") : 0,
                version, releases, item.containsKey("claimDay") ? LocalDate.parse(item.get("claimDay").s()) : null,
                item.containsKey("dayClaims") ? Items.i(item, "dayClaims") : 0);
    }

    // ---- writes ---------------------------------------------------------------------------

    /**
     * A new need, the household as posted with it, and the household's open-need lock for the
     * category, in one transaction: a second open need of the same category for the same household
     * fails here. The household's register entry is written only by its first posting (a later one
     * may not rewrite what other needs' reviewers approved: each need keeps its own reviewed copy).
     */
    public void create(Lifecycle.Posting posting) {
        Need need = posting.need();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(t.put(Items.need(need), "attribute_not_exists(pk)", Map.of()));
        writes.add(t.put(Items.openLock(need), "attribute_not_exists(pk)", Map.of()));
        writes.add(AuditTrail.append(t, posting.audit(), need.area()));
        writes.add(t.put(Items.householdOfNeed(posting.household(), need.id()), "attribute_not_exists(pk)", Map.of()));
        if (posting.registersHousehold()) writes.add(t.put(Items.household(posting.household()), "attribute_not_exists(pk)", Map.of()));
        try {
            t.transact(writes);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (Table.failed(reasons, 1)) {
                throw new DomainException.Conflict("duplicate_household_need", "该家庭已有同类别的未完成需求，请勿重复发布 (this household already has an open "
                        + need.category().label() + " need)", null);
            }
            if (posting.registersHousehold() && Table.failed(reasons, 4)) {
                // Registered by another posting meanwhile: this one becomes a later posting (or is in the wrong area).
                Household registered = household(posting.household().id()).orElse(null);
                if (registered != null && !registered.area().equals(need.area())) {
                    throw new DomainException.Conflict("household_other_area", "该家庭登记在其他村 (this household is registered in another area)", null);
                }
                create(new Lifecycle.Posting(need, posting.household(), posting.audit(), false));
                return;
            }
            throw Table.busyOrStale(e);
        }
    }

    /**
     * A poster's edit or resubmission, in one transaction: the need (only if still at the version
     * read), the need's own copy of the household as now entered (the register entry only if the
     * family has none yet), the open-need lock moved when the household or the category changed
     * (or taken again after a rejection released it), and both reviews cleared so each reviewer
     * records a fresh one.
     */
    public void amend(Lifecycle.Amendment a) {
        Need before = a.before();
        Need after = a.after();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(t.put(Items.need(after), "version = :v", Map.of(":v", num(before.version()))));
        writes.add(t.put(Items.householdOfNeed(a.household(), after.id()), null, Map.of()));
        int register = -1;
        if (a.registersHousehold()) {
            register = writes.size();
            writes.add(t.put(Items.household(a.household()), "attribute_not_exists(pk)", Map.of()));
        }
        boolean sameLock = before.state().isOpen() && before.householdId().equals(after.householdId())
                && before.category() == after.category();
        int lock = -1;
        if (!sameLock) {
            if (before.state().isOpen()) writes.add(deleteOpenLock(before));
            lock = writes.size();
            writes.add(t.put(Items.openLock(after), "attribute_not_exists(pk)", Map.of()));
        }
        for (org.bangfu.core.Role role : List.of(org.bangfu.core.Role.COUNCIL, org.bangfu.core.Role.VOLUNTEER)) {
            writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(t.name)
                    .key(Items.key(needPk(after.id()), "REVIEW#" + role.group())).build()).build());
        }
        writes.add(AuditTrail.append(t, a.audit(), after.area()));
        try {
            t.transact(writes);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (lock >= 0 && Table.failed(reasons, lock)) {
                throw new DomainException.Conflict("duplicate_household_need", "该家庭已有同类别的未完成需求，请勿重复发布 (this household already has an open "
                        + after.category().label() + " need)", before.state());
            }
            // A register entry that appeared meanwhile: re-read and decide again (Retry), as for a posting.
            throw Table.busyOrStale(e);
        }
    }

    private TransactWriteItem deleteOpenLock(Need n) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(t.name)
                .key(Items.key(householdPk(n.householdId()), "OPEN#" + n.category().name()))
                .conditionExpression("attribute_not_exists(pk) OR needId = :id")
                .expressionAttributeValues(Map.of(":id", s(n.id()))).build()).build();
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
        writes.add(AuditTrail.append(t, change.audit(), after.area()));
        // Only the step that confirms units (not an admin's later countersignature) counts the help.
        boolean confirms = change.claim() != null && change.claim().state() == ClaimState.CONFIRMED
                && change.after().quantities().fulfilled() != change.before().quantities().fulfilled();
        if (confirms) writes.addAll(SupplyItems.confirmed(t.name, change));
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
                AuditTrail.append(t, change.audit(), after.area()));
    }

    /**
     * The helper's record moves with the claim in the same transaction. Opening a claim is
     * conditional on the cap and on the record being the one the lifecycle decided on (its version),
     * so no sequence of requests can get past the caps, the cooldown or the daily limit.
     */
    private TransactWriteItem helperUpdate(HelperDelta d, String helperName) {
        Update.Builder u = Update.builder().tableName(t.name).key(Items.key(personPk(d.helperId()), "PROFILE"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", num(1)));
        if (d.openDelta() > 0) {
            List<AttributeValue> kept = d.releases().stream().map(r -> num(r.getEpochSecond())).toList();
            values.putAll(Map.of(":d", num(d.openDelta()), ":zero", num(0), ":name", s(helperName), ":free", num(d.freeOpen()),
                    ":max", num(d.maxOpen()), ":rel", AttributeValue.fromL(kept), ":day", s(d.claimDay().toString()),
                    ":dc", num(d.dayClaims()), ":v", num(d.expectedVersion())));
            u.updateExpression("SET completedClaims = if_not_exists(completedClaims, :zero), displayName = if_not_exists(displayName, :name),"
                            + " releases = :rel, claimDay = :day, dayClaims = :dc ADD openClaims :d, recordVersion :one")
                    .conditionExpression("(attribute_not_exists(openClaims) OR openClaims < :free OR (openClaims < :max AND completedClaims >= openClaims))"
                            + " AND (" + (d.expectedVersion() == 0 ? "attribute_not_exists(recordVersion) OR " : "") + "recordVersion = :v)");
        } else if (d.releasedAt() != null) {
            values.putAll(Map.of(":d", num(d.openDelta()), ":now", AttributeValue.fromL(List.of(num(d.releasedAt().getEpochSecond()))),
                    ":empty", AttributeValue.fromL(List.of())));
            u.updateExpression("SET releases = list_append(if_not_exists(releases, :empty), :now) ADD openClaims :d, recordVersion :one");
        } else if (d.deliveredClaimDay() != null) {
            values.put(":minus", num(-1));
            u.updateExpression("ADD dayClaims :minus, recordVersion :one");
        } else {
            values.putAll(Map.of(":d", num(d.openDelta()), ":c", num(d.completedDelta())));
            u.updateExpression("ADD openClaims :d, completedClaims :c, recordVersion :one");
        }
        u.expressionAttributeValues(values);
        return TransactWriteItem.builder().update(u.build()).build();
    }
}
