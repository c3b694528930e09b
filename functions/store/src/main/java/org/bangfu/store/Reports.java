package org.bangfu.store;

import static org.bangfu.store.Items.num;
import static org.bangfu.store.Items.s;
import static org.bangfu.store.TableDesign.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.core.AreaCode;
import org.bangfu.core.AuditEntry;
import org.bangfu.core.DomainException;
import org.bangfu.core.Need;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** The public's reports of needs (NEED#id / REPORT#reporter) and the area queue of reported needs they open. */
public final class Reports {
    private final Table t;

    public Reports(DynamoDbClient db, String table) {
        this.t = new Table(db, table);
    }

    public record Line(String reason, String at) {
    }

    /**
     * A report of a need by the public: at most one per reporter (a hash of where it came from) per
     * need, and only while the need is public and open. It puts the need in its area's review queue.
     * @return false when this reporter had already reported it (nothing changes)
     */
    public boolean report(Need need, String reporterKey, String reason, Instant at) {
        Map<String, AttributeValue> report = new HashMap<>(Map.of(PK, s(needPk(need.id())), SK, s("REPORT#" + reporterKey),
                "type", s("Report"), "needId", s(need.id()), "reason", s(reason), "at", s(at.toString())));
        AuditEntry audit = new AuditEntry(need.id(), at, "public", "report", need.state(), need.state(), reason);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", num(1), ":q", s(Items.reportedQueue(need.area())),
                ":qs", s(Items.queueSortKey(need)), ":now", s(at.toString())));
        String states = Items.inList("reportable", Items.REPORTABLE, values);
        List<TransactWriteItem> writes = List.of(
                t.put(report, "attribute_not_exists(pk)", Map.of()),
                TransactWriteItem.builder().update(Update.builder().tableName(t.name).key(Items.key(needPk(need.id()), "NEED"))
                        .updateExpression("ADD openReports :one, #version :one SET " + QUEUE_PK + " = :q, " + QUEUE_SK
                                + " = :qs, updatedAt = :now")
                        .conditionExpression("#state IN (" + states + ")")
                        .expressionAttributeNames(Map.of("#version", "version", "#state", "state"))
                        .expressionAttributeValues(values)
                        .build()).build(),
                AuditTrail.append(t, audit, need.area()));
        try {
            t.transact(writes);
            return true;
        } catch (TransactionCanceledException e) {
            if (Table.failed(e.cancellationReasons(), 0)) return false;
            if (Table.failed(e.cancellationReasons(), 1)) throw new DomainException.Conflict("need_closed", "该需求已结束，无需举报 (the need is closed)", null);
            throw Table.busyOrStale(e);
        }
    }

    /** The public's reports of a need, newest first. */
    public List<Line> of(String needId, int limit) {
        List<Line> out = new ArrayList<>(t.queryAll(QueryRequest.builder()
                .keyConditionExpression("pk = :pk AND begins_with(sk, :r)")
                .expressionAttributeValues(Map.of(":pk", s(needPk(needId)), ":r", s("REPORT#"))).build(),
                m -> new Line(Items.str(m, "reason"), Items.str(m, "at"))));
        out.sort(Comparator.comparing(Line::at).reversed());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /** Reported needs of an area waiting for a reviewer. */
    public List<Need> reported(AreaCode area, int limit) {
        return t.db.query(q -> q.tableName(t.name).indexName(INDEX_REVIEW_QUEUE)
                .keyConditionExpression(QUEUE_PK + " = :pk AND begins_with(" + QUEUE_SK + ", :area)")
                .expressionAttributeValues(Map.of(":pk", s(Items.reportedQueue(area)), ":area", s(area.prefix())))
                .limit(limit)).items().stream().map(Items::toNeed).toList();
    }
}
