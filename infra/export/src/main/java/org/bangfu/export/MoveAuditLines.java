package org.bangfu.export;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.store.TableDesign;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Ops, once per pilot after upgrading: moves the audit lines an earlier version wrote beside their
 * subject (NEED#id / AUDIT#…, ORG#id / AUDIT#…, IMPORT#id / AUDIT#…, PERSON#id / ID#AUDIT#…) into
 * their own partition (AUDIT#&lt;subject pk&gt; / AUDIT#…), where no function's role may change or
 * delete them. Each line moves in one transaction (put if absent, delete if present), so a run that
 * stops half-way, or two runs at once, move every line exactly once; run it again until it moves 0.
 *
 * <pre>
 * java -cp infra/export/target/bangfu-export.jar org.bangfu.export.MoveAuditLines --table TABLE --region cn-northwest-1 [--dry-run] [--endpoint URL]
 * </pre>
 */
public final class MoveAuditLines {
    private static final String AUDIT = TableDesign.auditPk("");
    /** How people-audit lines were keyed in their person's partition before. */
    private static final String LEGACY_PERSON_SK = "ID#" + AUDIT;

    private MoveAuditLines() {
    }

    /**
     * @param moved    lines now in their own partition
     * @param gone     lines another run moved meanwhile
     * @param conflict lines left where they were because their new place is taken (by pk/sk), for ops to look at
     */
    public record Result(int found, int moved, int gone, List<String> conflict) {
    }

    /** Where a legacy audit line belongs (same attributes, new key), or null if the item is no legacy audit line. */
    static Map<String, AttributeValue> newPlace(Map<String, AttributeValue> item) {
        String pk = item.get(TableDesign.PK).s();
        String sk = item.get(TableDesign.SK).s();
        if (pk.startsWith(AUDIT)) return null;
        String newSk;
        if (sk.startsWith(AUDIT)) newSk = sk;
        else if (pk.startsWith(TableDesign.personPk("")) && sk.startsWith(LEGACY_PERSON_SK)) newSk = sk.substring("ID#".length());
        else return null;
        Map<String, AttributeValue> moved = new HashMap<>(item);
        moved.put(TableDesign.PK, AttributeValue.fromS(TableDesign.auditPk(pk)));
        moved.put(TableDesign.SK, AttributeValue.fromS(newSk));
        return moved;
    }

    public static Result move(DynamoDbClient db, String table, boolean dryRun) {
        int found = 0, moved = 0, gone = 0;
        List<String> conflict = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = db.scan(ScanRequest.builder().tableName(table).consistentRead(true)
                    .filterExpression("(begins_with(sk, :a) OR begins_with(sk, :p)) AND NOT begins_with(pk, :a)")
                    .expressionAttributeValues(Map.of(":a", AttributeValue.fromS(AUDIT), ":p", AttributeValue.fromS(LEGACY_PERSON_SK)))
                    .exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : page.items()) {
                Map<String, AttributeValue> target = newPlace(item);
                if (target == null) continue;
                found++;
                if (dryRun) continue;
                switch (moveOne(db, table, item, target)) {
                    case MOVED -> moved++;
                    case GONE -> gone++;
                    case TAKEN -> conflict.add(item.get(TableDesign.PK).s() + " " + item.get(TableDesign.SK).s());
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new Result(found, moved, gone, conflict);
    }

    private enum Outcome { MOVED, GONE, TAKEN }

    private static Outcome moveOne(DynamoDbClient db, String table, Map<String, AttributeValue> item, Map<String, AttributeValue> target) {
        Map<String, AttributeValue> oldKey = Map.of(TableDesign.PK, item.get(TableDesign.PK), TableDesign.SK, item.get(TableDesign.SK));
        try {
            db.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(target)
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(oldKey)
                            .conditionExpression("attribute_exists(pk)").build()).build()));
            return Outcome.MOVED;
        } catch (TransactionCanceledException e) {
            // Reasons in order: [put, delete]. The old line gone means another run moved it.
            var reasons = e.cancellationReasons();
            boolean oldGone = reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code());
            if (oldGone) return Outcome.GONE;
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) return Outcome.TAKEN;
            throw e;
        }
    }

    public static void main(String[] args) {
        String table = null;
        String region = System.getenv().getOrDefault("AWS_REGION", "cn-north-1");
        String endpoint = null;
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--table" -> table = value(args, ++i);
                case "--region" -> region = value(args, ++i);
                case "--endpoint" -> endpoint = value(args, ++i);
                case "--dry-run" -> dryRun = true;
                default -> usage("unknown option " + args[i]);
            }
        }
        if (table == null) usage("--table is required");
        var builder = DynamoDbClient.builder().region(Region.of(region)).credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)));
        if (endpoint != null) builder.endpointOverride(URI.create(endpoint));
        try (DynamoDbClient db = builder.build()) {
            Result r = move(db, table, dryRun);
            System.out.println((dryRun ? "would move " : "moved ") + (dryRun ? r.found() : r.moved()) + " of " + r.found()
                    + " audit lines found outside their own partition" + (r.gone() > 0 ? "; " + r.gone() + " moved by another run meanwhile" : ""));
            r.conflict().forEach(c -> System.out.println("left in place, its new place is taken: " + c));
            if (!r.conflict().isEmpty()) System.exit(1);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) usage(args[i - 1] + " needs a value");
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: --table NAME [--dry-run] [--region R] [--endpoint URL]");
        System.exit(2);
    }
}
