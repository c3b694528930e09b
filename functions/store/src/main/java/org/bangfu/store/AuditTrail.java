package org.bangfu.store;

import static org.bangfu.store.Items.s;
import static org.bangfu.store.TableDesign.*;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.core.AreaCode;
import org.bangfu.core.AreaRegistry;
import org.bangfu.core.AuditEntry;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;
import org.bangfu.core.NeedState;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The audit trail: every state change (written by the step's own transaction, see {@link #item})
 * and every view of a household's contact details. Kept twice over: under the need (its history)
 * and, through the {@code auditByArea} index, per county and month (an area's trail).
 */
public final class AuditTrail {
    private final Table t;

    public AuditTrail(DynamoDbClient db, String table) {
        this.t = new Table(db, table);
    }

    /** An audit line with the area it happened in. */
    public record Line(AuditEntry entry, String areaCode) {
    }

    /**
     * One need's history, oldest first. Lines written before audit lines had their own partition sit in
     * the need's partition: read both, so a table from an earlier version keeps its history.
     */
    public List<AuditEntry> of(String needId) {
        List<AuditEntry> out = new ArrayList<>(linesIn(auditPk(needPk(needId))));
        out.addAll(linesIn(needPk(needId)));
        out.sort(Comparator.comparing(AuditEntry::at));
        return out;
    }

    private List<AuditEntry> linesIn(String pk) {
        return t.queryAll(QueryRequest.builder().keyConditionExpression("pk = :pk AND begins_with(sk, :a)")
                .expressionAttributeValues(Map.of(":pk", s(pk), ":a", s("AUDIT#"))).build(), AuditTrail::entry);
    }

    /**
     * Who saw which household's contact details, where: one audit line per need shown. Written
     * before the details are returned, so no view goes unrecorded.
     */
    public void recordViews(List<Need> needs, String viewerId, String where, Instant at) {
        // Conditional puts in transactions, not a batch write: a batch cannot carry the append-only condition,
        // and no function's role may batch-write an audit partition.
        List<TransactWriteItem> writes = new ArrayList<>();
        for (Need n : needs) {
            writes.add(append(t, new AuditEntry(n.id(), at, viewerId, "view-contact", n.state(), n.state(), where), n.area()));
        }
        for (int from = 0; from < writes.size(); from += 100) {
            List<TransactWriteItem> chunk = writes.subList(from, Math.min(writes.size(), from + 100));
            try {
                t.transact(chunk);
            } catch (TransactionCanceledException e) {
                throw new StoreBusy("could not record contact views", e);
            }
        }
    }

    /** An area's trail for one month, newest first, at most {@code limit} lines. */
    public List<Line> ofArea(AreaCode area, YearMonth month, int limit, AreaRegistry areas) {
        List<AreaCode> counties = counties(area, areas);
        List<Line> out = new ArrayList<>();
        for (AreaCode county : counties) {
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", s(partition(county, month)), ":a", s(area.prefix())));
            QueryRequest q = QueryRequest.builder().tableName(t.name).indexName(INDEX_AUDIT_BY_AREA)
                    .keyConditionExpression(AUDIT_PK + " = :p").filterExpression("begins_with(areaCode, :a)")
                    .expressionAttributeValues(values).scanIndexForward(false).build();
            for (var item : t.db.queryPaginator(q).items()) {
                out.add(new Line(entry(item), Items.str(item, "areaCode")));
                if (out.size() >= limit * counties.size()) break;
            }
        }
        out.sort(Comparator.comparing((Line l) -> l.entry().at()).reversed());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /**
     * The trail is kept per county (a city's or a province's own lines, e.g. an import for the whole
     * city, under its own code): the partitions an area covers — itself and every city and county
     * inside it — or the county it lies in. The filter on the line's area keeps what lies outside.
     */
    static List<AreaCode> counties(AreaCode area, AreaRegistry areas) {
        if (area.level() >= 3) return List.of(county(area));
        List<AreaCode> out = new ArrayList<>();
        for (String code : areas.all().keySet()) {
            AreaCode c = new AreaCode(code);
            if (c.level() <= 3 && area.contains(c)) out.add(c);
        }
        return out;
    }

    private static AreaCode county(AreaCode area) {
        return new AreaCode(area.code().substring(0, 6) + "000000");
    }

    /** The index partition of a county's month (of a city's or province's own, for an area above counties). */
    static String partition(AreaCode area, YearMonth month) {
        return "AUDIT#" + area.code().substring(0, 6) + "#" + month;
    }

    /** Audit lines are only ever added: a put that would overwrite one fails. */
    static final String APPEND_ONLY = "attribute_not_exists(pk)";

    /** The append-only put of one audit line, for the transaction of the step it records. */
    static software.amazon.awssdk.services.dynamodb.model.TransactWriteItem append(Table t, AuditEntry a, AreaCode area) {
        return t.put(item(a, area), APPEND_ONLY, Map.of());
    }

    /** The item of one audit line. */
    static Map<String, AttributeValue> item(AuditEntry a, AreaCode area) {
        String suffix = Table.suffix();
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(PK, s(auditPk(needPk(a.needId()))));
        m.put(SK, s("AUDIT#" + a.at() + "#" + suffix));
        // The area's trail: by county and month, newest first within it.
        m.put("areaCode", s(area.code()));
        m.put(AUDIT_PK, s(partition(area, YearMonth.from(a.at().atZone(Lifecycle.ZONE)))));
        m.put(AUDIT_SK, s(a.at() + "#" + a.needId() + "#" + suffix));
        m.put("type", s("Audit"));
        m.put("needId", s(a.needId()));
        m.put("at", s(a.at().toString()));
        m.put("actorId", s(a.actorId()));
        m.put("action", s(a.action()));
        if (a.from() != null) m.put("from", s(a.from().name()));
        if (a.to() != null) m.put("to", s(a.to().name()));
        Items.putIfSet(m, "detail", a.detail());
        return m;
    }

    private static AuditEntry entry(Map<String, AttributeValue> m) {
        return new AuditEntry(Items.str(m, "needId"), Items.instant(m, "at"), Items.str(m, "actorId"), Items.str(m, "action"),
                m.containsKey("from") ? NeedState.valueOf(Items.str(m, "from")) : null,
                m.containsKey("to") ? NeedState.valueOf(Items.str(m, "to")) : null,
                Items.str(m, "detail"));
    }
}
