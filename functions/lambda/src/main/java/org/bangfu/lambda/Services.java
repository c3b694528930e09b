package org.bangfu.lambda;

import java.time.Clock;
import org.bangfu.core.AreaRegistry;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.SignInRules;
import org.bangfu.store.AuditTrail;
import org.bangfu.store.Dynamo;
import org.bangfu.store.HelpStore;
import org.bangfu.store.IdempotencyStore;
import org.bangfu.store.Inbox;
import org.bangfu.store.Listings;
import org.bangfu.store.NeedStore;
import org.bangfu.store.PeopleStore;
import org.bangfu.store.PhotoRepository;
import org.bangfu.store.PointsLedger;
import org.bangfu.store.Reports;
import org.bangfu.store.SignInStore;
import org.bangfu.store.StatsStore;
import org.bangfu.store.SupplyRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What a handler works with: the parts of the store, each for one job, and the lifecycle. Built
 * once per Lambda container (static init) and reused by every invocation.
 */
public record Services(NeedStore needs, Listings listings, AuditTrail audit, Reports reports, StatsStore stats,
                       PointsLedger points, IdempotencyStore idempotency, SupplyRepository supply, HelpStore help, PhotoRepository photos,
                       Inbox inbox, PeopleStore people, SignInStore signIn, Lifecycle lifecycle) {
    private static volatile Services live;

    /** The real thing: DynamoDB from the environment, the system clock, the pilot's bundled area tree. */
    public static Services live() {
        Services s = live;
        if (s == null) {
            synchronized (Services.class) {
                s = live;
                if (s == null) {
                    live = s = on(Dynamo.client(), Dynamo.tableName(), new Lifecycle(Clock.systemUTC(), AreaRegistry.bundled()));
                }
            }
        }
        return s;
    }

    /** Every part on one table through one client (the live table, a test's fresh table, priming's canned one). */
    public static Services on(DynamoDbClient db, String table, Lifecycle lifecycle) {
        NeedStore needs = new NeedStore(db, table);
        return new Services(needs, new Listings(db, table), new AuditTrail(db, table), new Reports(db, table),
                new StatsStore(db, table), new PointsLedger(db, table), new IdempotencyStore(db, table),
                new SupplyRepository(db, table, needs), new HelpStore(db, table), new PhotoRepository(db, table),
                new Inbox(db, table), new PeopleStore(db, table), new SignInStore(db, table, SIGN_IN_LIMITS), lifecycle);
    }

    /** The same store with another lifecycle (e.g. a clock moved on, for priming the schedule). */
    public Services with(Lifecycle other) {
        return new Services(needs, listings, audit, reports, stats, points, idempotency, supply, help, photos, inbox, people, signIn, other);
    }

    private static final SignInStore.Limits SIGN_IN_LIMITS = new SignInStore.Limits(SignInRules.CODE_TTL, SignInRules.MAX_TRIES,
            SignInRules.RESEND_AFTER, SignInRules.PER_PHONE_PER_DAY, SignInRules.PER_SOURCE_PER_HOUR, SignInRules.REFRESH_TTL);

    /** The one way to show a household (see {@link Disclosure}). */
    public Disclosure disclosure() {
        return new Disclosure(this);
    }

    public org.bangfu.core.Supply supplyRules() {
        return new org.bangfu.core.Supply(lifecycle);
    }

    public AreaRegistry areas() {
        return lifecycle.areas();
    }
}
