package org.bangfu.local;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
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
            calls.add("s3:" + op + " " + bucket + (key.contains("/") ? key.substring(0, key.indexOf('/') + 1) : "") + "*");
        } else if (request instanceof software.amazon.awssdk.services.secretsmanager.model.SecretsManagerRequest sm) {
            // A secret by its template parameter (the fake WeChat's is the WeChatSecretArn a pilot passes).
            String id = sm.getValueForField("SecretId", String.class).orElse("");
            calls.add("secretsmanager:" + request.getClass().getSimpleName().replace("Request", "") + " secret/"
                    + (id.equals(FakeWeChat.SECRET_ARN) ? "WeChatSecretArn" : id));
        } else if (request instanceof TransactWriteItemsRequest t) {
            // IAM authorises each item of a transaction by its own action.
            for (TransactWriteItem i : t.transactItems()) {
                if (i.put() != null) calls.add("dynamodb:PutItem table");
                if (i.update() != null) calls.add("dynamodb:UpdateItem table");
                if (i.delete() != null) calls.add("dynamodb:DeleteItem table");
                if (i.conditionCheck() != null) calls.add("dynamodb:ConditionCheckItem table");
            }
        } else if (request instanceof QueryRequest q) {
            calls.add("dynamodb:Query " + (q.indexName() == null ? "table" : "index/" + q.indexName()));
        } else if (request instanceof BatchGetItemRequest) {
            calls.add("dynamodb:BatchGetItem table");
        } else {
            String op = request.getClass().getSimpleName().replace("Request", "");
            calls.add("dynamodb:" + op + " table");
        }
    }
}
