package org.bangfu.store;

import static org.bangfu.store.Items.num;
import static org.bangfu.store.Items.s;
import static org.bangfu.store.TableDesign.*;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.bangfu.core.AreaCode;
import org.bangfu.core.AuditEntry;
import org.bangfu.core.Category;
import org.bangfu.core.Change;
import org.bangfu.core.Claim;
import org.bangfu.core.DomainException;
import org.bangfu.core.HelperDelta;
import org.bangfu.core.HelperRecord;
import org.bangfu.core.Household;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;
import org.bangfu.core.NeedState;
import org.bangfu.core.PublicNeed;
import org.bangfu.core.Role;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Needs and everything hanging off them, in one table. Every write is a transaction whose
 * conditions restate the rule it relies on, so a stale or forged request can never move a need
 * into a state the domain did not allow: the version guard for ordinary steps, "still published
 * with at least this much left" for claims, "no open need of this category" for posts.
 */
public final class NeedRepository {
    private static final Pattern PUBLIC_CURSOR = Pattern.compile("\\d{12}#\\d{4}-\\d{2}-\\d{2}#n[a-z0-9]{12}");
    private static final Pattern QUEUE_CURSOR = Pattern.compile("\\d{12}#[0-9T:.\\-Z]{20,30}#n[a-z0-9]{12}");
    private static final Pattern DONE_CURSOR = Pattern.compile("[0-9T:.\\-Z]{20,30}#n[a-z0-9]{12}");
    private static final Pattern CONFIRM_CURSOR = Pattern.compile("\\d{12}#[0-9T:.\\-Z]{20,30}#n[a-z0-9]{12}#c[a-z0-9]{12}");
    private static final int MAX_PAGE = 50;

    private final DynamoDbClient db;
    private final String table;

    public NeedRepository(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    public DynamoDbClient client() {
        return db;
    }

    public String table() {
        return table;
    }

    // ---- reads ----------------------------------------------------------------------------

    public Optional<Need> need(String id) {
        var item = db.getItem(r -> r.tableName(table).key(Items.key(needPk(id), "NEED")).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Items.toNeed(item));
    }

    public Optional<Claim> claim(String needId, String claimId) {
        var item = db.getItem(r -> r.tableName(table).key(Items.key(needPk(needId), "CLAIM#" + claimId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Items.toClaim(item));
    }

    public Optional<Household> household(String householdId) {
        var item = db.getItem(r -> r.tableName(table).key(Items.key(householdPk(householdId), "HH"))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Items.toHousehold(item));
    }

    /** Households by id, for a page of the review queue. */
    public Map<String, Household> households(Collection<String> ids) {
        Map<String, Household> out = new HashMap<>();
        batchGet(ids.stream().distinct().map(id -> Items.key(householdPk(id), "HH")).toList())
                .forEach(i -> out.put(Items.str(i, "id"), Items.toHousehold(i)));
        return out;
    }

    /** Needs by id (missing ones are left out). */
    public Map<String, Need> needs(Collection<String> ids) {
        Map<String, Need> out = new HashMap<>();
        batchGet(ids.stream().distinct().map(id -> Items.key(needPk(id), "NEED")).toList())
                .forEach(i -> out.put(Items.str(i, "id"), Items.toNeed(i)));
        return out;
    }

    private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += 100) {
            Map<String, KeysAndAttributes> request = Map.of(table,
                    KeysAndAttributes.builder().keys(keys.subList(from, Math.min(keys.size(), from + 100))).build());
            while (!request.isEmpty()) {
                final Map<String, KeysAndAttributes> req = request;
                BatchGetItemResponse response = db.batchGetItem(r -> r.requestItems(req));
                out.addAll(response.responses().getOrDefault(table, List.of()));
                request = response.unprocessedKeys();
            }
        }
        return out;
    }

    public List<Claim> claimsOn(String needId) {
        return queryAll(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :c)")
                .expressionAttributeValues(Map.of(":pk", s(needPk(needId)), ":c", s("CLAIM#")))
                .consistentRead(true).build(), Items::toClaim);
    }

    public List<AuditEntry> audit(String needId) {
        return queryAll(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :a)")
                .expressionAttributeValues(Map.of(":pk", s(needPk(needId)), ":a", s("AUDIT#")))
                .build(), Items::toAudit);
    }

    /** The needs a person posted, newest first. */
    public List<Need> postedBy(String userId, int limit) {
        return ownItems(userId, "NEED#", limit, Items::toNeed);
    }

    /** The claims a person holds or held, newest first. */
    public List<ClaimSummary> claimsBy(String userId, int limit) {
        return ownItems(userId, "CLAIM#", limit,
                m -> new ClaimSummary(Items.toClaim(m), Items.str(m, "needTitle"), Category.valueOf(Items.str(m, "needCategory")),
                        new AreaCode(Items.str(m, "areaCode"))));
    }

    public record ClaimSummary(Claim claim, String needTitle, Category category, AreaCode area) {
    }

    private <T> List<T> ownItems(String userId, String prefix, int limit, Function<Map<String, AttributeValue>, T> map) {
        QueryResponse r = db.query(q -> q.tableName(table).indexName(INDEX_BY_OWNER)
                .keyConditionExpression("ownerPk = :o AND begins_with(ownerSk, :p)")
                .expressionAttributeValues(Map.of(":o", s("USER#" + userId), ":p", s(prefix)))
                .scanIndexForward(false).limit(limit));
        return r.items().stream().map(map).toList();
    }

    /** The public listing: only what the sparse public indexes hold, i.e. needs that can still be claimed. */
    public Page<PublicNeed> listPublic(Category category, AreaCode area, String text, String cursor, int limit, LocalDate today) {
        Map<String, AttributeValue> values = new HashMap<>();
        String pkName = category == null ? PUB_ALL : PUB_CAT;
        values.put(":pk", s(category == null ? "PUBLIC" : category.name()));
        String keyCondition = pkName + " = :pk";
        if (area != null) {
            keyCondition += " AND begins_with(pubSk, :area)";
            values.put(":area", s(area.prefix()));
        }
        String filter = "deadline >= :today";
        values.put(":today", s(today.toString()));
        if (text != null) {
            filter += " AND (contains(title, :t) OR contains(description, :t))";
            values.put(":t", s(text));
        }
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String sk = decodeCursor(cursor, PUBLIC_CURSOR, area == null ? "" : area.prefix());
            String id = sk.substring(sk.lastIndexOf('#') + 1);
            start = new HashMap<>(Map.of(PK, s(needPk(id)), SK, s("NEED"), PUB_SK, s(sk), pkName, values.get(":pk")));
        }
        QueryRequest base = QueryRequest.builder().tableName(table)
                .indexName(category == null ? INDEX_PUBLIC_BY_AREA : INDEX_PUBLIC_BY_CATEGORY)
                .keyConditionExpression(keyCondition).filterExpression(filter).expressionAttributeValues(values).build();
        return filteredPage(base, start, limit, PUB_SK, m -> new PublicNeed(Items.str(m, "id"),
                Category.valueOf(Items.str(m, "category")), Items.str(m, "title"), Items.str(m, "description"),
                Items.str(m, "unit"), m.containsKey("valueYuan") ? Items.i(m, "valueYuan") : null,
                LocalDate.parse(Items.str(m, "deadline")), new AreaCode(Items.str(m, "areaCode")),
                Items.str(m, "beneficiary"), NeedState.valueOf(Items.str(m, "state")), Items.i(m, "qTotal"),
                Items.i(m, "qRemaining"), Items.str(m, "publishedAt") == null ? null : java.time.Instant.parse(Items.str(m, "publishedAt"))));
    }

    /**
     * Needs waiting for review in an area, leaving out those this reviewer may not review: their
     * own posts, ones already reviewed in their role, ones whose other review they gave.
     * {@code role} null (an admin) shows everything pending.
     */
    public Page<Need> reviewQueue(AreaCode area, Role role, String reviewerId, String cursor, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s("PENDING#" + area.province()));
        values.put(":area", s(area.prefix()));
        String filter = null;
        if (role != null) {
            String mine = role == Role.COUNCIL ? "councilReviewerId" : "volunteerReviewerId";
            String other = role == Role.COUNCIL ? "volunteerReviewerId" : "councilReviewerId";
            filter = "posterId <> :me AND attribute_not_exists(" + mine + ") AND (attribute_not_exists(" + other + ") OR " + other + " <> :me)";
            values.put(":me", s(reviewerId));
        }
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String sk = decodeCursor(cursor, QUEUE_CURSOR, area.prefix());
            String id = sk.substring(sk.lastIndexOf('#') + 1);
            start = new HashMap<>(Map.of(PK, s(needPk(id)), SK, s("NEED"), QUEUE_SK, s(sk), QUEUE_PK, values.get(":pk")));
        }
        QueryRequest base = QueryRequest.builder().tableName(table).indexName(INDEX_REVIEW_QUEUE)
                .keyConditionExpression("queuePk = :pk AND begins_with(queueSk, :area)")
                .filterExpression(filter).expressionAttributeValues(values).build();
        return filteredPage(base, start, limit, QUEUE_SK, Items::toNeed);
    }

    /**
     * Fulfilled needs, most recently fulfilled first: the public feed. Only what the sparse
     * {@code fulfilled} index projects (nothing personal). An area narrows it with a filter, so a
     * small area may take a few reads per page.
     */
    public Page<Fulfilled> fulfilled(AreaCode area, String cursor, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s(NeedState.FULFILLED.name()));
        String filter = null;
        if (area != null) {
            filter = "begins_with(areaCode, :area)";
            values.put(":area", s(area.prefix()));
        }
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String sk = decodeCursor(cursor, DONE_CURSOR, "");
            String id = sk.substring(sk.lastIndexOf('#') + 1);
            start = new HashMap<>(Map.of(PK, s(needPk(id)), SK, s("NEED"), DONE_SK, s(sk), DONE_ALL, values.get(":pk")));
        }
        QueryRequest base = QueryRequest.builder().tableName(table).indexName(INDEX_FULFILLED)
                .keyConditionExpression(DONE_ALL + " = :pk").filterExpression(filter).expressionAttributeValues(values)
                .scanIndexForward(false).build();
        return filteredPage(base, start, limit, DONE_SK, m -> new Fulfilled(Items.str(m, "id"),
                Category.valueOf(Items.str(m, "category")), Items.str(m, "title"), Items.i(m, "qTotal"), Items.str(m, "unit"),
                new AreaCode(Items.str(m, "areaCode")), Items.str(m, "beneficiary"),
                java.time.Instant.parse(Items.str(m, "publishedAt")), java.time.Instant.parse(Items.str(m, "updatedAt"))));
    }

    /** A fulfilled need as the public feed shows it. */
    public record Fulfilled(String id, Category category, String title, int quantity, String unit, AreaCode area,
                            String beneficiary, java.time.Instant publishedAt, java.time.Instant fulfilledAt) {
    }

    /**
     * Delivered claims in an area (and below) waiting for confirmation, oldest delivery first within
     * each village, leaving out the viewer's own claims (nobody confirms their own help).
     */
    public Page<ClaimSummary> awaitingConfirmation(AreaCode area, String viewerId, String cursor, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s("DELIVERED#" + area.province()));
        values.put(":area", s(area.prefix()));
        values.put(":me", s(viewerId));
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String sk = decodeCursor(cursor, CONFIRM_CURSOR, area.prefix());
            String[] parts = sk.split("#");
            String needId = parts[2];
            String claimId = parts[3];
            start = new HashMap<>(Map.of(PK, s(needPk(needId)), SK, s("CLAIM#" + claimId), CONFIRM_SK, s(sk),
                    CONFIRM_PK, values.get(":pk")));
        }
        QueryRequest base = QueryRequest.builder().tableName(table).indexName(INDEX_CONFIRM_QUEUE)
                .keyConditionExpression(CONFIRM_PK + " = :pk AND begins_with(" + CONFIRM_SK + ", :area)")
                .filterExpression("helperId <> :me").expressionAttributeValues(values).build();
        return filteredPage(base, start, limit, CONFIRM_SK,
                m -> new ClaimSummary(Items.toClaim(m), Items.str(m, "needTitle"), Category.valueOf(Items.str(m, "needCategory")),
                        new AreaCode(Items.str(m, "areaCode"))));
    }

    /**
     * Reads until the page is full or the index is exhausted. Each round evaluates at most what is
     * still missing, so the cursor is exactly "after the last item evaluated": nothing is skipped.
     */
    private <T> Page<T> filteredPage(QueryRequest base, Map<String, AttributeValue> start, int limit, String sortKeyName,
                                     Function<Map<String, AttributeValue>, T> map) {
        int want = Math.max(1, Math.min(limit, MAX_PAGE));
        List<T> items = new ArrayList<>();
        Map<String, AttributeValue> next = start;
        for (int round = 0; round < 20 && items.size() < want; round++) {
            final Map<String, AttributeValue> from = next;
            QueryResponse r;
            try {
                r = db.query(base.toBuilder().limit(want - items.size()).exclusiveStartKey(from).build());
            } catch (software.amazon.awssdk.services.dynamodb.model.DynamoDbException e) {
                // A start key DynamoDB won't take (e.g. from another listing) is the client's cursor at fault.
                if (from == start && start != null && e.statusCode() == 400) {
                    throw new DomainException.Invalid("cursor", "无效的分页游标 (not a cursor this listing gave out)");
                }
                throw e;
            }
            r.items().forEach(i -> items.add(map.apply(i)));
            next = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            if (next == null) break;
        }
        return new Page<>(items, next == null ? null : encodeCursor(next.get(sortKeyName).s()));
    }

    private static String encodeCursor(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor is only good for the listing that gave it out: right shape, and inside the listing's area. */
    private static String decodeCursor(String cursor, Pattern shape, String areaPrefix) {
        try {
            String sk = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (shape.matcher(sk).matches() && sk.startsWith(areaPrefix)) return sk;
        } catch (IllegalArgumentException ignored) {
            // fall through
        }
        throw new DomainException.Invalid("cursor", "无效的分页游标 (not a cursor this listing gave out)");
    }

    private <T> List<T> queryAll(QueryRequest request, Function<Map<String, AttributeValue>, T> map) {
        List<T> out = new ArrayList<>();
        db.queryPaginator(request).items().forEach(i -> out.add(map.apply(i)));
        return out;
    }

    // ---- writes ---------------------------------------------------------------------------

    /**
     * A new need, its household and the household's open-need lock for the category, in one
     * transaction: a second open need of the same category for the same household fails here.
     */
    public void create(Lifecycle.Posting posting) {
        Need need = posting.need();
        List<TransactWriteItem> writes = List.of(
                put(Items.need(need), "attribute_not_exists(pk)", Map.of()),
                put(Items.household(posting.household()), "attribute_not_exists(pk) OR areaCode = :area",
                        Map.of(":area", s(need.area().code()))),
                put(Items.openLock(need), "attribute_not_exists(pk)", Map.of()),
                put(Items.audit(posting.audit(), need.area(), suffix()), null, Map.of()));
        try {
            db.transactWriteItems(r -> r.transactItems(writes));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (failed(reasons, 2)) {
                throw new DomainException.Conflict("该家庭已有同类别的未完成需求，请勿重复发布 (this household already has an open "
                        + need.category().label() + " need)", null);
            }
            if (failed(reasons, 1)) {
                throw new DomainException.Conflict("该家庭登记在其他村 (this household is registered in another area)", null);
            }
            throw busyOrStale(e);
        }
    }

    /** An ordinary lifecycle step: written only if the need is still at the version it was read at. */
    public void apply(Change change) {
        Need before = change.before();
        Need after = change.after();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(put(Items.need(after), "version = :v", Map.of(":v", num(before.version()))));
        if (change.claim() != null) writes.add(put(Items.claim(change.claim(), after), null, Map.of()));
        if (change.review() != null) writes.add(put(Items.review(change.review(), after), "attribute_not_exists(pk)", Map.of()));
        if (change.helper() != null) writes.add(helperUpdate(change.helper(), change.claim().helperName()));
        if (before.state().isOpen() && !after.state().isOpen()) {
            writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(Items.key(householdPk(after.householdId()), "OPEN#" + after.category().name()))
                    .conditionExpression("attribute_not_exists(pk) OR needId = :id")
                    .expressionAttributeValues(Map.of(":id", s(after.id()))).build()).build());
        }
        writes.add(put(Items.audit(change.audit(), after.area(), suffix()), null, Map.of()));
        if (change.claim() != null && change.claim().state() == org.bangfu.core.ClaimState.CONFIRMED) writes.addAll(SupplyItems.confirmed(table, change));
        if (change.claim() != null && change.claim().state() == org.bangfu.core.ClaimState.RELEASED) writes.addAll(SupplyItems.released(table, change));
        try {
            db.transactWriteItems(r -> r.transactItems(writes));
        } catch (TransactionCanceledException e) {
            throw busyOrStale(e);
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
            db.transactWriteItems(r -> r.transactItems(writes));
        } catch (TransactionCanceledException e) {
            // Includes the helper's cap: the retry re-reads their record and the lifecycle says why.
            throw busyOrStale(e);
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
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(Items.key(needPk(after.id()), "NEED"))
                        .conditionExpression(condition).updateExpression(update)
                        .expressionAttributeNames(names).expressionAttributeValues(values).build()).build(),
                put(Items.claim(change.claim(), after), "attribute_not_exists(pk)", Map.of()),
                helperUpdate(change.helper(), change.claim().helperName()),
                put(Items.audit(change.audit(), after.area(), suffix()), null, Map.of()));
    }

    /**
     * Who saw which household's contact details, where: one audit line per need shown. Written
     * before the details are returned, so no view goes unrecorded.
     */
    public void recordContactViews(List<Need> needs, String viewerId, String where, java.time.Instant at) {
        List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> writes = new ArrayList<>();
        for (Need n : needs) {
            AuditEntry e = new AuditEntry(n.id(), at, viewerId, "view-contact", n.state(), n.state(), where);
            writes.add(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                    .putRequest(r -> r.item(Items.audit(e, n.area(), suffix()))).build());
        }
        for (int from = 0; from < writes.size(); from += 25) {
            Map<String, List<software.amazon.awssdk.services.dynamodb.model.WriteRequest>> batch =
                    Map.of(table, writes.subList(from, Math.min(writes.size(), from + 25)));
            for (int attempt = 0; !batch.isEmpty(); attempt++) {
                if (attempt > 8) throw new StoreBusy("could not record contact views", null);
                final var b = batch;
                batch = db.batchWriteItem(r -> r.requestItems(b)).unprocessedItems();
            }
        }
    }

    public record AuditLine(AuditEntry entry, String areaCode) {
    }

    /** An area's audit trail for one month, newest first: every county in {@code counties}, filtered to {@code area}. */
    public List<AuditLine> auditTrail(List<AreaCode> counties, AreaCode area, java.time.YearMonth month, int limit) {
        List<AuditLine> out = new ArrayList<>();
        for (AreaCode county : counties) {
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", s("AUDIT#" + county.code().substring(0, 6) + "#" + month),
                    ":a", s(area.prefix())));
            QueryRequest q = QueryRequest.builder().tableName(table).indexName(INDEX_AUDIT_BY_AREA)
                    .keyConditionExpression("auditPk = :p").filterExpression("begins_with(areaCode, :a)")
                    .expressionAttributeValues(values).scanIndexForward(false).build();
            for (var item : db.queryPaginator(q).items()) {
                out.add(new AuditLine(Items.toAudit(item), Items.auditArea(item)));
                if (out.size() >= limit * counties.size()) break;
            }
        }
        out.sort(java.util.Comparator.comparing((AuditLine l) -> l.entry().at()).reversed());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /**
     * A report of a need by the public: at most one per reporter (a hash of where it came from) per
     * need, and only while the need is public and open. It puts the need in its area's review queue.
     * @return false when this reporter had already reported it (nothing changes)
     */
    public boolean report(Need need, String reporterKey, String reason, java.time.Instant at) {
        Map<String, AttributeValue> report = new HashMap<>(Map.of(PK, s(needPk(need.id())), SK, s("REPORT#" + reporterKey),
                "type", s("Report"), "needId", s(need.id()), "reason", s(reason), "at", s(at.toString())));
        AuditEntry audit = new AuditEntry(need.id(), at, "public", "report", need.state(), need.state(), reason);
        List<TransactWriteItem> writes = List.of(
                put(report, "attribute_not_exists(pk)", Map.of()),
                TransactWriteItem.builder().update(Update.builder().tableName(table).key(Items.key(needPk(need.id()), "NEED"))
                        .updateExpression("ADD openReports :one, #version :one SET queuePk = :q, queueSk = :qs, updatedAt = :now")
                        .conditionExpression("#state IN (:p, :c, :d)")
                        .expressionAttributeNames(Map.of("#version", "version", "#state", "state"))
                        .expressionAttributeValues(Map.of(":one", num(1), ":q", s(Items.reportedQueue(need.area())),
                                ":qs", s(need.area().code() + "#" + need.createdAt() + "#" + need.id()), ":now", s(at.toString()),
                                ":p", s("PUBLISHED"), ":c", s("CLAIMED"), ":d", s("DELIVERED")))
                        .build()).build(),
                put(Items.audit(audit, need.area(), suffix()), null, Map.of()));
        try {
            db.transactWriteItems(r -> r.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            if (failed(e.cancellationReasons(), 0)) return false;
            if (failed(e.cancellationReasons(), 1)) throw new DomainException.Conflict("该需求已结束，无需举报 (the need is closed)", null);
            throw busyOrStale(e);
        }
    }

    public record ReportLine(String reason, String at) {
    }

    /** The public's reports of a need, newest first. */
    public List<ReportLine> reports(String needId, int limit) {
        List<ReportLine> out = new ArrayList<>(queryAll(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :r)")
                .expressionAttributeValues(Map.of(":pk", s(needPk(needId)), ":r", s("REPORT#"))).build(),
                m -> new ReportLine(Items.str(m, "reason"), Items.str(m, "at"))));
        out.sort(java.util.Comparator.comparing(ReportLine::at).reversed());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /** Reported needs of an area waiting for a reviewer. */
    public List<Need> reported(AreaCode area, int limit) {
        return db.query(q -> q.tableName(table).indexName(INDEX_REVIEW_QUEUE)
                .keyConditionExpression("queuePk = :pk AND begins_with(queueSk, :area)")
                .expressionAttributeValues(Map.of(":pk", s(Items.reportedQueue(area)), ":area", s(area.prefix())))
                .limit(limit)).items().stream().map(Items::toNeed).toList();
    }

    /** A helper's claim record: how many open, how many completed. */
    public HelperRecord helperRecord(String helperId) {
        var item = db.getItem(r -> r.tableName(table).key(Items.key(personPk(helperId), "PROFILE")).consistentRead(true)).item();
        if (item == null || item.isEmpty() || !item.containsKey("openClaims")) return HelperRecord.NEW;
        return new HelperRecord(Items.i(item, "openClaims"), item.containsKey("completedClaims") ? Items.i(item, "completedClaims") : 0);
    }

    /**
     * The helper's record moves with the claim in the same transaction. Opening a claim is
     * conditional on the cap, so no sequence of requests can hold more open claims than the rules allow.
     */
    private TransactWriteItem helperUpdate(HelperDelta d, String helperName) {
        Update.Builder u = Update.builder().tableName(table).key(Items.key(personPk(d.helperId()), "PROFILE"));
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

    /** Active claims due before {@code today}: the ones to release automatically. */
    public List<Claim> overdueClaims(LocalDate today, int limit) {
        QueryResponse r = db.query(q -> q.tableName(table).indexName(INDEX_DUE)
                .keyConditionExpression("duePk = :p AND dueSk < :t")
                .expressionAttributeValues(Map.of(":p", s("CLAIM-DUE"), ":t", s(today.toString()))).limit(limit));
        return r.items().stream().map(Items::toClaim).toList();
    }

    /** Published needs nobody claimed, with deadlines before {@code today}: the ones to expire. */
    public List<String> expirableNeedIds(LocalDate today, int limit) {
        QueryResponse r = db.query(q -> q.tableName(table).indexName(INDEX_DUE)
                .keyConditionExpression("duePk = :p AND dueSk < :t")
                .expressionAttributeValues(Map.of(":p", s("NEED-DUE"), ":t", s(today.toString()))).limit(limit));
        return r.items().stream().map(i -> Items.str(i, "id")).toList();
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        Put.Builder p = Put.builder().tableName(table).item(item);
        if (condition != null) {
            p.conditionExpression(condition);
            if (!values.isEmpty()) p.expressionAttributeValues(values);
        }
        return TransactWriteItem.builder().put(p.build()).build();
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons != null && reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    /** A failed condition or a conflicting transaction both mean: re-read and decide again. */
    static RuntimeException busyOrStale(TransactionCanceledException e) {
        if (e.cancellationReasons() != null) {
            for (CancellationReason r : e.cancellationReasons()) {
                String code = r.code();
                if ("ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code)) return new StaleWrite(code);
                if ("ThrottlingError".equals(code) || "ProvisionedThroughputExceeded".equals(code)) {
                    return new StoreBusy("DynamoDB is throttling, try again", e);
                }
            }
        }
        return e;
    }

    private static String suffix() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffffffL, 36);
    }
}
