package org.bangfu.lambda;

import java.time.Clock;
import org.bangfu.core.AreaRegistry;
import org.bangfu.core.Lifecycle;
import org.bangfu.store.Dynamo;
import org.bangfu.store.IdempotencyStore;
import org.bangfu.store.NeedRepository;
import org.bangfu.store.PointsLedger;

/** What a handler works with. Built once per Lambda container (static init) and reused by every invocation. */
public record Services(NeedRepository needs, PointsLedger points, IdempotencyStore idempotency, Lifecycle lifecycle) {
    private static volatile Services live;

    /** The real thing: DynamoDB from the environment, the system clock, the pilot's bundled area tree. */
    public static Services live() {
        Services s = live;
        if (s == null) {
            synchronized (Services.class) {
                s = live;
                if (s == null) {
                    live = s = new Services(new NeedRepository(Dynamo.client(), Dynamo.tableName()),
                            new PointsLedger(Dynamo.client(), Dynamo.tableName()),
                            new IdempotencyStore(Dynamo.client(), Dynamo.tableName()),
                            new Lifecycle(Clock.systemUTC(), AreaRegistry.bundled()));
                }
            }
        }
        return s;
    }

    /** The supply side (organisations, offers, proposals), on the same table. */
    public org.bangfu.store.SupplyRepository supply() {
        return new org.bangfu.store.SupplyRepository(needs.client(), needs.table(), needs);
    }

    /** Households' help histories, on the same table. */
    public org.bangfu.store.HelpStore help() {
        return new org.bangfu.store.HelpStore(needs.client(), needs.table());
    }

    public org.bangfu.core.Supply supplyRules() {
        return new org.bangfu.core.Supply(lifecycle);
    }

    public AreaRegistry areas() {
        return lifecycle.areas();
    }
}
