package org.bangfu.store;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.AreaRegistry;
import org.bangfu.core.Category;
import org.bangfu.core.ChineseIdNumber;
import org.bangfu.core.Ids;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;
import org.bangfu.core.NeedDraft;
import org.bangfu.core.Role;
import org.bangfu.local.dynamodb.DynamoDbLocal;
import org.bangfu.local.dynamodb.LocalTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The store over a fresh table on the shared DynamoDB Local, and the people who act on it. */
final class StoreFixture {
    static final AreaCode VILLAGE = new AreaCode("321181001201");
    private static final AtomicInteger SEQ = new AtomicInteger();

    final DynamoDbClient db;
    final String table;
    final NeedStore repo;
    final Listings listings;
    final AuditTrail audit;
    final Lifecycle life = new Lifecycle(Clock.systemUTC(), AreaRegistry.bundled());
    final Actor poster = new Actor("poster", "李书记", Set.of(Role.POSTER), VILLAGE);
    final Actor council = new Actor("council", "王大伯", Set.of(Role.COUNCIL), VILLAGE);
    final Actor volunteer = new Actor("volunteer", "陈晓", Set.of(Role.VOLUNTEER), new AreaCode("321181001000"));
    final Actor helper = new Actor("helper", "张先生", Set.of(Role.HELPER), null);

    StoreFixture() {
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        db = Dynamo.build(DynamoDbLocal.shared().endpoint());
        table = LocalTable.createFresh(db, "store-test");
        repo = new NeedStore(db, table);
        listings = new Listings(db, table);
        audit = new AuditTrail(db, table);
    }

    static String idNumber() {
        return ChineseIdNumber.withCheck(String.format("32118119700101%03d", SEQ.incrementAndGet() % 1000));
    }

    NeedDraft draft(Category category, int quantity, String idNumber) {
        return draft(VILLAGE, category, quantity, idNumber);
    }

    /** A valid draft for any village (also used where there is no fixture, e.g. on LocalStack). */
    static NeedDraft draft(AreaCode village, Category category, int quantity, String idNumber) {
        return draft(village, category, quantity, idNumber, LocalDate.now(Lifecycle.ZONE).plusDays(30));
    }

    static NeedDraft draft(AreaCode village, Category category, int quantity, String idNumber, LocalDate deadline) {
        return new NeedDraft(category, "轮椅一台", "老人行动不便，需要一台轮椅方便就医。", quantity, "台", 800,
                deadline, village, "王德福", idNumber, "13812345678", "东门村3组18号", "李书记", "13900001111");
    }

    Need posted(Category category, int quantity) {
        Lifecycle.Posting p = life.post(draft(category, quantity, idNumber()), poster, Ids.need());
        repo.create(p);
        return p.need();
    }

    Need published(Category category, int quantity) {
        Need n = posted(category, quantity);
        repo.apply(life.review(n, council, Role.COUNCIL, true, null));
        repo.apply(life.review(repo.need(n.id()).orElseThrow(), volunteer, Role.VOLUNTEER, true, null));
        return repo.need(n.id()).orElseThrow();
    }
}
