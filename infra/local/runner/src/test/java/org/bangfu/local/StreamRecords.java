package org.bangfu.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.local.dynamodb.DynamoDbLocal;
import org.bangfu.store.Dynamo;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The platform table's real stream records, as Lambda would deliver them, for replaying into a stream function by hand. */
final class StreamRecords {
    private StreamRecords() {
    }

    /** Every stream record so far about one need (its item, claims, reviews, markers), in stream order. */
    static List<DynamodbEvent.DynamodbStreamRecord> of(String needId) {
        return ofKey("NEED#" + needId);
    }

    /** Every stream record so far of items with this partition key (e.g. a person's ledger lines and inbox), in stream order. */
    static List<DynamodbEvent.DynamodbStreamRecord> ofKey(String pk) {
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(URI.create(DynamoDbLocal.shared().endpoint()))
                .region(Region.of("cn-north-1")).credentialsProvider(SystemPropertyCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        String arn = Dynamo.client().describeTable(r -> r.tableName(LocalPlatform.TABLE)).table().latestStreamArn();
        List<DynamodbEvent.DynamodbStreamRecord> out = new ArrayList<>();
        for (var shard : streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards()) {
            String it = streams.getShardIterator(r -> r.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (it != null) {
                final String at = it;
                var page = streams.getRecords(r -> r.shardIterator(at).limit(1000));
                page.records().stream().filter(r -> r.dynamodb().keys().get("pk").s().equals(pk))
                        .forEach(r -> out.add(StreamPump.toLambda(r, arn)));
                if (page.records().isEmpty()) break;
                it = page.nextShardIterator();
            }
        }
        return out;
    }

    static DynamodbEvent event(List<DynamodbEvent.DynamodbStreamRecord> records) {
        DynamodbEvent e = new DynamodbEvent();
        e.setRecords(new ArrayList<>(records));
        return e;
    }

    /** Waits until every stream pump of the platform has been idle for a moment (nothing left in flight). */
    static void awaitQuiet() {
        awaitQuiet(false);
    }

    /**
     * withSnapshots: also wait while the snapshot function is inside a batch (its batches take longer
     * than the quiet window). Other tests don't wait for it: it writes nothing they read.
     */
    static void awaitQuiet(boolean withSnapshots) {
        TestPlatform.api();
        long until = System.currentTimeMillis() + (withSnapshots ? 90_000 : 30_000);
        long last = -1;
        long stableSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < until) {
            long now = TestPlatform.platform.pumps().stream().mapToLong(StreamPump::delivered).sum();
            boolean busy = withSnapshots && TestPlatform.platform.pumps().stream().anyMatch(StreamPump::busy);
            if (now != last || busy) {
                last = now;
                stableSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - stableSince > 800) {
                return;
            }
            Points.sleep(100);
        }
        throw new AssertionError("the stream never went quiet");
    }
}
