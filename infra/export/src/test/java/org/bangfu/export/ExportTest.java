package org.bangfu.export;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.AreaRegistry;
import org.bangfu.core.Category;
import org.bangfu.core.Change;
import org.bangfu.core.ChineseIdNumber;
import org.bangfu.core.HelperRecord;
import org.bangfu.core.Ids;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;
import org.bangfu.core.NeedDraft;
import org.bangfu.core.PointsRules;
import org.bangfu.core.Role;
import org.bangfu.core.Scoring;
import org.bangfu.local.dynamodb.DynamoDbLocal;
import org.bangfu.local.dynamodb.LocalTable;
import org.bangfu.store.Dynamo;
import org.bangfu.store.NeedStore;
import org.bangfu.store.PointsLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The ops export writes every need, claim, review, audit line and ledger line, and households only when asked. */
class ExportTest {
    @TempDir
    Path dir;

    @Test
    void exportsAPilotsRecordsAsJsonLinesAndKeepsHouseholdsOutUnlessAsked() throws Exception {
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        DynamoDbClient db = Dynamo.build(DynamoDbLocal.shared().endpoint());
        String table = LocalTable.createFresh(db, "export");
        NeedStore needs = new NeedStore(db, table);
        PointsLedger ledger = new PointsLedger(db, table);
        Lifecycle life = new Lifecycle(Clock.systemUTC(), AreaRegistry.bundled());
        AreaCode village = new AreaCode("321181001201");
        Actor poster = new Actor("p1", "李书记", EnumSet.of(Role.POSTER), village);
        Actor council = new Actor("c1", "王大伯", EnumSet.of(Role.COUNCIL), village);
        Actor volunteer = new Actor("v1", "陈晓", EnumSet.of(Role.VOLUNTEER), village);
        Actor helper = new Actor("h1", "张先生", EnumSet.of(Role.HELPER), null);

        Lifecycle.Posting posting = life.post(new NeedDraft(Category.MEDICAL, "助听器一副", "老人听力严重下降，需要验配一副助听器。", 1, "副", 1500,
                life.today().plusDays(30), village, "李大爷", ChineseIdNumber.withCheck("32118119500101123"), "13812345678",
                "东门村8组2号", "李书记", "13900001111"), poster, Ids.need());
        needs.create(posting);
        Change review = life.review(needs.need(posting.need().id()).orElseThrow(), council, Role.COUNCIL, true, null);
        needs.apply(review);
        ledger.record(new Scoring(PointsRules.bundled()).reviewRecorded(review.review(), village, "助听器一副"));
        Need published = needs.need(posting.need().id()).orElseThrow();
        needs.apply(life.review(published, volunteer, Role.VOLUNTEER, true, null));
        Change claim = life.claim(needs.need(posting.need().id()).orElseThrow(), helper, 1, Ids.claim(), HelperRecord.NEW);
        needs.claim(claim);

        Map<String, Long> counts = new Export(db, table, false).run(dir.resolve("a"), 3);
        assertEquals(1, counts.get("needs"));
        assertEquals(1, counts.get("claims"));
        assertEquals(2, counts.get("reviews"));
        assertEquals(4, counts.get("audit"), "posted, two reviews, claimed");
        assertEquals(1, counts.get("ledger"));
        assertFalse(counts.containsKey("households"));
        assertFalse(counts.containsKey("households-as-posted"));
        assertFalse(Files.exists(dir.resolve("a/households.jsonl")));
        List<String> needLines = Files.readAllLines(dir.resolve("a/needs.jsonl"));
        assertTrue(needLines.get(0).startsWith("{") && needLines.get(0).contains("\"id\":\"" + posting.need().id() + "\""), needLines.get(0));
        assertTrue(needLines.get(0).contains("\"state\":\"CLAIMED\""));
        assertTrue(Files.readString(dir.resolve("a/ledger.jsonl")).contains("\"rule\":\"review.done\""));
        assertFalse(Files.readString(dir.resolve("a/needs.jsonl")).contains("321181195001011"), "no ID number outside households.jsonl");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/needs.jsonl"))));

        Map<String, Long> withHouseholds = new Export(db, table, true).run(dir.resolve("b"), 1);
        assertEquals(1, withHouseholds.get("households"));
        assertEquals(1, withHouseholds.get("households-as-posted"), "each need's reviewed copy (issue 11, item 3)");
        assertTrue(Files.readString(dir.resolve("b/households.jsonl")).contains("李大爷"));
    }
}
