package org.bangfu.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Lambda's contract for a stream consumer with ReportBatchItemFailures, once for every consumer:
 * records are handled in order; at the first failure that record and the rest are reported failed,
 * so Lambda retries from there (handlers are idempotent, so records already handled are no-ops).
 */
public final class StreamBatch {
    private StreamBatch() {
    }

    /** What one record did: how many things it counted, and how many it found already counted. */
    public record Tally(int counted, int alreadyCounted) {
        public static final Tally NONE = new Tally(0, 0);
    }

    public static StreamsEventResponse process(String what, DynamodbEvent event, Context context,
                                               Function<DynamodbEvent.DynamodbStreamRecord, Tally> handle) {
        Log.begin(context == null ? "-" : context.getAwsRequestId(), context);
        try {
            List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
            int counted = 0;
            int already = 0;
            List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
            for (int i = 0; i < records.size(); i++) {
                DynamodbEvent.DynamodbStreamRecord record = records.get(i);
                try {
                    Tally t = handle.apply(record);
                    counted += t.counted();
                    already += t.alreadyCounted();
                } catch (RuntimeException e) {
                    // Priming's record is made to succeed: a failure there is a broken path, said out loud.
                    if (Priming.active()) throw new Priming.Failed(what + ": the priming record failed", e);
                    Log.error("record failed; it and the rest of the batch are reported for retry")
                            .with("sequenceNumber", record.getDynamodb().getSequenceNumber()).with("problem", e.toString()).write();
                    for (int j = i; j < records.size(); j++) {
                        failures.add(StreamsEventResponse.BatchItemFailure.builder()
                                .withItemIdentifier(records.get(j).getDynamodb().getSequenceNumber()).build());
                    }
                    break;
                }
            }
            if (Priming.active() && counted == 0) throw new Priming.Failed(what + ": the priming record counted nothing");
            Log.info(what).with("records", records.size()).with("counted", counted).with("alreadyCounted", already)
                    .with("failed", failures.size()).write();
            return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
        } finally {
            Log.end();
        }
    }
}
