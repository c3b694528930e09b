package org.bangfu.store;

import static org.bangfu.store.Items.s;
import static org.bangfu.store.Items.str;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Which person a WeChat identity signs in as. One openid (of one official account) belongs to one
 * person, and a person links one WeChat: both sides are written in one transaction, each only if
 * absent (or already this very link), so two people linking the same openid at once cannot both win.
 * <pre>
 * WXOPENID#appId#openid   WXOPENID    personId, unionid?, linkedAt
 * PERSON#id               ID#WECHAT   appId, openid, unionid?, linkedAt
 * </pre>
 */
public final class WeChatLinks {
    /** LINKED also when this person had linked this openid before (linking again is harmless). */
    public enum Outcome { LINKED, OPENID_TAKEN, PERSON_HAS_ANOTHER }

    private static final int ATTEMPTS = 8;

    private final DynamoDbClient db;
    private final String table;

    public WeChatLinks(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    private static Map<String, AttributeValue> openidKey(String appId, String openid) {
        return Items.key("WXOPENID#" + appId + "#" + openid, "WXOPENID");
    }

    /** The person this openid is linked to, read consistently (a link just made must sign in). */
    public Optional<String> personOf(String appId, String openid) {
        var item = db.getItem(r -> r.tableName(table).key(openidKey(appId, openid)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(str(item, "personId"));
    }

    /** A person's link as they may see it: when it was made (the openid is WeChat's, not shown to anyone). */
    public record Link(String appId, String openid, Instant linkedAt) {}

    /** This person's link, read consistently (the page asks right after linking or unlinking). */
    public Optional<Link> linkOf(String personId) {
        var item = db.getItem(r -> r.tableName(table).key(Items.key(TableDesign.personPk(personId), "ID#WECHAT")).consistentRead(true)).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        return Optional.of(new Link(str(item, "appId"), str(item, "openid"), Instant.parse(str(item, "linkedAt"))));
    }

    /**
     * Removes this person's link, both items in one transaction, each only if it is still this very
     * link: an unlink never removes what another person linked since. False when there was none.
     */
    public boolean unlink(String personId) {
        TransactionCanceledException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Link> link = linkOf(personId);
            if (link.isEmpty()) return false;
            Link l = link.get();
            try {
                db.transactWriteItems(r -> r.transactItems(
                        TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(openidKey(l.appId(), l.openid()))
                                .conditionExpression("personId = :me")
                                .expressionAttributeValues(Map.of(":me", s(personId))).build()).build(),
                        TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                                .key(Items.key(TableDesign.personPk(personId), "ID#WECHAT"))
                                .conditionExpression("appId = :app AND openid = :o")
                                .expressionAttributeValues(Map.of(":app", s(l.appId()), ":o", s(l.openid()))).build()).build()));
                return true;
            } catch (TransactionCanceledException e) {
                last = e; // unlinked (or relinked) meanwhile, or in flight: read again and decide on what is there now
                pause(attempt);
            }
        }
        throw new StoreBusy("WeChat link being written", last);
    }

    /** Links openid → person (both items, one transaction); retried while another link of the same items is in flight. */
    public Outcome link(String appId, String openid, String unionid, String personId, Instant now) {
        Map<String, AttributeValue> byOpenid = new HashMap<>(openidKey(appId, openid));
        byOpenid.put("type", s("WeChatLink"));
        byOpenid.put("personId", s(personId));
        byOpenid.put("linkedAt", s(now.toString()));
        if (unionid != null) byOpenid.put("unionid", s(unionid));
        Map<String, AttributeValue> byPerson = new HashMap<>(Items.key(TableDesign.personPk(personId), "ID#WECHAT"));
        byPerson.put("type", s("WeChatLink"));
        byPerson.put("appId", s(appId));
        byPerson.put("openid", s(openid));
        byPerson.put("linkedAt", s(now.toString()));
        if (unionid != null) byPerson.put("unionid", s(unionid));
        TransactionCanceledException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                db.transactWriteItems(r -> r.transactItems(
                        TransactWriteItem.builder().put(Put.builder().tableName(table).item(byOpenid)
                                .conditionExpression("attribute_not_exists(pk) OR personId = :me")
                                .expressionAttributeValues(Map.of(":me", s(personId))).build()).build(),
                        TransactWriteItem.builder().put(Put.builder().tableName(table).item(byPerson)
                                .conditionExpression("attribute_not_exists(pk) OR (appId = :app AND openid = :o)")
                                .expressionAttributeValues(Map.of(":app", s(appId), ":o", s(openid))).build()).build()));
                return Outcome.LINKED;
            } catch (TransactionCanceledException e) {
                var reasons = e.cancellationReasons();
                if (failed(reasons, 0)) return Outcome.OPENID_TAKEN;
                if (failed(reasons, 1)) return Outcome.PERSON_HAS_ANOTHER;
                last = e; // a transaction conflict: the other link of these items is in flight; its outcome decides ours
                pause(attempt);
            }
        }
        throw new StoreBusy("WeChat link being written", last);
    }

    private static boolean failed(java.util.List<CancellationReason> reasons, int i) {
        return reasons.size() > i && "ConditionalCheckFailed".equals(reasons.get(i).code());
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(Math.min(64, 4 << attempt)) + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreBusy("interrupted", e);
        }
    }
}
