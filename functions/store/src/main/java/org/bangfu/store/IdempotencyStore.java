package org.bangfu.store;

import static org.bangfu.store.Items.num;
import static org.bangfu.store.Items.s;
import static org.bangfu.store.TableDesign.PK;
import static org.bangfu.store.TableDesign.SK;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Idempotency records: the first request with a key claims it (conditional put), does its work,
 * then stores its answer; a retry with the same key gets that answer back instead of acting again.
 * Records expire through the table's TTL (and are treated as absent once expired).
 */
public final class IdempotencyStore {
    public static final Duration KEEP = Duration.ofHours(24);
    private static final Duration IN_PROGRESS_LEASE = Duration.ofSeconds(30);

    private final DynamoDbClient db;
    private final String table;

    public IdempotencyStore(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /** A stored answer. */
    /** The client and table this store works on: what the identity stores are built from, so priming's canned table reaches them too. */
    public DynamoDbClient db() {
        return db;
    }

    public String table() {
        return table;
    }

    public record Answer(int status, String body, String requestHash) {
    }

    /** What happened when a request tried to claim its key. */
    public sealed interface Start permits Started, Replay, InProgress, Mismatch {
    }

    public record Started() implements Start {
    }

    public record Replay(Answer answer) implements Start {
    }

    public record InProgress() implements Start {
    }

    public record Mismatch() implements Start {
    }

    private static Map<String, AttributeValue> record(String scope, String status, String requestHash, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s("IDEMPOTENCY#" + scope));
        item.put(SK, s("IDEMPOTENCY"));
        item.put("type", s("Idempotency"));
        item.put("status", s(status));
        item.put("requestHash", s(requestHash));
        item.put("expiresAt", num(expiresAt.getEpochSecond()));
        return item;
    }

    public Start begin(String scope, String requestHash, Instant now) {
        Map<String, AttributeValue> item = record(scope, "IN_PROGRESS", requestHash, now.plus(KEEP));
        item.put("leaseUntil", num(now.plus(IN_PROGRESS_LEASE).getEpochSecond()));
        try {
            // Free if new, expired (TTL deletes lazily), or an abandoned attempt whose lease ran out.
            db.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now OR (#s = :inProgress AND leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":now", num(now.getEpochSecond()), ":inProgress", s("IN_PROGRESS"))));
            return new Started();
        } catch (ConditionalCheckFailedException e) {
            Optional<Map<String, AttributeValue>> existing = read(scope);
            if (existing.isEmpty()) return begin(scope, requestHash, now);
            Map<String, AttributeValue> m = existing.get();
            if (!requestHash.equals(Items.str(m, "requestHash"))) return new Mismatch();
            if ("COMPLETED".equals(Items.str(m, "status"))) {
                return new Replay(new Answer(Items.i(m, "answerStatus"), Items.str(m, "answerBody"), requestHash));
            }
            return new InProgress();
        }
    }

    /** Stores the answer for retries. */
    public void complete(String scope, Answer answer, Instant now) {
        Map<String, AttributeValue> item = record(scope, "COMPLETED", answer.requestHash(), now.plus(KEEP));
        item.put("answerStatus", num(answer.status()));
        item.put("answerBody", s(answer.body() == null ? "" : answer.body()));
        db.putItem(r -> r.tableName(table).item(item));
    }

    /** The attempt failed on our side: mark it expired, so the retry runs for real (a put, so no delete permission is needed). */
    public void abandon(String scope, Instant now) {
        db.putItem(r -> r.tableName(table).item(record(scope, "ABANDONED", "", now.minusSeconds(1))));
    }

    private Optional<Map<String, AttributeValue>> read(String scope) {
        var item = db.getItem(r -> r.tableName(table).key(Items.key("IDEMPOTENCY#" + scope, "IDEMPOTENCY")).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }
}
