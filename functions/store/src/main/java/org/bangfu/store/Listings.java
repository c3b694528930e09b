package org.bangfu.store;

import static org.bangfu.store.Items.s;
import static org.bangfu.store.TableDesign.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Category;
import org.bangfu.core.Claim;
import org.bangfu.core.Need;
import org.bangfu.core.NeedState;
import org.bangfu.core.PublicNeed;
import org.bangfu.core.Role;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Everything read through an index: the public listing, the review and confirmation queues, the
 * fulfilled feed, a person's own needs and claims, and what is due. Each listing reads only what
 * its sparse index holds, so an item is in a listing exactly while its index keys say so
 * ({@link Items#indexKeys}). Paged listings hand out a {@link Cursor}.
 */
public final class Listings {
    private static final int MAX_PAGE = 50;

    private final Table t;

    public Listings(DynamoDbClient db, String table) {
        this.t = new Table(db, table);
    }

    /** A claim with the facts of its need that the claim item carries (denormalised, so "my claims" reads without a join). */
    /** {@code unit} is null for claims written before it was denormalised. */
    public record ClaimSummary(Claim claim, String needTitle, String unit, Category category, AreaCode area) {
    }

    /** A fulfilled need as the public feed shows it. */
    public record Fulfilled(String id, Category category, String title, int quantity, String unit, AreaCode area,
                            String beneficiary, Instant publishedAt, Instant fulfilledAt) {
    }

    /** Where a need sorts in the public listing (ascending): to tell whether it belongs on a page. */
    public static String listingOrder(PublicNeed n) {
        return Items.publicSortKey(n.area(), n.deadline(), n.id());
    }

    /**
     * The public listing: only what the sparse public indexes hold, i.e. claimable needs
     * ({@link org.bangfu.core.Need#isClaimable}), less those whose deadline has passed and that the
     * scheduled expiry has not reached yet.
     */
    public Page<PublicNeed> publicNeeds(Category category, AreaCode area, String text, String cursor, int limit, LocalDate today) {
        Map<String, AttributeValue> values = new HashMap<>();
        String pkName = category == null ? PUB_ALL : PUB_CAT;
        values.put(":pk", s(category == null ? "PUBLIC" : category.name()));
        String keyCondition = pkName + " = :pk";
        if (area != null) {
            keyCondition += " AND begins_with(" + PUB_SK + ", :area)";
            values.put(":area", s(area.prefix()));
        }
        String filter = "deadline >= :today";
        values.put(":today", s(today.toString()));
        if (text != null) {
            filter += " AND (contains(title, :t) OR contains(description, :t))";
            values.put(":t", s(text));
        }
        Cursor start = Cursor.read(cursor, Cursor.Listing.PUBLIC, area == null ? "" : area.prefix());
        QueryRequest base = QueryRequest.builder()
                .indexName(category == null ? INDEX_PUBLIC_BY_AREA : INDEX_PUBLIC_BY_CATEGORY)
                .keyConditionExpression(keyCondition).filterExpression(filter).expressionAttributeValues(values).build();
        return page(base, Cursor.Listing.PUBLIC, start == null ? null : start.startKey(pkName, values.get(":pk")), limit,
                m -> new PublicNeed(Items.str(m, "id"),
                        Category.valueOf(Items.str(m, "category")), Items.str(m, "title"), Items.str(m, "description"),
                        Items.str(m, "unit"), m.containsKey("valueYuan") ? Items.i(m, "valueYuan") : null,
                        LocalDate.parse(Items.str(m, "deadline")), new AreaCode(Items.str(m, "areaCode")),
                        Items.str(m, "beneficiary"), NeedState.valueOf(Items.str(m, "state")), Items.i(m, "qTotal"),
                        Items.i(m, "qRemaining"), Items.str(m, "publishedAt") == null ? null : Instant.parse(Items.str(m, "publishedAt"))));
    }

    /**
     * Needs waiting for review in an area, leaving out those this reviewer may not review: their
     * own posts, ones already reviewed in their role, ones whose other review they gave.
     * {@code role} null (an admin) shows everything pending.
     */
    public Page<Need> reviewQueue(AreaCode area, Role role, String reviewerId, String cursor, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s(Items.pendingQueue(area)));
        values.put(":area", s(area.prefix()));
        String filter = null;
        if (role != null) {
            String mine = role == Role.COUNCIL ? "councilReviewerId" : "volunteerReviewerId";
            String other = role == Role.COUNCIL ? "volunteerReviewerId" : "councilReviewerId";
            filter = "posterId <> :me AND attribute_not_exists(" + mine + ") AND (attribute_not_exists(" + other + ") OR " + other + " <> :me)";
            values.put(":me", s(reviewerId));
        }
        Cursor start = Cursor.read(cursor, Cursor.Listing.REVIEW_QUEUE, area.prefix());
        QueryRequest base = QueryRequest.builder().indexName(INDEX_REVIEW_QUEUE)
                .keyConditionExpression(QUEUE_PK + " = :pk AND begins_with(" + QUEUE_SK + ", :area)")
                .filterExpression(filter).expressionAttributeValues(values).build();
        return page(base, Cursor.Listing.REVIEW_QUEUE, start == null ? null : start.startKey(QUEUE_PK, values.get(":pk")), limit,
                Items::toNeed);
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
        Cursor start = Cursor.read(cursor, Cursor.Listing.FULFILLED, "");
        QueryRequest base = QueryRequest.builder().indexName(INDEX_FULFILLED)
                .keyConditionExpression(DONE_ALL + " = :pk").filterExpression(filter).expressionAttributeValues(values)
                .scanIndexForward(false).build();
        return page(base, Cursor.Listing.FULFILLED, start == null ? null : start.startKey(DONE_ALL, values.get(":pk")), limit,
                m -> new Fulfilled(Items.str(m, "id"),
                        Category.valueOf(Items.str(m, "category")), Items.str(m, "title"), Items.i(m, "qTotal"), Items.str(m, "unit"),
                        new AreaCode(Items.str(m, "areaCode")), Items.str(m, "beneficiary"),
                        Instant.parse(Items.str(m, "publishedAt")), Instant.parse(Items.str(m, "updatedAt"))));
    }

    /**
     * Delivered claims in an area (and below) waiting for confirmation, oldest delivery first within
     * each village, leaving out the viewer's own claims (nobody confirms their own help).
     */
    public Page<ClaimSummary> awaitingConfirmation(AreaCode area, String viewerId, String cursor, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s(Items.confirmQueue(area)));
        values.put(":area", s(area.prefix()));
        values.put(":me", s(viewerId));
        Cursor start = Cursor.read(cursor, Cursor.Listing.CONFIRM_QUEUE, area.prefix());
        QueryRequest base = QueryRequest.builder().indexName(INDEX_CONFIRM_QUEUE)
                .keyConditionExpression(CONFIRM_PK + " = :pk AND begins_with(" + CONFIRM_SK + ", :area)")
                .filterExpression("helperId <> :me").expressionAttributeValues(values).build();
        return page(base, Cursor.Listing.CONFIRM_QUEUE, start == null ? null : start.startKey(CONFIRM_PK, values.get(":pk")), limit,
                Listings::claimSummary);
    }

    /** The needs a person posted, newest first. */
    public List<Need> postedBy(String userId, int limit) {
        return own(userId, "NEED#", limit, Items::toNeed);
    }

    /** The claims a person holds or held, newest first. */
    public List<ClaimSummary> claimsBy(String userId, int limit) {
        return own(userId, "CLAIM#", limit, Listings::claimSummary);
    }

    /** Active claims due before {@code today}: the ones to release automatically. */
    public List<Claim> overdueClaims(LocalDate today, int limit) {
        return due("CLAIM-DUE", today, limit, Items::toClaim);
    }

    /** Active claims due from {@code from} to {@code to}, both included: the ones to remind. */
    public List<ClaimSummary> claimsDue(LocalDate from, LocalDate to, int limit) {
        QueryResponse r = t.db.query(q -> q.tableName(t.name).indexName(INDEX_DUE)
                .keyConditionExpression(DUE_PK + " = :p AND " + DUE_SK + " BETWEEN :a AND :b")
                .expressionAttributeValues(Map.of(":p", s("CLAIM-DUE"), ":a", s(from.toString()), ":b", s(to + "#~"))).limit(limit));
        return r.items().stream().map(Listings::claimSummary).toList();
    }

    /** Published needs nobody claimed, with deadlines before {@code today}: the ones to expire. */
    public List<String> expirableNeedIds(LocalDate today, int limit) {
        return due("NEED-DUE", today, limit, i -> Items.str(i, "id"));
    }

    private static ClaimSummary claimSummary(Map<String, AttributeValue> m) {
        return new ClaimSummary(Items.toClaim(m), Items.str(m, "needTitle"), Items.str(m, "needUnit"), Category.valueOf(Items.str(m, "needCategory")),
                new AreaCode(Items.str(m, "areaCode")));
    }

    private <T> List<T> own(String userId, String prefix, int limit, Function<Map<String, AttributeValue>, T> map) {
        QueryResponse r = t.db.query(q -> q.tableName(t.name).indexName(INDEX_BY_OWNER)
                .keyConditionExpression(OWNER_PK + " = :o AND begins_with(" + OWNER_SK + ", :p)")
                .expressionAttributeValues(Map.of(":o", s(Items.owner(userId)), ":p", s(prefix)))
                .scanIndexForward(false).limit(limit));
        return r.items().stream().map(map).toList();
    }

    private <T> List<T> due(String what, LocalDate today, int limit, Function<Map<String, AttributeValue>, T> map) {
        QueryResponse r = t.db.query(q -> q.tableName(t.name).indexName(INDEX_DUE)
                .keyConditionExpression(DUE_PK + " = :p AND " + DUE_SK + " < :t")
                .expressionAttributeValues(Map.of(":p", s(what), ":t", s(today.toString()))).limit(limit));
        return r.items().stream().map(map).toList();
    }

    /**
     * Reads until the page is full or the index is exhausted. Each round evaluates at most what is
     * still missing, so the cursor is exactly "after the last item evaluated": nothing is skipped.
     * One item more than asked for is read: only if it exists is there a next page (no "load more" onto nothing).
     */
    private <T> Page<T> page(QueryRequest base, Cursor.Listing listing, Map<String, AttributeValue> start, int limit,
                             Function<Map<String, AttributeValue>, T> map) {
        int want = Math.max(1, Math.min(limit, MAX_PAGE));
        List<Map<String, AttributeValue>> raw = new ArrayList<>();
        Map<String, AttributeValue> next = start;
        for (int round = 0; round < 20 && raw.size() <= want; round++) {
            final Map<String, AttributeValue> from = next;
            QueryResponse r;
            try {
                r = t.db.query(base.toBuilder().tableName(t.name).limit(want + 1 - raw.size()).exclusiveStartKey(from).build());
            } catch (DynamoDbException e) {
                // A start key DynamoDB won't take (e.g. from another listing) is the client's cursor at fault.
                if (from == start && start != null && e.statusCode() == 400) throw Cursor.invalid();
                throw e;
            }
            raw.addAll(r.items());
            next = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            if (next == null) break;
        }
        String cursor;
        if (raw.size() > want) {
            raw = raw.subList(0, want);
            cursor = Cursor.after(listing, raw.get(want - 1));
        } else {
            cursor = Cursor.after(listing, next);
        }
        return new Page<>(raw.stream().map(map).toList(), cursor);
    }
}
