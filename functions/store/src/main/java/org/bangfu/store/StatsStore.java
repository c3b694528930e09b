package org.bangfu.store;

import static org.bangfu.store.Items.num;
import static org.bangfu.store.Items.s;
import static org.bangfu.store.TableDesign.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Category;
import org.bangfu.core.Milestones;
import org.bangfu.core.Milestones.Milestone;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The public counters behind the transparency page, counted exactly once. A milestone is written
 * in one transaction: its marker (NEED#id / MILESTONE#kind) on condition that it is new, together
 * with an ADD to every counter it counts towards (overall and its areas, each in total and per
 * window). Seeing the same milestone again fails the condition and changes nothing; a crash before
 * the transaction leaves nothing half-written. Reading is two queries, never a scan.
 *
 * <pre>
 * STATS#TOTAL  ALL | areaCode             published, firstClaims, fulfilled, claimSecs, fulfilSecs, claimH0..5, fulfilH0..5
 * STATS#CAT    (ALL | areaCode)#category  the same, per window
 * </pre>
 */
public final class StatsStore {
    static final String TOTAL_PK = "STATS#TOTAL";
    static final String CATEGORY_PK = "STATS#CAT";
    static final String ALL = "ALL";
    static final int BUCKETS = Milestones.BUCKET_DAYS.size() + 1;

    private final DynamoDbClient db;
    private final String table;

    public StatsStore(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /** @return true if counted now, false if this milestone was already counted */
    public boolean record(Milestone m) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> marker = new HashMap<>();
        marker.put(PK, s(milestonePk(m.needId())));
        marker.put(SK, s("MILESTONE#" + m.kind().name()));
        marker.put("type", s("Milestone"));
        marker.put("needId", s(m.needId()));
        marker.put("kind", s(m.kind().name()));
        marker.put("at", s(m.at().toString()));
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(marker)
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        List<String> scopes = new ArrayList<>(List.of(ALL));
        Milestones.countedAreas(m.area()).forEach(a -> scopes.add(a.code()));
        for (String scope : scopes) {
            writes.add(add(TOTAL_PK, scope, m));
            writes.add(add(CATEGORY_PK, scope + "#" + m.category().name(), m));
        }
        return ExactlyOnce.write(db, writes);
    }

    private TransactWriteItem add(String pk, String sk, Milestone m) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", num(1), ":type", s("StatsCounter")));
        String adds = switch (m.kind()) {
            case PUBLISHED -> "published :one";
            case FIRST_CLAIM -> "firstClaims :one, claimSecs :secs, claimH" + m.bucket() + " :one";
            case FULFILLED -> "fulfilled :one, fulfilSecs :secs, fulfilH" + m.bucket() + " :one";
        };
        if (m.sincePublished() != null) values.put(":secs", num(m.sincePublished().getSeconds()));
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(Items.key(pk, sk))
                .updateExpression("SET #type = :type ADD " + adds).expressionAttributeNames(Map.of("#type", "type"))
                .expressionAttributeValues(values).build()).build();
    }

    // ---- reads ----------------------------------------------------------------------------

    /** One scope's counters; durations in seconds, histograms by {@link Milestones#bucket}. */
    public record Counts(long published, long firstClaims, long fulfilled, long claimSecs, long fulfilSecs,
                         List<Long> claimHistogram, List<Long> fulfilHistogram) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, zeros(), zeros());

        private static List<Long> zeros() {
            List<Long> z = new ArrayList<>();
            for (int i = 0; i < BUCKETS; i++) z.add(0L);
            return List.copyOf(z);
        }
    }

    /** The scope's own counters, per window (every window, zero if none), and per area below it (towns and up). */
    public record Snapshot(Counts total, Map<Category, Counts> byCategory, Map<AreaCode, Counts> byArea) {
    }

    /** Everything counted for an area and below ({@code null}: everywhere). */
    public Snapshot read(AreaCode scope) {
        String scopeKey = scope == null ? ALL : scope.code();
        Map<Category, Counts> byCategory = new EnumMap<>(Category.class);
        for (Category c : Category.values()) byCategory.put(c, Counts.ZERO);
        query(CATEGORY_PK, scopeKey + "#").forEach(i -> {
            String sk = Items.str(i, SK);
            Category.parse(sk.substring(sk.indexOf('#') + 1)).ifPresent(c -> byCategory.put(c, counts(i)));
        });
        Counts total = Counts.ZERO;
        Map<AreaCode, Counts> byArea = new LinkedHashMap<>();
        for (var i : query(TOTAL_PK, scope == null ? null : scope.prefix())) {
            String sk = Items.str(i, SK);
            if (sk.equals(scopeKey)) total = counts(i);
            else AreaCode.parse(sk).ifPresent(a -> byArea.put(a, counts(i)));
        }
        return new Snapshot(total, byCategory, byArea);
    }

    private List<Map<String, AttributeValue>> query(String pk, String skPrefix) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(pk)));
        String condition = "pk = :pk";
        if (skPrefix != null) {
            condition += " AND begins_with(sk, :p)";
            values.put(":p", s(skPrefix));
        }
        // Consistent: the snapshot writer reads the counters right after the stream shows a milestone.
        QueryRequest q = QueryRequest.builder().tableName(table).keyConditionExpression(condition)
                .expressionAttributeValues(values).consistentRead(true).build();
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        db.queryPaginator(q).items().forEach(out::add);
        return out;
    }

    private static Counts counts(Map<String, AttributeValue> i) {
        List<Long> claim = new ArrayList<>();
        List<Long> fulfil = new ArrayList<>();
        for (int b = 0; b < BUCKETS; b++) {
            claim.add(n(i, "claimH" + b));
            fulfil.add(n(i, "fulfilH" + b));
        }
        return new Counts(n(i, "published"), n(i, "firstClaims"), n(i, "fulfilled"), n(i, "claimSecs"), n(i, "fulfilSecs"),
                List.copyOf(claim), List.copyOf(fulfil));
    }

    private static long n(Map<String, AttributeValue> i, String name) {
        AttributeValue v = i.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }
}
