package org.bangfu.fn.snapshots;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bangfu.lambda.Log;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.StreamEvents;
import org.bangfu.store.PointsLedger;
import org.bangfu.store.StreamImages;
import org.bangfu.store.TableDesign;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keeps the public snapshots fresh from the table's change stream. A record only says what
 * changed: a need (any item under NEED#id: the need, its claims, reviews, photos, milestones), a
 * person's place on a leaderboard (BOARD#scope / PERSON#id, written by scoring) or an organisation
 * (ORG#id / ORG); the batch's files are then rebuilt from the table, each once ({@link Snapshots}). When the rebuild fails
 * the whole batch is reported for retry: rebuilding again is harmless.
 */
public final class SnapshotHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse>, Resource {
    private static final String NEED_PREFIX = TableDesign.needPk("");
    private static final String ORG_PREFIX = TableDesign.organisationPk("");
    private final Services services;
    private final SnapshotBucket bucket;
    private final String site;

    public SnapshotHandler() {
        this(Services.live(), SnapshotBucket.live(), setting("SITE_URL"));
    }

    public SnapshotHandler(Services services, SnapshotBucket bucket, String site) {
        this.services = services;
        this.bucket = bucket;
        this.site = site == null ? "" : site.replaceAll("/+$", "");
        if (!Priming.active()) Core.getGlobalContext().register(this);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        Log.begin(context == null ? "-" : context.getAwsRequestId(), context);
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        try {
            Set<String> needs = new TreeSet<>();
            Set<Snapshots.BoardChange> boards = new java.util.LinkedHashSet<>();
            Set<String> organisations = new TreeSet<>();
            for (DynamodbEvent.DynamodbStreamRecord r : records) {
                Map<String, AttributeValue> key = keyOf(r);
                String pk = str(key, TableDesign.PK);
                String sk = str(key, TableDesign.SK);
                if (pk.startsWith(NEED_PREFIX)) needs.add(pk.substring(NEED_PREFIX.length()));
                else if (pk.startsWith(ORG_PREFIX) && sk.equals("ORG")) organisations.add(pk.substring(ORG_PREFIX.length()));
                else if (sk.startsWith("PERSON#")) {
                    PointsLedger.Board.ofPk(pk).ifPresent(b -> boards.add(new Snapshots.BoardChange(b, sk.substring("PERSON#".length()))));
                }
            }
            Snapshots snapshots = new Snapshots(services, bucket, site);
            Snapshots.Result result = snapshots.rebuild(needs);
            Snapshots.Result boardFiles = snapshots.rebuildBoards(boards);
            Snapshots.Result organisationFiles = snapshots.rebuildOrganisations(organisations);
            if (Priming.active() && result.written() == 0) throw new Priming.Failed("snapshots: the priming record wrote nothing");
            Log.info("snapshots rebuilt").with("records", records.size()).with("needs", needs.size())
                    .with("written", result.written()).with("deleted", result.deleted())
                    .with("boards", boardFiles.written()).with("organisations", organisationFiles.written()).write();
            return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
        } catch (RuntimeException e) {
            if (Priming.active()) throw new Priming.Failed("snapshots: the priming batch failed", e);
            Log.error("rebuild failed; the batch is reported for retry").with("records", records.size()).with("problem", e.toString()).write();
            List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
            for (var r : records) {
                failures.add(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(r.getDynamodb().getSequenceNumber()).build());
            }
            return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
        } finally {
            Log.end();
        }
    }

    /** The record's item key (its keys, else an image's). */
    static Map<String, AttributeValue> keyOf(DynamodbEvent.DynamodbStreamRecord r) {
        var d = r.getDynamodb();
        for (var image : List.of(Optional.ofNullable(d.getKeys()), Optional.ofNullable(d.getNewImage()), Optional.ofNullable(d.getOldImage()))) {
            if (image.isEmpty()) continue;
            Map<String, AttributeValue> item = StreamEvents.item(image.get());
            AttributeValue pk = item.get(TableDesign.PK);
            if (pk != null && pk.s() != null) return item;
        }
        return Map.of();
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.s() == null ? "" : v.s();
    }

    /** SnapStart priming: a need published on the canned table, as the stream brings it, rebuilt into an in-memory bucket. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(() -> {
            Priming.World w = Priming.world(services);
            DynamodbEvent event = StreamEvents.event(List.of(StreamEvents.modify("0",
                    StreamImages.imageOf(w.pending), StreamImages.imageOf(w.published))));
            new SnapshotHandler(w.services, new SnapshotBucket.InMemory(), site).handleRequest(event, null);
        });
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    private static String setting(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? System.getProperty(name) : v;
    }
}
