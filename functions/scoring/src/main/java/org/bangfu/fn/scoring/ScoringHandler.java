package org.bangfu.fn.scoring;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.StreamBatch;
import org.bangfu.lambda.StreamEvents;
import org.bangfu.core.Award;
import org.bangfu.core.Change;
import org.bangfu.core.Claim;
import org.bangfu.core.ClaimState;
import org.bangfu.core.PointsRules;
import org.bangfu.core.Review;
import org.bangfu.core.Scoring;
import org.bangfu.store.Dynamo;
import org.bangfu.store.PointsLedger;
import org.bangfu.store.StreamImages;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Credit points from the table's change stream. A review recorded, or a claim confirmed, becomes
 * ledger lines written exactly once (see PointsLedger). Records are processed in order; at the
 * first failure the rest of the batch is reported as failed (ReportBatchItemFailures) so Lambda
 * retries from there; records already counted are no-ops when they come again.
 */
public final class ScoringHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse>, Resource {
    private final PointsLedger ledger;
    private final Scoring scoring;

    public ScoringHandler() {
        this(new PointsLedger(Dynamo.client(), Dynamo.tableName()), new Scoring(PointsRules.bundled()));
    }

    public ScoringHandler(PointsLedger ledger, Scoring scoring) {
        this.ledger = ledger;
        this.scoring = scoring;
        if (!Priming.active()) Core.getGlobalContext().register(this);
    }

    /** SnapStart priming: a twin on the canned table scores a claim confirmation, as a stream record would bring it. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(() -> {
            Priming.World w = Priming.world(Services.live());
            Change confirmed = w.services.lifecycle().confirm(w.delivered, w.deliveredClaim, w.admin);
            DynamodbEvent event = StreamEvents.event(List.of(StreamEvents.modify("0",
                    StreamImages.imageOf(w.deliveredClaim, w.delivered), StreamImages.imageOf(confirmed.claim(), confirmed.after()))));
            new ScoringHandler(w.services.points(), scoring).handleRequest(event, null);
        });
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.process("batch scored", event, context, record -> {
            List<Award> awards = awardsFor(record);
            if (awards.isEmpty()) return StreamBatch.Tally.NONE;
            // A review's points count against the reviewer's daily cap and, for a rejection, once per
            // household and poster (in the same transaction).
            Map<String, AttributeValue> next = StreamEvents.item(record.getDynamodb().getNewImage());
            Optional<Review> review = awards.getFirst().rule().equals("review.done") ? StreamImages.review(next) : Optional.empty();
            boolean written = review.isEmpty() ? ledger.record(awards) : ledger.record(awards, scoring.reviewCap(review.get()),
                    scoring.reviewOnce(review.get(), StreamImages.householdId(next), StreamImages.posterId(next)));
            return written ? new StreamBatch.Tally(1, 0) : new StreamBatch.Tally(0, 1);
        });
    }

    /** The awards one change earns: a new review, or a claim that became confirmed. Anything else earns nothing. */
    List<Award> awardsFor(DynamodbEvent.DynamodbStreamRecord record) {
        Map<String, AttributeValue> next = StreamEvents.item(record.getDynamodb().getNewImage());
        Map<String, AttributeValue> before = StreamEvents.item(record.getDynamodb().getOldImage());
        String name = record.getEventName();
        if ("INSERT".equals(name)) {
            Optional<Review> review = StreamImages.review(next);
            if (review.isPresent()) {
                return scoring.reviewRecorded(review.get(), StreamImages.area(next), StreamImages.needTitle(next));
            }
        }
        if ("MODIFY".equals(name) || "INSERT".equals(name)) {
            Optional<Claim> now = StreamImages.claim(next);
            Optional<Claim> was = StreamImages.claim(before);
            // Points once a claim is confirmed and countersigned (an admin's confirmation is both).
            if (now.isPresent() && now.get().state() == ClaimState.CONFIRMED && !now.get().pointsHeld()
                    && (was.isEmpty() || was.get().state() != ClaimState.CONFIRMED || was.get().pointsHeld())) {
                return scoring.claimConfirmed(now.get(), StreamImages.claimContext(next));
            }
        }
        return List.of();
    }

}
