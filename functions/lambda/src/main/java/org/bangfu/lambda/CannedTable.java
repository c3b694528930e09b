package org.bangfu.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.bangfu.core.Claim;
import org.bangfu.core.Household;
import org.bangfu.core.Need;
import org.bangfu.store.Dynamo;
import org.bangfu.store.StreamImages;
import org.bangfu.store.TableDesign;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table that lives only in memory and answers the SDK without a network: what a function's
 * priming hook runs one typical request against before SnapStart takes its snapshot, so the
 * snapshot already holds every class and JIT-compiled method of the request path (our JSON, the
 * domain, the SDK's marshalling, signing, retries, CRC check and unmarshalling).
 *
 * <p>It never writes anywhere: every write "succeeds" and is forgotten. GetItem finds the items
 * put here; queries on the need indexes return the needs put here, on the due index the claims
 * or the needs; anything else finds nothing.
 */
public final class CannedTable {
    private static final Pattern PK = Pattern.compile("\"pk\":\\{\"S\":\"([^\"]*)\"}");
    private static final Pattern SK = Pattern.compile("\"sk\":\\{\"S\":\"([^\"]*)\"}");
    private static final Pattern INDEX = Pattern.compile("\"IndexName\":\"([^\"]*)\"");

    private final Map<String, Map<String, AttributeValue>> items = new ConcurrentHashMap<>();
    private final List<Map<String, AttributeValue>> needs = new ArrayList<>();
    private final List<Map<String, AttributeValue>> claims = new ArrayList<>();
    private final DynamoDbClient client;

    public CannedTable() {
        this.client = Dynamo.configured().httpClient(new CannedHttpClient()).build();
    }

    /** A client configured like the live one (region, credentials, retries) whose HTTP client is this table. */
    public DynamoDbClient client() {
        return client;
    }

    public CannedTable need(Need n) {
        Map<String, AttributeValue> item = StreamImages.imageOf(n);
        put(item);
        needs.add(item);
        return this;
    }

    public CannedTable claim(Claim c, Need n) {
        Map<String, AttributeValue> item = StreamImages.imageOf(c, n);
        put(item);
        claims.add(item);
        return this;
    }

    public CannedTable household(Household h) {
        put(StreamImages.imageOf(h));
        return this;
    }

    /** Any item, for functions whose typical request reads something other than needs (see SupplyRepository.cannedItems, a photo). */
    public CannedTable item(Map<String, AttributeValue> item) {
        put(item);
        return this;
    }

    private void put(Map<String, AttributeValue> item) {
        items.put(item.get(TableDesign.PK).s() + "|" + item.get(TableDesign.SK).s(), item);
    }

    /** The JSON DynamoDB would answer to one operation (X-Amz-Target DynamoDB_20120810.&lt;op&gt;). */
    String answer(String operation, String request) {
        switch (operation) {
            case "GetItem" -> {
                Matcher pk = PK.matcher(request);
                Matcher sk = SK.matcher(request);
                Map<String, AttributeValue> item = pk.find() && sk.find() ? items.get(pk.group(1) + "|" + sk.group(1)) : null;
                ObjectNode out = Json.object();
                if (item != null) out.set("Item", json(item));
                return Json.write(out);
            }
            case "Query" -> {
                Matcher index = INDEX.matcher(request);
                String name = index.find() ? index.group(1) : "";
                boolean needIndex = name.equals(TableDesign.INDEX_PUBLIC_BY_AREA) || name.equals(TableDesign.INDEX_PUBLIC_BY_CATEGORY)
                        || name.equals(TableDesign.INDEX_REVIEW_QUEUE);
                List<Map<String, AttributeValue>> found = needIndex ? needs
                        : name.equals(TableDesign.INDEX_DUE) ? (request.contains("CLAIM-DUE") ? claims : request.contains("NEED-DUE") ? needs : List.of()) : List.of();
                ObjectNode out = Json.object().put("Count", found.size()).put("ScannedCount", found.size());
                ArrayNode items = out.putArray("Items");
                found.forEach(i -> items.add(json(i)));
                return Json.write(out);
            }
            case "BatchGetItem" -> {
                return "{\"Responses\":{},\"UnprocessedKeys\":{}}";
            }
            default -> {
                return "{}"; // writes: accepted, and forgotten
            }
        }
    }

    /** DynamoDB's JSON for an item of the attribute types the store writes (S, N, BOOL). */
    static ObjectNode json(Map<String, AttributeValue> item) {
        ObjectNode o = Json.object();
        item.forEach((k, v) -> {
            ObjectNode typed = o.putObject(k);
            if (v.s() != null) typed.put("S", v.s());
            else if (v.n() != null) typed.put("N", v.n());
            else if (v.bool() != null) typed.put("BOOL", v.bool());
            else typed.put("NULL", true);
        });
        return o;
    }

    private final class CannedHttpClient implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
                    String body = "";
                    if (request.contentStreamProvider().isPresent()) {
                        try (InputStream in = request.contentStreamProvider().get().newStream()) {
                            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    byte[] out = answer(target.substring(target.indexOf('.') + 1), body).getBytes(StandardCharsets.UTF_8);
                    CRC32 crc = new CRC32();
                    crc.update(out);
                    SdkHttpResponse response = SdkHttpResponse.builder().statusCode(200)
                            .putHeader("Content-Type", "application/x-amz-json-1.0")
                            .putHeader("Content-Length", Integer.toString(out.length))
                            .putHeader("x-amz-crc32", Long.toString(crc.getValue()))
                            .putHeader("x-amzn-RequestId", "canned").build();
                    return HttpExecuteResponse.builder().response(response)
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(out))).build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public String clientName() {
            return "Canned";
        }

        @Override
        public void close() {
        }
    }
}
