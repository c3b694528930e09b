package org.bangfu.local;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import org.bangfu.store.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Records, per function, which IAM actions on which resources its DynamoDB (and S3) calls need, so a test
 * can compare them with the function's policy in template.yaml. Registered for every SDK client
 * in the test JVM through the SDK's global interceptor file.
 */
public final class DynamoCallRecorder implements ExecutionInterceptor {
    /** function logical id → {"dynamodb:Query index/publicByArea", "dynamodb:GetItem table", …} */
    static final Map<String, Set<String>> CALLS = new ConcurrentHashMap<>();
    /** function logical id → {"dynamodb:PutItem AUDIT#", "dynamodb:Query NEED#", …}: the partition-key prefix of each item on the table. */
    static final Map<String, Set<String>> KEYS = new ConcurrentHashMap<>();

    /** What IAM's dynamodb:LeadingKeys sees of a partition key, as the policy names it: up to the first '#'. */
    static String prefix(Map<String, AttributeValue> key) {
        AttributeValue pk = key == null ? null : key.get(TableDesign.PK);
        if (pk == null || pk.s() == null) return "?";
        int hash = pk.s().indexOf('#');
        return hash < 0 ? pk.s() : pk.s().substring(0, hash + 1);
    }

    /** function logical id → audit puts that could overwrite an existing line (IAM cannot refuse those; the code must). */
    static final Map<String, Set<String>> AUDIT_OVERWRITES = new ConcurrentHashMap<>();

    private static void key(String function, String action, Map<String, AttributeValue> key) {
        KEYS.computeIfAbsent(function, f -> ConcurrentHashMap.newKeySet()).add("dynamodb:" + action + " " + prefix(key));
    }

    /** One item's action on the table: the action (CALLS) and its partition prefix (KEYS). */
    private static void onTable(Set<String> calls, String function, String action, Map<String, AttributeValue> key) {
        calls.add("dynamodb:" + action + " table");
        key(function, action, key);
    }

    private static void auditPut(String function, Map<String, AttributeValue> item, String condition) {
        boolean auditPartition = prefix(item).equals(TableDesign.auditPk(""));
        AttributeValue sk = item.get(TableDesign.SK);
        boolean auditLine = sk != null && sk.s() != null && sk.s().startsWith("AUDIT#");
        String where = item.get(TableDesign.PK).s() + " " + (sk == null ? "" : sk.s());
        String wrong = auditLine && !auditPartition ? where + " outside an AUDIT# partition"
                : auditPartition && (condition == null || !condition.replace(" ", "").contains("attribute_not_exists(pk)"))
                ? where + " put with condition " + condition : null;
        if (wrong != null) AUDIT_OVERWRITES.computeIfAbsent(function, f -> ConcurrentHashMap.newKeySet()).add(wrong);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String function = Gateway.CURRENT_FUNCTION.get();
        if (function == null) return;
        Set<String> calls = CALLS.computeIfAbsent(function, f -> ConcurrentHashMap.newKeySet());
        SdkRequest request = context.request();
        if (request instanceof software.amazon.awssdk.services.s3.model.S3Request s3) {
            // IAM authorises object actions by key: record the action and the key's first folder.
            String op = request.getClass().getSimpleName().replace("Request", "");
            String key = s3.getValueForField("Key", String.class).orElse("");
            String bucket = s3.getValueForField("Bucket", String.class).orElse("").endsWith("snapshotbucket") ? "snapshot-bucket/" : "photos-bucket/";
            String object = bucket + (key.contains("/") ? key.substring(0, key.indexOf('/') + 1) : "") + "*";
            if (op.equals("HeadObject")) {
                // IAM has no HeadObject: it is GetObject, and a missing key answers 404 only with ListBucket on the bucket.
                calls.add("s3:GetObject " + object);
                calls.add("s3:ListBucket " + bucket.substring(0, bucket.length() - 1));
            } else {
                calls.add("s3:" + op + " " + object);
            }
        } else if (request instanceof software.amazon.awssdk.services.secretsmanager.model.SecretsManagerRequest sm) {
            // A secret by its template parameter (the fake WeChat's is the WeChatSecretArn a pilot passes).
            String id = sm.getValueForField("SecretId", String.class).orElse("");
            calls.add("secretsmanager:" + request.getClass().getSimpleName().replace("Request", "") + " secret/"
                    + (id.equals(FakeWeChat.SECRET_ARN) ? "WeChatSecretArn" : id));
        } else if (request instanceof TransactWriteItemsRequest t) {
            // IAM authorises each item of a transaction by its own action.
            for (TransactWriteItem i : t.transactItems()) {
                if (i.put() != null) {
                    onTable(calls, function, "PutItem", i.put().item());
                    auditPut(function, i.put().item(), i.put().conditionExpression());
                }
                if (i.update() != null) onTable(calls, function, "UpdateItem", i.update().key());
                if (i.delete() != null) onTable(calls, function, "DeleteItem", i.delete().key());
                if (i.conditionCheck() != null) onTable(calls, function, "ConditionCheckItem", i.conditionCheck().key());
            }
        } else if (request instanceof QueryRequest q) {
            calls.add("dynamodb:Query " + (q.indexName() == null ? "table" : "index/" + q.indexName()));
            // On the table, the key condition's partition value (IAM's LeadingKeys); on an index, not recorded.
            if (q.indexName() == null) {
                String pkValue = q.keyConditionExpression().replaceAll("^\\s*pk\\s*=\\s*(:\\w+).*$", "$1");
                key(function, "Query", Map.of(TableDesign.PK, q.expressionAttributeValues().getOrDefault(pkValue, AttributeValue.fromS("?"))));
            }
        } else if (request instanceof BatchGetItemRequest b) {
            calls.add("dynamodb:BatchGetItem table");
            b.requestItems().values().forEach(ka -> ka.keys().forEach(k -> key(function, "BatchGetItem", k)));
        } else if (request instanceof BatchWriteItemRequest b) {
            calls.add("dynamodb:BatchWriteItem table");
            b.requestItems().values().forEach(ws -> ws.forEach(w ->
                    key(function, "BatchWriteItem", w.putRequest() != null ? w.putRequest().item() : w.deleteRequest().key())));
        } else {
            String op = request.getClass().getSimpleName().replace("Request", "");
            if (request instanceof PutItemRequest p) {
                onTable(calls, function, op, p.item());
                auditPut(function, p.item(), p.conditionExpression());
            } else {
                calls.add("dynamodb:" + op + " table");
                request.getValueForField("Key", Map.class).ifPresent(k -> key(function, op, cast(k)));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, AttributeValue> cast(Map<?, ?> m) {
        return (Map<String, AttributeValue>) m;
    }
}
