package org.bangfu.fn.scoring;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.core.Award;
import org.bangfu.core.Claim;
import org.bangfu.core.ClaimState;
import org.bangfu.core.PointsRules;
import org.bangfu.core.Review;
import org.bangfu.core.Scoring;
import org.bangfu.store.Dynamo;
import org.bangfu.store.PointsLedger;
import org.bangfu.store.StreamImages;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Credit points from the table's change stream. A review recorded, or a claim confirmed, becomes
 * ledger lines written exactly once (see PointsLedger). Records are processed in order; at the
 * first failure the rest of the batch is reported as failed (ReportBatchItemFailures) so Lambda
 * retries from there; records already counted are no-ops when they come again.
 */
public final class ScoringHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final PointsLedger ledger;
    private final Scoring scoring;

    public ScoringHandler() {
        this(new PointsLedger(Dynamo.client(), Dynamo.tableName()), new Scoring(PointsRules.bundled()));
    }

    public ScoringHandler(PointsLedger ledger, Scoring scoring) {
        this.ledger = ledger;
        this.scoring = scoring;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        int counted = 0;
        int skipped = 0;
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (int i = 0; i < records.size(); i++) {
            DynamodbEvent.DynamodbStreamRecord record = records.get(i);
            try {
                List<Award> awards = awardsFor(record);
                if (ledger.record(awards)) counted++;
                else if (!awards.isEmpty()) skipped++;
            } catch (RuntimeException e) {
                System.out.println("{\"level\":\"ERROR\",\"function\":\"scoring\",\"sequenceNumber\":\""
                        + record.getDynamodb().getSequenceNumber() + "\",\"problem\":\"" + e.toString().replace('"', '\'') + "\"}");
                for (int j = i; j < records.size(); j++) {
                    failures.add(StreamsEventResponse.BatchItemFailure.builder()
                            .withItemIdentifier(records.get(j).getDynamodb().getSequenceNumber()).build());
                }
                break;
            }
        }
        System.out.println("{\"level\":\"INFO\",\"function\":\"scoring\",\"records\":" + records.size() + ",\"counted\":" + counted
                + ",\"alreadyCounted\":" + skipped + ",\"failed\":" + failures.size() + "}");
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    /** The awards one change earns: a new review, or a claim that became confirmed. Anything else earns nothing. */
    List<Award> awardsFor(DynamodbEvent.DynamodbStreamRecord record) {
        Map<String, AttributeValue> next = StreamImages.of(record.getDynamodb().getNewImage());
        Map<String, AttributeValue> before = StreamImages.of(record.getDynamodb().getOldImage());
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
            if (now.isPresent() && now.get().state() == ClaimState.CONFIRMED
                    && (was.isEmpty() || was.get().state() != ClaimState.CONFIRMED)) {
                return scoring.claimConfirmed(now.get(), StreamImages.claimContext(next));
            }
        }
        return List.of();
    }
}
