package org.bangfu.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The table and the few ways every store part reads and writes it. Not exposed: callers get domain objects. */
final class Table {
    final DynamoDbClient db;
    final String name;

    Table(DynamoDbClient db, String name) {
        this.db = db;
        this.name = name;
    }

    Map<String, AttributeValue> get(Map<String, AttributeValue> key, boolean consistent) {
        var item = db.getItem(r -> r.tableName(name).key(key).consistentRead(consistent)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += 100) {
            Map<String, KeysAndAttributes> request = Map.of(name,
                    KeysAndAttributes.builder().keys(keys.subList(from, Math.min(keys.size(), from + 100))).build());
            while (!request.isEmpty()) {
                final Map<String, KeysAndAttributes> req = request;
                BatchGetItemResponse response = db.batchGetItem(r -> r.requestItems(req));
                out.addAll(response.responses().getOrDefault(name, List.of()));
                request = response.unprocessedKeys();
            }
        }
        return out;
    }

    <T> List<T> queryAll(QueryRequest request, Function<Map<String, AttributeValue>, T> map) {
        List<T> out = new ArrayList<>();
        db.queryPaginator(request.toBuilder().tableName(name).build()).items().forEach(i -> out.add(map.apply(i)));
        return out;
    }

    TransactWriteItem put(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        Put.Builder p = Put.builder().tableName(name).item(item);
        if (condition != null) {
            p.conditionExpression(condition);
            if (!values.isEmpty()) p.expressionAttributeValues(values);
        }
        return TransactWriteItem.builder().put(p.build()).build();
    }

    void transact(List<TransactWriteItem> writes) {
        db.transactWriteItems(r -> r.transactItems(writes));
    }

    static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons != null && reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    /** A failed condition or a conflicting transaction both mean: re-read and decide again. */
    static RuntimeException busyOrStale(TransactionCanceledException e) {
        if (e.cancellationReasons() != null) {
            for (CancellationReason r : e.cancellationReasons()) {
                String code = r.code();
                if ("ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code)) return new StaleWrite(code);
                if ("ThrottlingError".equals(code) || "ProvisionedThroughputExceeded".equals(code)) {
                    return new StoreBusy("DynamoDB is throttling, try again", e);
                }
            }
        }
        return e;
    }

    /** Makes sort keys written in the same millisecond distinct. */
    static String suffix() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffffffL, 36);
    }
}
