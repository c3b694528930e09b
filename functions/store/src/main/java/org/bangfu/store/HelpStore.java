package org.bangfu.store;

import static org.bangfu.store.Items.num;
import static org.bangfu.store.Items.s;
import static org.bangfu.store.TableDesign.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.core.AreaCode;
import org.bangfu.core.HelpImport;
import org.bangfu.core.HelpRecord;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Each household's help history: lines written when a claim is confirmed (in the same transaction,
 * see {@link NeedStore#apply}) and lines imported by an admin. An import writes its lines
 * first and its {@code IMPORT#id} record (with the audit line) last, in one transaction; a line
 * counts only once its import record exists, so an import that stops half-way shows nothing.
 */
public final class HelpStore {
    private final DynamoDbClient db;
    private final String table;

    public HelpStore(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /** Every counted line of a household, oldest first. */
    public List<HelpRecord> history(String householdId) {
        return histories(List.of(householdId)).getOrDefault(householdId, List.of());
    }

    /** The counted lines of several households (a page of the review queue). */
    public Map<String, List<HelpRecord>> histories(Collection<String> householdIds) {
        Map<String, List<Map<String, AttributeValue>>> raw = new HashMap<>();
        Set<String> imports = new HashSet<>();
        for (String hh : new HashSet<>(householdIds)) {
            List<Map<String, AttributeValue>> lines = new ArrayList<>();
            db.queryPaginator(q -> q.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :h)")
                    .expressionAttributeValues(Map.of(":pk", s(householdPk(hh)), ":h", s("HELP#")))).items().forEach(lines::add);
            lines.forEach(m -> {
                if (m.containsKey("importId")) imports.add(m.get("importId").s());
            });
            raw.put(hh, lines);
        }
        Set<String> complete = completeImports(imports);
        Map<String, List<HelpRecord>> out = new HashMap<>();
        raw.forEach((hh, lines) -> out.put(hh, lines.stream()
                .filter(m -> !m.containsKey("importId") || complete.contains(m.get("importId").s()))
                .map(SupplyItems::toHelp).toList()));
        return out;
    }

    private Set<String> completeImports(Set<String> ids) {
        Set<String> out = new HashSet<>();
        List<Map<String, AttributeValue>> keys = ids.stream().map(id -> Items.key(importPk(id), "IMPORT")).toList();
        for (int from = 0; from < keys.size(); from += 100) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + 100))).projectionExpression("id").build());
            while (!request.isEmpty()) {
                final var req = request;
                var r = db.batchGetItem(b -> b.requestItems(req));
                r.responses().getOrDefault(table, List.of()).forEach(m -> out.add(m.get("id").s()));
                request = r.unprocessedKeys();
            }
        }
        return out;
    }

    /**
     * An admin's import: every line, then the import record and its audit line together. Lines are
     * keyed by import and line number, so writing them again (a retry) changes nothing.
     */
    public void importRecords(String importId, List<HelpImport.Row> rows, String adminId, AreaCode area, String source, Instant at) {
        List<WriteRequest> puts = new ArrayList<>();
        for (HelpImport.Row row : rows) {
            puts.add(WriteRequest.builder().putRequest(p -> p.item(SupplyItems.help(row.record(importId), importId))).build());
        }
        for (int from = 0; from < puts.size(); from += 25) {
            Map<String, List<WriteRequest>> batch = Map.of(table, puts.subList(from, Math.min(puts.size(), from + 25)));
            for (int attempt = 0; !batch.isEmpty(); attempt++) {
                if (attempt > 8) throw new StoreBusy("could not write the import's lines", null);
                final var b = batch;
                batch = db.batchWriteItem(r -> r.requestItems(b)).unprocessedItems();
            }
        }
        Map<String, AttributeValue> record = new HashMap<>(Map.of(PK, s(importPk(importId)), SK, s("IMPORT"), "type", s("HelpImport"),
                "id", s(importId), "by", s(adminId), "areaCode", s(area.code()), "rows", num(rows.size()), "at", s(at.toString()),
                "source", s(source)));
        String detail = rows.size() + " 条外部帮扶记录 (" + source + ")";
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(record).conditionExpression("attribute_not_exists(pk)").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(SupplyItems.audit(importPk(importId), importId, area, adminId, "import-help", detail, at))
                        .conditionExpression(AuditTrail.APPEND_ONLY).build()).build());
        try {
            db.transactWriteItems(r -> r.transactItems(writes));
        } catch (TransactionCanceledException e) {
            throw Table.busyOrStale(e);
        }
    }

    static String importPk(String id) {
        return "IMPORT#" + id;
    }
}
