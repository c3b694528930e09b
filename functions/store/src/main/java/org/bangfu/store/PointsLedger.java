package org.bangfu.store;

import static org.bangfu.store.Items.num;
import static org.bangfu.store.Items.s;
import static org.bangfu.store.TableDesign.*;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Award;
import org.bangfu.core.DailyCap;
import org.bangfu.core.EarnsOnce;
import org.bangfu.core.Lifecycle;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Credit points, counted exactly once. The awards of one event are written in one transaction:
 * each ledger line on condition that its event key is new, together with the person's total and
 * every leaderboard the points count towards. Seeing the same event again fails the condition and
 * changes nothing; a crash before the transaction leaves nothing half-written.
 */
public final class PointsLedger {
    private final DynamoDbClient db;
    private final String table;

    public PointsLedger(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /** @return true if written, false if these awards were already recorded */
    public boolean record(List<Award> awards) {
        if (awards.isEmpty()) return false;
        return ExactlyOnce.write(db, writes(awards));
    }

    /**
     * As above, the awards counting against {@code cap} (null: none) and {@code once}: in the same
     * transaction a counter per person, kind and day moves on condition it is below the cap, and a
     * marker per earns-once key is put on condition it is new. When a limit stops them the awards
     * are still recorded once, with 0 points and a reason that says which limit (and consume none).
     */
    public boolean record(List<Award> awards, DailyCap cap, List<EarnsOnce> once) {
        if ((cap == null && once.isEmpty()) || awards.isEmpty()) return record(awards);
        List<TransactWriteItem> writes = writes(awards);
        int limitsFrom = writes.size();
        List<String> why = new ArrayList<>();
        if (cap != null) {
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Items.key(personPk(cap.personId()), "CAP#" + cap.rule() + "#" + cap.day()))
                    .updateExpression("ADD n :one SET #t = :t").conditionExpression("attribute_not_exists(n) OR n < :max")
                    .expressionAttributeNames(Map.of("#t", "type"))
                    .expressionAttributeValues(Map.of(":one", num(1), ":max", num(cap.max()), ":t", s("DailyCap"))).build()).build());
            why.add("今日已达 " + cap.max() + " 次上限，不计分 · daily cap reached");
        }
        for (EarnsOnce o : once) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(Map.of(PK, s(personPk(o.personId())), SK, s("ONCE#" + o.key()), "type", s("EarnedOnce"),
                            "ledgerKey", s(awards.getFirst().key())))
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
            why.add(o.why());
        }
        try {
            db.transactWriteItems(r -> r.transactItems(writes));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            for (int i = 0; i < limitsFrom; i++) {
                if (Table.failed(reasons, i)) return false; // already recorded
            }
            List<String> stopped = new ArrayList<>();
            for (int i = limitsFrom; i < writes.size(); i++) {
                if (Table.failed(reasons, i)) stopped.add(why.get(i - limitsFrom));
            }
            if (stopped.isEmpty()) throw e;
            String note = "（" + String.join("；", stopped) + "）";
            List<Award> zero = awards.stream().map(a -> new Award(a.key(), a.personId(), a.personName(), 0, a.rule(),
                    a.reason() + note, a.needId(), a.area(), a.at())).toList();
            return record(zero);
        }
    }

    private List<TransactWriteItem> writes(List<Award> awards) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, Integer> perPerson = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        Map<String, Integer> perBoard = new LinkedHashMap<>();
        for (Award a : awards) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(line(a))
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
            if (a.points() == 0) continue; // a line that says why it earned nothing moves no total or board
            perPerson.merge(a.personId(), a.points(), Integer::sum);
            names.put(a.personId(), a.personName());
            for (String scope : scopes(a)) perBoard.merge(a.personId() + "\u0000" + scope, a.points(), Integer::sum);
        }
        perPerson.forEach((person, points) -> writes.add(update(personPk(person), "PROFILE",
                "ADD points :p SET displayName = :n", Map.of(":p", num(points), ":n", s(names.get(person))))));
        perBoard.forEach((key, points) -> {
            String person = key.substring(0, key.indexOf('\u0000'));
            String scope = key.substring(key.indexOf('\u0000') + 1);
            writes.add(update(BOARD_PREFIX + scope, "PERSON#" + person,
                    "ADD boardPoints :p SET boardPk = :b, displayName = :n, personId = :id",
                    Map.of(":p", num(points), ":b", s(scope), ":n", s(names.get(person)), ":id", s(person))));
        });
        return writes;
    }

    /** Every board a point counts on: overall and per month, for the need's area at every level. */
    static List<String> scopes(Award a) {
        YearMonth month = YearMonth.from(a.at().atZone(Lifecycle.ZONE));
        List<String> out = new ArrayList<>(List.of(new Board(null, null).scope(), new Board(null, month).scope()));
        AreaCode at = a.area();
        while (at != null) {
            out.add(new Board(at, null).scope());
            out.add(new Board(at, month).scope());
            at = at.parent().orElse(null);
        }
        return out;
    }

    static final String BOARD_PREFIX = "BOARD#";

    /** One leaderboard: area null for everyone, month null for all time. Its items are BOARD#scope / PERSON#id. */
    public record Board(AreaCode area, YearMonth month) {
        String scope() {
            return (area == null ? "ALL" : "AREA#" + area.prefix()) + (month == null ? "" : "#" + month);
        }

        /** The board an item's partition key names ("BOARD#ALL", "BOARD#AREA#3211#2026-12", …), if it is one. */
        public static java.util.Optional<Board> ofPk(String pk) {
            if (pk == null || !pk.startsWith(BOARD_PREFIX)) return java.util.Optional.empty();
            String[] parts = pk.substring(BOARD_PREFIX.length()).split("#");
            try {
                int next = 1;
                AreaCode area = null;
                if (parts[0].equals("AREA")) {
                    area = new AreaCode(AreaCode.padded(parts[1]));
                    if (!area.prefix().equals(parts[1])) return java.util.Optional.empty();
                    next = 2;
                } else if (!parts[0].equals("ALL")) {
                    return java.util.Optional.empty();
                }
                YearMonth month = parts.length > next ? YearMonth.parse(parts[next]) : null;
                return parts.length > next + 1 ? java.util.Optional.empty() : java.util.Optional.of(new Board(area, month));
            } catch (RuntimeException e) {
                return java.util.Optional.empty();
            }
        }
    }

    /** A person's points on one board, read consistently from the board's item (0 if none). */
    public int boardPoints(Board board, String personId) {
        var item = db.getItem(r -> r.tableName(table).key(Items.key(BOARD_PREFIX + board.scope(), "PERSON#" + personId)).consistentRead(true)).item();
        return item == null || !item.containsKey(BOARD_POINTS) ? 0 : Items.i(item, BOARD_POINTS);
    }

    private Map<String, AttributeValue> line(Award a) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(PK, s(personPk(a.personId())));
        m.put(SK, s("LEDGER#" + a.key()));
        m.put("type", s("LedgerLine"));
        m.put("key", s(a.key()));
        m.put("personId", s(a.personId()));
        m.put("personName", s(a.personName()));
        m.put("points", num(a.points()));
        m.put("rule", s(a.rule()));
        m.put("reason", s(a.reason()));
        m.put("needId", s(a.needId()));
        m.put("areaCode", s(a.area().code()));
        m.put("at", s(a.at().toString()));
        m.put(EXPORT_PK, s("LEDGER#" + a.area().province() + "#" + YearMonth.from(a.at().atZone(Lifecycle.ZONE))));
        m.put(EXPORT_SK, s(a.area().code() + "#" + a.at() + "#" + a.personId() + "#" + a.key()));
        return m;
    }

    private TransactWriteItem update(String pk, String sk, String expression, Map<String, AttributeValue> values) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(Items.key(pk, sk))
                .updateExpression(expression).expressionAttributeValues(values).build()).build();
    }

    // ---- reads ----------------------------------------------------------------------------

    public record Line(String key, String personId, String personName, int points, String rule, String reason, String needId,
                       String areaCode, String at) {
    }

    static Line toLine(Map<String, AttributeValue> m) {
        return new Line(Items.str(m, "key"), Items.str(m, "personId"), Items.str(m, "personName"), Items.i(m, "points"),
                Items.str(m, "rule"), Items.str(m, "reason"), Items.str(m, "needId"), Items.str(m, "areaCode"), Items.str(m, "at"));
    }

    /** A person's total (0 if none yet). */
    public int total(String personId) {
        var item = db.getItem(r -> r.tableName(table).key(Items.key(personPk(personId), "PROFILE")).consistentRead(true)).item();
        return item == null || !item.containsKey("points") ? 0 : Items.i(item, "points");
    }

    /** A person's ledger, newest first. */
    public List<Line> lines(String personId, int limit) {
        List<Line> out = new ArrayList<>();
        db.queryPaginator(r -> r.tableName(table).keyConditionExpression("pk = :p AND begins_with(sk, :l)")
                .expressionAttributeValues(Map.of(":p", s(personPk(personId)), ":l", s("LEDGER#"))))
                .items().forEach(i -> out.add(toLine(i)));
        out.sort(Comparator.comparing(Line::at).reversed());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    public record Standing(int rank, String personId, String displayName, int points) {
    }

    /** A precomputed board, highest first: area null for everyone, month null for all time. */
    public List<Standing> leaderboard(AreaCode area, YearMonth month, int limit) {
        String scope = new Board(area, month).scope();
        var items = db.query(q -> q.tableName(table).indexName(INDEX_LEADERBOARD)
                .keyConditionExpression("boardPk = :b").expressionAttributeValues(Map.of(":b", s(scope)))
                .scanIndexForward(false).limit(limit)).items();
        List<Standing> out = new ArrayList<>();
        int rank = 0;
        int shown = 0;
        Integer previous = null;
        for (var i : items) {
            int points = Items.i(i, BOARD_POINTS);
            shown++;
            if (previous == null || points != previous) rank = shown; // ties share a rank
            previous = points;
            out.add(new Standing(rank, Items.str(i, "personId"), Items.str(i, "displayName"), points));
        }
        return out;
    }

    /** Ledger lines of an area (and below) for whole months from..to, in place and time order. */
    public List<Line> linesIn(AreaCode area, YearMonth from, YearMonth to) {
        List<Line> out = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            QueryRequest q = QueryRequest.builder().tableName(table).indexName(INDEX_LEDGER_BY_AREA)
                    .keyConditionExpression("exportPk = :p AND begins_with(exportSk, :a)")
                    .expressionAttributeValues(Map.of(":p", s("LEDGER#" + area.province() + "#" + m), ":a", s(area.prefix())))
                    .build();
            db.queryPaginator(q).items().forEach(i -> out.add(toLine(i)));
        }
        return out;
    }
}
