package org.bangfu.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The official account's access_token and jsapi_ticket, shared by every instance of every function
 * (a refresh at WeChat invalidates the previous token for all of them), and the lease that lets one
 * caller at a time refresh one of them.
 * <pre>
 * WECHAT#appId   ACCESS_TOKEN | JSAPI_TICKET   value, validUntil (epoch s), leaseOwner, leaseUntil (epoch ms), expiresAt (TTL)
 * </pre>
 */
public final class WeChatStore {
    /** A cached credential: its value (null before the first refresh), until when it is valid, and whether someone holds its lease. */
    public record Cached(String value, long validUntilEpochSecond, long leaseUntilEpochMilli) {
    }

    private final DynamoDbClient db;
    private final String table;

    public WeChatStore(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String appId, String kind) {
        return Map.of(TableDesign.PK, AttributeValue.fromS("WECHAT#" + appId), TableDesign.SK, AttributeValue.fromS(kind));
    }

    /** The cached credential, read consistently (a refresh just written must be seen). */
    public Optional<Cached> get(String appId, String kind) {
        var item = db.getItem(r -> r.tableName(table).key(key(appId, kind)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(new Cached(item.containsKey("value") ? item.get("value").s() : null,
                item.containsKey("validUntil") ? Long.parseLong(item.get("validUntil").n()) : 0,
                item.containsKey("leaseUntil") ? Long.parseLong(item.get("leaseUntil").n()) : 0));
    }

    /**
     * Takes the refresh lease if nobody holds it (or the holder's lease ran out) and the cached value is
     * still the one the caller saw (null: none); false if another caller got there first.
     */
    public boolean lease(String appId, String kind, String owner, String seenValue, long nowMillis, long leaseUntilMillis) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":now", n(nowMillis), ":until", n(leaseUntilMillis), ":owner", AttributeValue.fromS(owner)));
        if (seenValue != null) values.put(":seen", AttributeValue.fromS(seenValue));
        try {
            db.updateItem(r -> r.tableName(table).key(key(appId, kind))
                    .updateExpression("SET leaseOwner = :owner, leaseUntil = :until")
                    .conditionExpression("(attribute_not_exists(leaseUntil) OR leaseUntil < :now) AND " + seenCondition(seenValue))
                    .expressionAttributeNames(Map.of("#v", "value"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static String seenCondition(String seenValue) {
        return seenValue == null ? "attribute_not_exists(#v)" : "#v = :seen";
    }

    /** The lease holder stores what it fetched and gives the lease back; false if its lease was taken over meanwhile. */
    public boolean store(String appId, String kind, String owner, String value, long validUntilEpochSecond, long expiresAtEpochSecond) {
        try {
            db.updateItem(r -> r.tableName(table).key(key(appId, kind))
                    .updateExpression("SET #v = :v, validUntil = :valid, expiresAt = :ttl REMOVE leaseOwner, leaseUntil")
                    .conditionExpression("leaseOwner = :owner")
                    .expressionAttributeNames(Map.of("#v", "value"))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value), ":valid", n(validUntilEpochSecond),
                            ":ttl", n(expiresAtEpochSecond), ":owner", AttributeValue.fromS(owner))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Gives the lease back without a new value (the refresh failed), so the next caller may try at once. */
    public void release(String appId, String kind, String owner) {
        try {
            db.updateItem(r -> r.tableName(table).key(key(appId, kind))
                    .updateExpression("REMOVE leaseOwner, leaseUntil")
                    .conditionExpression("leaseOwner = :owner")
                    .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner))));
        } catch (ConditionalCheckFailedException e) {
            // someone else's lease by now: nothing of ours to give back
        }
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
