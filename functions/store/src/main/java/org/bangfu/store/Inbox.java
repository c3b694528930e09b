package org.bangfu.store;

import static org.bangfu.store.Items.s;
import static org.bangfu.store.Items.str;
import static org.bangfu.store.TableDesign.PK;
import static org.bangfu.store.TableDesign.SK;
import static org.bangfu.store.TableDesign.personPk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.core.Notice;
import org.bangfu.core.Notifications;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A person's inbox: pk PERSON#id, sk NOTE#at#key. The sort key is made only from the change that
 * caused the notice, so writing it on condition that it is new makes a stream record seen twice a
 * no-op (the same guarantee as points). A line keeps the notice's facts, not a text: the text is
 * rendered when read, in the language the person has chosen by then. The person's settings
 * (language, SMS opt-out) are pk PERSON#id, sk NOTIFY. The SMS of a notice leaves two markers,
 * written together and only if both are new: SMSSENT#noticeKey (this notice's SMS, once) and
 * SMSDAY#need#day (one SMS per person per need per China day); one held for the morning is
 * SMSHELD#noticeKey, in the due index under SMS-HELD until sent.
 */
public final class Inbox {
    public static final int PAGE = 50;
    static final String NOTE = "NOTE#";
    private final Table t;

    public Inbox(DynamoDbClient db, String table) {
        this.t = new Table(db, table);
    }

    public record Settings(String language, boolean sms) {
        public static final Settings DEFAULT = new Settings("zh-CN", true);
    }

    /** One line as stored; {@code id} is its sort key (what "mark read" names). */
    public record Line(String id, Notice notice, boolean read) {
    }

    /** @return true if written now, false if this notice was already in the inbox */
    public boolean write(Notice n) {
        try {
            t.db.putItem(r -> r.tableName(t.name).item(item(n)).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException seen) {
            return false;
        }
    }

    /** The newest {@value #PAGE} lines, newest first. */
    public List<Line> latest(String personId) {
        var r = t.db.query(q -> q.tableName(t.name).keyConditionExpression("pk = :p AND begins_with(sk, :n)")
                .expressionAttributeValues(Map.of(":p", s(personPk(personId)), ":n", s(NOTE))).scanIndexForward(false).limit(PAGE));
        List<Line> out = new ArrayList<>();
        for (var i : r.items()) out.add(new Line(str(i, SK), toNotice(i), Boolean.TRUE.equals(i.get("read").bool())));
        return out;
    }

    /** Whether {@code id} has the shape of a line's id (what the API accepts to mark read). */
    public static boolean isLineId(String id) {
        return id != null && id.startsWith(NOTE) && id.length() <= 200;
    }

    /** Marks one line read (a line of someone else's inbox is simply not found). */
    public boolean markRead(String personId, String id) {
        try {
            t.db.updateItem(r -> r.tableName(t.name).key(Items.key(personPk(personId), id))
                    .conditionExpression("attribute_exists(pk) AND #r = :f").updateExpression("SET #r = :t")
                    .expressionAttributeNames(Map.of("#r", "read"))
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true), ":f", AttributeValue.fromBool(false))));
            return true;
        } catch (ConditionalCheckFailedException missingOrRead) {
            return false;
        }
    }

    public Settings settings(String personId) {
        var item = t.get(Items.key(personPk(personId), "NOTIFY"), false);
        if (item == null) return Settings.DEFAULT;
        AttributeValue sms = item.get("sms");
        return new Settings(Notifications.language(str(item, "language")), sms == null || !Boolean.FALSE.equals(sms.bool()));
    }

    public void saveSettings(String personId, Settings settings) {
        t.db.putItem(r -> r.tableName(t.name).item(Map.of(PK, s(personPk(personId)), SK, s("NOTIFY"), "type", s("NotifySettings"),
                "language", s(settings.language()), "sms", AttributeValue.fromBool(settings.sms()))));
    }

    /** The phone the person signs in with, from identity's people records; empty when we have none. */
    public Optional<String> phone(String personId) {
        return new PeopleStore(t.db, t.name).phone(personId);
    }

    /**
     * Takes the right to send this notice's SMS now: true once per notice, and only if no other SMS
     * about its need went to the person on this China day ({@code now}'s).
     */
    public boolean takeSmsSlot(Notice n, Instant now) {
        String pk = personPk(n.personId());
        return ExactlyOnce.write(t.db, List.of(
                t.put(marker(pk, "SMSSENT#" + n.key(), "SmsSent"), "attribute_not_exists(pk)", Map.of()),
                t.put(marker(pk, smsDay(n, now), "SmsDay"), "attribute_not_exists(pk)", Map.of())));
    }

    /** Gives the slot back after the provider refused the message, so a later attempt may send it. */
    public void releaseSmsSlot(Notice n, Instant now) {
        String pk = personPk(n.personId());
        t.db.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().delete(Delete.builder().tableName(t.name).key(Items.key(pk, "SMSSENT#" + n.key())).build()).build(),
                TransactWriteItem.builder().delete(Delete.builder().tableName(t.name).key(Items.key(pk, smsDay(n, now))).build()).build()));
    }

    /** A notice whose SMS waits (quiet hours, or a provider that failed): when it may go, and how often it was tried. */
    public record Held(Notice notice, Instant sendAt, int attempts) {
    }

    /**
     * Holds a notice's SMS until {@code sendAt} (quiet hours): written only if the notice was neither
     * held nor sent before, so a replayed record holds nothing more.
     * @return true if held now
     */
    public boolean hold(Notice n, Instant sendAt) {
        return ExactlyOnce.write(t.db, List.of(
                t.put(heldItem(n, sendAt, 0), "attribute_not_exists(pk)", Map.of()),
                TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(t.name)
                        .key(Items.key(personPk(n.personId()), "SMSSENT#" + n.key())).conditionExpression("attribute_not_exists(pk)").build()).build()));
    }

    /** Holds (again) an SMS the provider did not take, to be tried at {@code sendAt}. */
    public void retryLater(Notice n, Instant sendAt, int attempts) {
        t.db.putItem(r -> r.tableName(t.name).item(heldItem(n, sendAt, attempts)));
    }

    private static Map<String, AttributeValue> heldItem(Notice n, Instant sendAt, int attempts) {
        Map<String, AttributeValue> item = item(n);
        item.put(SK, s("SMSHELD#" + n.key()));
        item.put("type", s("SmsHeld"));
        item.remove("read");
        item.put("sendAt", s(sendAt.toString()));
        item.put("attempts", Items.num(attempts));
        item.put(TableDesign.DUE_PK, s("SMS-HELD"));
        item.put(TableDesign.DUE_SK, s(sendAt + "#" + n.personId() + "#" + n.key()));
        return item;
    }

    /** Held SMS whose time has come, oldest first. */
    public List<Held> heldDue(Instant now, int limit) {
        var r = t.db.query(q -> q.tableName(t.name).indexName(TableDesign.INDEX_DUE)
                .keyConditionExpression(TableDesign.DUE_PK + " = :p AND " + TableDesign.DUE_SK + " <= :t")
                .expressionAttributeValues(Map.of(":p", s("SMS-HELD"), ":t", s(now + "#~"))).limit(limit));
        return r.items().stream().map(i -> new Held(toNotice(i), Instant.parse(str(i, "sendAt")), Items.i(i, "attempts"))).toList();
    }

    public void dropHeld(Notice n) {
        t.db.deleteItem(r -> r.tableName(t.name).key(Items.key(personPk(n.personId()), "SMSHELD#" + n.key())));
    }

    private static String smsDay(Notice n, Instant now) {
        return "SMSDAY#" + n.needId() + "#" + Notifications.smsDay(now);
    }

    private static Map<String, AttributeValue> marker(String pk, String sk, String type) {
        return Map.of(PK, s(pk), SK, s(sk), "type", s(type));
    }

    /** The notice of a line's item (as stored or as the stream shows it); empty for any other item. */
    public static Optional<Notice> notice(Map<String, AttributeValue> image) {
        if (image == null || !"Notice".equals(str(image, "type"))) return Optional.empty();
        return Optional.of(toNotice(image));
    }

    private static Notice toNotice(Map<String, AttributeValue> i) {
        Map<String, String> params = new HashMap<>();
        AttributeValue p = i.get("params");
        if (p != null && p.hasM()) p.m().forEach((k, v) -> params.put(k, v.s()));
        String pk = str(i, PK);
        return new Notice(str(i, "key"), pk.substring("PERSON#".length()), Notice.Kind.valueOf(str(i, "kind")), str(i, "needId"),
                str(i, "claimId"), Instant.parse(str(i, "at")), params);
    }

    private static Map<String, AttributeValue> item(Notice n) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(personPk(n.personId())));
        item.put(SK, s(NOTE + n.at() + "#" + n.key()));
        item.put("type", s("Notice"));
        item.put("key", s(n.key()));
        item.put("kind", s(n.kind().name()));
        Items.putIfSet(item, "needId", n.needId());
        Items.putIfSet(item, "claimId", n.claimId());
        item.put("at", s(n.at().toString()));
        Map<String, AttributeValue> params = new HashMap<>();
        n.params().forEach((k, v) -> params.put(k, s(v)));
        item.put("params", AttributeValue.fromM(params));
        item.put("read", AttributeValue.fromBool(false));
        return item;
    }
}
