package org.bangfu.fn.statsaggregator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.StreamBatch;
import org.bangfu.lambda.StreamEvents;
import org.bangfu.core.Change;
import org.bangfu.core.Ids;
import org.crac.Core;
import org.crac.Resource;
import java.util.List;
import org.bangfu.core.Milestones;
import org.bangfu.core.Milestones.Milestone;
import org.bangfu.store.Dynamo;
import org.bangfu.store.StatsStore;
import org.bangfu.store.StreamImages;

/**
 * The transparency page's counters from the table's change stream: a need published, first
 * claimed or fulfilled is counted once (see StatsStore), overall, per window and per area, with
 * how long it took. Its own function rather than part of scoring, so that a fault in one never
 * holds back the other (each event source mapping retries and dead-letters on its own) and each
 * role grants only its own writes. Records are processed in order; at the first failure the rest
 * of the batch is reported failed (ReportBatchItemFailures) and Lambda retries from there.
 */
public final class StatsAggregatorHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse>, Resource {
    private final StatsStore stats;

    public StatsAggregatorHandler() {
        this(new StatsStore(Dynamo.client(), Dynamo.tableName()));
    }

    public StatsAggregatorHandler(StatsStore stats) {
        this.stats = stats;
        if (!Priming.active()) Core.getGlobalContext().register(this);
    }

    /** SnapStart priming: a twin on the canned table counts a first claim, as a stream record would bring it. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(() -> {
            Priming.World w = Priming.world(Services.live());
            Change claimed = w.services.lifecycle().claim(w.published, w.helper, 1, Ids.claim());
            DynamodbEvent event = StreamEvents.event(List.of(StreamEvents.modify("0",
                    StreamImages.imageOf(w.published), StreamImages.imageOf(claimed.after()))));
            new StatsAggregatorHandler(w.services.stats()).handleRequest(event, null);
        });
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.process("batch aggregated", event, context, record -> {
            int counted = 0;
            int already = 0;
            for (Milestone m : milestonesOf(record)) {
                if (stats.record(m)) counted++;
                else already++;
            }
            return new StreamBatch.Tally(counted, already);
        });
    }

    /** The milestones one change of a need reaches; any other item (claims, reviews, counters, markers) reaches none. */
    static List<Milestone> milestonesOf(DynamodbEvent.DynamodbStreamRecord record) {
        if (!"INSERT".equals(record.getEventName()) && !"MODIFY".equals(record.getEventName())) return List.of();
        var after = StreamImages.needFacts(StreamEvents.item(record.getDynamodb().getNewImage()));
        if (after.isEmpty()) return List.of();
        var before = StreamImages.needFacts(StreamEvents.item(record.getDynamodb().getOldImage()));
        return Milestones.reached(before.orElse(null), after.get());
    }
}
