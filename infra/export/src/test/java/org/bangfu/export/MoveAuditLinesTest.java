package org.bangfu.export;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.AreaRegistry;
import org.bangfu.core.Category;
import org.bangfu.core.ChineseIdNumber;
import org.bangfu.core.Ids;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.NeedDraft;
import org.bangfu.core.Role;
import org.bangfu.local.dynamodb.DynamoDbLocal;
import org.bangfu.local.dynamodb.LocalTable;
import org.bangfu.store.AuditTrail;
import org.bangfu.store.Dynamo;
import org.bangfu.store.NeedStore;
import org.bangfu.store.PeopleStore;
import org.bangfu.store.TableDesign;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table from before audit lines had their own partitions: the ops command moves every line once,
 * the trails read the same before and after, and two runs at once (or a run stopped half-way) lose or
 * double nothing.
 */
class MoveAuditLinesTest {
    private static final AreaCode COUNTY = new AreaCode("321181000000");
    private static final AreaCode VILLAGE = new AreaCode("321181001201");
    private DynamoDbClient db;
    private String table;
    private final List<String> needIds = new ArrayList<>();

    @BeforeEach
    void aTableWithNeedsAndAppointments() {
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        db = Dynamo.build(DynamoDbLocal.shared().endpoint());
        table = LocalTable.createFresh(db, "moveaudit");
        NeedStore needs = new NeedStore(db, table);
        Lifecycle life = new Lifecycle(Clock.systemUTC(), AreaRegistry.bundled());
        Actor poster = new Actor("p1", "李书记", EnumSet.of(Role.POSTER), VILLAGE);
        Actor council = new Actor("c1", "王大伯", EnumSet.of(Role.COUNCIL), VILLAGE);
        for (int i = 0; i < 6; i++) {
            var posting = life.post(new NeedDraft(Category.MEDICAL, "助听器一副", "老人听力严重下降，需要验配一副助听器。", 1, "副", 1500,
                    life.today().plusDays(30), VILLAGE, "李大爷", ChineseIdNumber.withCheck("3211811950010112" + i), "13812345678",
                    "东门村8组2号", "李书记", "13900001111"), poster, Ids.need());
            needs.create(posting);
            needs.apply(life.review(needs.need(posting.need().id()).orElseThrow(), council, Role.COUNCIL, true, null));
            needIds.add(posting.need().id());
        }
        PeopleStore people = new PeopleStore(db, table);
        FirstAdmin.appoint(people, "+8613800000001", "丹阳市民政局", COUNTY, "ops:test", Instant.now());
        FirstAdmin.appoint(people, "+8613800000002", "丹阳市民政局二", COUNTY, "ops:test", Instant.now());
    }

    /** Puts every audit line back where the earlier version kept it, as a table from before the upgrade has them. */
    private int ageToTheEarlierLayout() {
        int n = 0;
        for (Map<String, AttributeValue> item : allItems()) {
            String pk = item.get("pk").s(), sk = item.get("sk").s();
            if (!pk.startsWith("AUDIT#")) continue;
            Map<String, AttributeValue> old = new HashMap<>(item);
            String subject = pk.substring("AUDIT#".length());
            old.put("pk", AttributeValue.fromS(subject));
            old.put("sk", AttributeValue.fromS(subject.startsWith("PERSON#") ? "ID#" + sk : sk));
            db.putItem(r -> r.tableName(table).item(old));
            db.deleteItem(r -> r.tableName(table).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
            n++;
        }
        return n;
    }

    private List<Map<String, AttributeValue>> allItems() {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = db.scan(r -> r.tableName(table).consistentRead(true).exclusiveStartKey(from));
            out.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    private long auditLinesOutsideTheirPartition() {
        return allItems().stream().filter(i -> !i.get("pk").s().startsWith("AUDIT#")
                && (i.get("sk").s().startsWith("AUDIT#") || i.get("sk").s().startsWith("ID#AUDIT#"))).count();
    }

    private long auditLines() {
        return allItems().stream().filter(i -> i.get("sk").s().startsWith("AUDIT#") || i.get("sk").s().startsWith("ID#AUDIT#")).count();
    }

    private Map<String, Object> trails() {
        AuditTrail audit = new AuditTrail(db, table);
        Map<String, Object> out = new HashMap<>();
        for (String id : needIds) out.put(id, audit.of(id));
        out.put("people", new PeopleStore(db, table).changes(COUNTY, 100));
        return out;
    }

    @Test
    void movesEveryLegacyLineOnceAndTheTrailsReadTheSame() {
        Map<String, Object> before = trails();
        long lines = auditLines();
        int aged = ageToTheEarlierLayout();
        assertEquals(6 * 2 + 2, aged, "two lines per need (posted, reviewed), one per appointment");
        assertEquals(before, trails(), "the earlier layout still reads (AuditTrail reads both)");

        assertEquals(aged, MoveAuditLines.move(db, table, true).found(), "a dry run counts");
        assertEquals(aged, auditLinesOutsideTheirPartition(), "and moves nothing");

        MoveAuditLines.Result r = MoveAuditLines.move(db, table, false);
        assertEquals(new MoveAuditLines.Result(aged, aged, 0, List.of()), r);
        assertEquals(0, auditLinesOutsideTheirPartition());
        assertEquals(lines, auditLines(), "none lost, none doubled");
        assertEquals(before, trails());
        assertEquals(new MoveAuditLines.Result(0, 0, 0, List.of()), MoveAuditLines.move(db, table, false), "a second run finds nothing");
        // the data the lines are about is untouched
        for (String id : needIds) assertTrue(new NeedStore(db, table).need(id).isPresent());
    }

    @Test
    void twoRunsAtOnceMoveEachLineExactlyOnce() throws Exception {
        Map<String, Object> before = trails();
        long lines = auditLines();
        int aged = ageToTheEarlierLayout();
        var a = CompletableFuture.supplyAsync(() -> MoveAuditLines.move(db, table, false));
        var b = CompletableFuture.supplyAsync(() -> MoveAuditLines.move(db, table, false));
        MoveAuditLines.Result ra = a.get(), rb = b.get();
        assertEquals(aged, ra.moved() + rb.moved(), ra + " " + rb);
        assertEquals(List.of(), ra.conflict());
        assertEquals(List.of(), rb.conflict());
        assertEquals(0, auditLinesOutsideTheirPartition());
        assertEquals(lines, auditLines());
        assertEquals(before, trails());
    }

    @Test
    void aLineWhoseNewPlaceIsTakenStaysWhereItIsAndIsReported() {
        int aged = ageToTheEarlierLayout();
        Map<String, AttributeValue> legacy = allItems().stream().filter(i -> i.get("pk").s().startsWith("NEED#") && i.get("sk").s().startsWith("AUDIT#"))
                .findFirst().orElseThrow();
        Map<String, AttributeValue> squatter = new HashMap<>(legacy);
        squatter.put("pk", AttributeValue.fromS(TableDesign.auditPk(legacy.get("pk").s())));
        squatter.put("detail", AttributeValue.fromS("something else"));
        db.putItem(r -> r.tableName(table).item(squatter));

        MoveAuditLines.Result r = MoveAuditLines.move(db, table, false);
        assertEquals(aged - 1, r.moved());
        assertEquals(List.of(legacy.get("pk").s() + " " + legacy.get("sk").s()), r.conflict());
        assertEquals(1, auditLinesOutsideTheirPartition(), "left for ops to look at, not overwritten");
        var kept = db.getItem(g -> g.tableName(table).key(Map.of("pk", squatter.get("pk"), "sk", squatter.get("sk")))).item();
        assertEquals("something else", kept.get("detail").s());
    }
}
