package org.bangfu.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Services;
import org.bangfu.core.Category;
import org.bangfu.core.Need;
import org.bangfu.fn.publicneeds.PublicNeedsHandler;
import org.bangfu.store.Dynamo;
import org.bangfu.store.TableDesign;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The warm path, in one JVM started with Lambda's flags: GET /api/needs/{id} through
 * PublicNeedsHandler against the bare GetItem it performs (same client, same key, same consistency),
 * interleaved pair by pair (alternating which goes first) so drift hits both alike. Overhead =
 * what the handler adds: the event, the id check, the item → domain → public view → JSON, the
 * response, the log line with its metrics.
 *
 * <p>Run by Bench in a child JVM: {@code WarmPathBench <result.md> <pairs>}; the environment
 * (endpoint, table, credentials) comes as system properties.
 */
public final class WarmPathBench {
    private WarmPathBench() {
    }

    public static void main(String[] args) throws Exception {
        Path result = Path.of(args[0]);
        int pairs = Integer.parseInt(args[1]);
        Services services = Services.live();
        Fixtures fixtures = new Fixtures(services);
        Need need = fixtures.published(services, Fixtures.VILLAGE, Category.MEDICAL, 1);
        PublicNeedsHandler handler = new PublicNeedsHandler();
        APIGatewayV2HTTPEvent event = Priming.request("GET", "GET /api/needs/{id}", "/api/needs/" + need.id(),
                Map.of("id", need.id()), null, null, null);
        DynamoDbClient db = Dynamo.client();
        Map<String, AttributeValue> key = Map.of(TableDesign.PK, AttributeValue.fromS(TableDesign.needPk(need.id())),
                TableDesign.SK, AttributeValue.fromS("NEED"));
        String table = Dynamo.tableName();

        Stats viaHandler = new Stats();
        Stats bare = new Stats();
        Stats diff = new Stats();
        int warmup = Math.max(500, pairs / 2);
        for (int i = -warmup; i < pairs; i++) {
            long h;
            long b;
            if ((i & 1) == 0) {
                h = timeHandler(handler, event);
                b = timeBare(db, table, key);
            } else {
                b = timeBare(db, table, key);
                h = timeHandler(handler, event);
            }
            if (i >= 0) {
                viaHandler.add(h / 1e6);
                bare.add(b / 1e6);
                diff.add((h - b) / 1e6);
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("## Warm path: GET /api/needs/{id} through the handler vs the bare GetItem\n\n");
        md.append("One JVM with Lambda's flags (").append(String.join(" ", ColdStartBench.LAMBDA_FLAGS)).append("), ")
                .append(warmup).append(" warm-up pairs, then ").append(pairs)
                .append(" interleaved pairs against DynamoDB Local on the same machine. Times in ms. Target: handler overhead ≤ 1 ms at p50.\n\n");
        md.append("| | p50 | p90 | p99 |\n|---|---:|---:|---:|\n");
        row(md, "through PublicNeedsHandler", viaHandler);
        row(md, "bare GetItem (same client, key, consistency)", bare);
        row(md, "difference, pair by pair", diff);
        md.append("\nHandler overhead at p50: **").append(String.format("%.3f", viaHandler.median() - bare.median()))
                .append(" ms** (difference of medians); median of the paired differences ")
                .append(String.format("%.3f", diff.median())).append(" ms.\n\n");
        Files.writeString(result, md.toString(), StandardCharsets.UTF_8);
    }

    private static long timeHandler(PublicNeedsHandler handler, APIGatewayV2HTTPEvent event) {
        long t = System.nanoTime();
        APIGatewayV2HTTPResponse r = handler.handleRequest(event, null);
        long d = System.nanoTime() - t;
        if (r.getStatusCode() != 200) throw new IllegalStateException("handler answered " + r.getStatusCode() + ": " + r.getBody());
        return d;
    }

    private static long timeBare(DynamoDbClient db, String table, Map<String, AttributeValue> key) {
        long t = System.nanoTime();
        var item = db.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        long d = System.nanoTime() - t;
        if (item == null || item.isEmpty()) throw new IllegalStateException("no item");
        return d;
    }

    private static void row(StringBuilder md, String what, Stats s) {
        md.append("| ").append(what).append(" | ").append(String.format("%.3f", s.median())).append(" | ")
                .append(String.format("%.3f", s.percentile(90))).append(" | ").append(String.format("%.3f", s.percentile(99))).append(" |\n");
    }
}
