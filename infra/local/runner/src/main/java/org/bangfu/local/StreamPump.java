package org.bangfu.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.ArrayList;
import java.util.Date;
import org.bangfu.lambda.StreamEvents;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Lambda's DynamoDB event source mapping, locally: reads DynamoDB Local's stream shard by shard,
 * hands batches to the function as real DynamodbEvents, honours ReportBatchItemFailures (retry
 * from the first failed record), gives up after MaximumRetryAttempts and sets the rest aside as
 * dead letters, as the template's OnFailure destination would receive them.
 */
public final class StreamPump implements AutoCloseable {
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String functionId;
    private final RequestHandler<DynamodbEvent, StreamsEventResponse> handler;
    private final int batchSize;
    private final int maxRetries;
    private final Map<String, String> checkpoints = new LinkedHashMap<>(); // shard → last processed sequence number
    private final Map<String, Boolean> closed = new HashMap<>();
    private final List<DynamodbEvent.DynamodbStreamRecord> deadLetters = new CopyOnWriteArrayList<>();
    private final AtomicLong delivered = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean running = true;
    private final Thread thread;

    public StreamPump(DynamoDbStreamsClient streams, String streamArn, String functionId,
                      RequestHandler<DynamodbEvent, StreamsEventResponse> handler, int batchSize, int maxRetries) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.functionId = functionId;
        this.handler = handler;
        this.batchSize = batchSize;
        this.maxRetries = maxRetries;
        this.thread = new Thread(this::run, "stream-pump-" + functionId);
        this.thread.setDaemon(true);
    }

    public StreamPump start() {
        thread.start();
        return this;
    }

    /** Records handed over and acknowledged so far (tests wait on this). */
    /** Batches being handled right now (a slow batch is not quiet). */
    public boolean busy() {
        return inFlight.get() > 0;
    }

    public long delivered() {
        return delivered.get();
    }

    public List<DynamodbEvent.DynamodbStreamRecord> deadLetters() {
        return deadLetters;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }

    private void run() {
        while (running) {
            try {
                boolean any = false;
                for (Shard shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
                    if (!closed.getOrDefault(shard.shardId(), false)) any |= drain(shard.shardId());
                }
                if (!any) Thread.sleep(150);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) return;
                System.err.println("stream pump: " + e);
                sleep(1000);
            }
        }
    }

    /** Reads one shard to its current end; true if anything was read. */
    private boolean drain(String shardId) {
        String after = checkpoints.get(shardId);
        String iterator = streams.getShardIterator(r -> {
            r.streamArn(streamArn).shardId(shardId);
            if (after == null) r.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            else r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
        }).shardIterator();
        boolean any = false;
        while (iterator != null && running) {
            final String it = iterator;
            var page = streams.getRecords(r -> r.shardIterator(it).limit(batchSize));
            if (page.records().isEmpty()) {
                if (page.nextShardIterator() == null) closed.put(shardId, true);
                return any;
            }
            any = true;
            inFlight.incrementAndGet();
            try {
                deliver(shardId, page.records().stream().map(r -> toLambda(r, streamArn)).toList());
            } finally {
                inFlight.decrementAndGet();
            }
            iterator = page.nextShardIterator();
            if (iterator == null) closed.put(shardId, true);
        }
        return any;
    }

    /** Invokes until the batch is acknowledged, retrying from the first failed record, then dead-letters it. */
    private void deliver(String shardId, List<DynamodbEvent.DynamodbStreamRecord> batch) {
        List<DynamodbEvent.DynamodbStreamRecord> pending = batch;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            DynamodbEvent event = new DynamodbEvent();
            event.setRecords(new ArrayList<>(pending));
            StreamsEventResponse response;
            Gateway.CURRENT_FUNCTION.set(functionId);
            try {
                response = handler.handleRequest(event, new LocalContext(functionId, UUID.randomUUID().toString(), 60));
            } catch (RuntimeException e) {
                System.err.println(functionId + " threw: " + e);
                response = null; // the whole batch failed
            } finally {
                Gateway.CURRENT_FUNCTION.remove();
            }
            int firstFailed = firstFailed(pending, response);
            for (int i = 0; i < firstFailed; i++) {
                checkpoints.put(shardId, pending.get(i).getDynamodb().getSequenceNumber());
                delivered.incrementAndGet();
            }
            pending = pending.subList(firstFailed, pending.size());
            if (pending.isEmpty()) return;
            if (attempt >= maxRetries) {
                deadLetters.addAll(pending);
                System.err.println(functionId + ": " + pending.size() + " records set aside after " + (attempt + 1) + " attempts");
                checkpoints.put(shardId, pending.get(pending.size() - 1).getDynamodb().getSequenceNumber());
                return;
            }
            sleep(Math.min(2000, 100L << Math.min(attempt, 4)));
        }
    }

    private static int firstFailed(List<DynamodbEvent.DynamodbStreamRecord> batch, StreamsEventResponse response) {
        if (response == null) return 0;
        if (response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) return batch.size();
        int first = batch.size();
        for (var f : response.getBatchItemFailures()) {
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).getDynamodb().getSequenceNumber().equals(f.getItemIdentifier())) first = Math.min(first, i);
            }
        }
        return first == batch.size() ? 0 : first; // an identifier we didn't send: retry it all, as Lambda does
    }

    /** A stream record as Lambda delivers it. */
    static DynamodbEvent.DynamodbStreamRecord toLambda(Record r, String streamArn) {
        DynamodbEvent.DynamodbStreamRecord out = new DynamodbEvent.DynamodbStreamRecord();
        out.setEventID(r.eventID());
        out.setEventName(r.eventNameAsString());
        out.setEventVersion(r.eventVersion());
        out.setEventSource("aws:dynamodb");
        out.setAwsRegion(r.awsRegion());
        out.setEventSourceARN(streamArn);
        var d = r.dynamodb();
        StreamRecord s = new StreamRecord();
        if (d.approximateCreationDateTime() != null) s.setApproximateCreationDateTime(Date.from(d.approximateCreationDateTime()));
        s.setKeys(StreamEvents.image(d.keys()));
        if (d.hasNewImage()) s.setNewImage(StreamEvents.image(d.newImage()));
        if (d.hasOldImage()) s.setOldImage(StreamEvents.image(d.oldImage()));
        s.setSequenceNumber(d.sequenceNumber());
        s.setSizeBytes(d.sizeBytes());
        s.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(d.streamViewTypeAsString()));
        out.setDynamodb(s);
        return out;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
