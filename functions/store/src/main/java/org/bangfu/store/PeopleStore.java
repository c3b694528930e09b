package org.bangfu.store;

import static org.bangfu.store.Items.s;
import static org.bangfu.store.Items.str;
import static org.bangfu.store.TableDesign.PK;
import static org.bangfu.store.TableDesign.SK;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Grant;
import org.bangfu.core.Person;
import org.bangfu.core.Role;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * People, their roles and the audit of every change to them, in the one table:
 * <pre>
 * PHONE#+86…     PHONE              → personId (one person per phone, written once)
 * PERSON#id      ID#PROFILE         phone, name, about, createdAt
 * PERSON#id      ID#ROLE#role       one role: area, grantedBy, grantedAt (+ peoplePk/peopleSk while it has an area)
 * AUDIT#PERSON#id AUDIT#at#seq      who changed whose role, what, where, when (also in the people index)
 * </pre>
 * The people index (peoplePk = "PEOPLE#" + province, peopleSk = areaCode#role#personId) lists an
 * area's people by the prefix of its code; audit lines sit beside them under "PEOPLE-AUDIT#" + province.
 */
public final class PeopleStore {
    public static final String INDEX_PEOPLE = "people";
    public static final String PEOPLE_PK = "peoplePk";
    public static final String PEOPLE_SK = "peopleSk";

    /** One change to a person's roles, as the area admin's trail shows it. */
    public record Change(Instant at, String actorId, String action, String personId, Role role, AreaCode area) {
    }

    /** One role holder in an area's list. */
    public record Holder(String personId, String name, String phone, Grant grant) {
    }

    private final DynamoDbClient db;
    private final String table;

    public PeopleStore(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    public Optional<Person> byPhone(String phone) {
        return personIdByPhone(phone).flatMap(this::get);
    }

    /** Who signs in with this (E.164) phone, by id only: one read of the phone item, nothing of their profile. */
    public Optional<String> personIdByPhone(String phone) {
        var item = db.getItem(r -> r.tableName(table).key(Items.key("PHONE#" + phone, "PHONE")).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(str(item, "personId"));
    }

    public Optional<Person> get(String personId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = db.query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                    .expressionAttributeValues(Map.of(":pk", s(TableDesign.personPk(personId)), ":p", s("ID#")))
                    .exclusiveStartKey(start).build());
            items.addAll(page.items());
            start = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
        } while (start != null);
        Map<String, AttributeValue> profile = null;
        Map<Role, Grant> grants = new EnumMap<>(Role.class);
        for (var item : items) {
            String sk = str(item, SK);
            if (sk.equals("ID#PROFILE")) profile = item;
            else if (sk.startsWith("ID#ROLE#")) grant(item).ifPresent(g -> grants.put(g.role(), g));
        }
        if (profile == null) return Optional.empty();
        return Optional.of(new Person(personId, str(profile, "phone"), str(profile, "name"), str(profile, "about"), grants,
                Instant.parse(str(profile, "createdAt"))));
    }

    /** The phone a person signs in with (their profile), the one SMS notices go to; empty for people without one. */
    public Optional<String> phone(String personId) {
        var item = db.getItem(r -> r.tableName(table).key(Items.key(TableDesign.personPk(personId), "ID#PROFILE"))).item();
        String phone = item == null ? null : str(item, "phone");
        return phone == null || phone.isBlank() ? Optional.empty() : Optional.of(phone);
    }

    /**
     * The admins whose area holds {@code area}: its own and every area above it, up to the province
     * (one index query per level, each for exactly that code's admins).
     */
    public List<String> adminsOver(AreaCode area) {
        List<String> out = new ArrayList<>();
        for (AreaCode a = area; a != null; a = a.parent().orElse(null)) {
            Map<String, AttributeValue> start = null;
            do {
                var page = db.query(QueryRequest.builder().tableName(table).indexName(INDEX_PEOPLE)
                        .keyConditionExpression("peoplePk = :pk AND begins_with(peopleSk, :p)")
                        .expressionAttributeValues(Map.of(":pk", s("PEOPLE#" + a.province()), ":p", s(a.code() + "#" + Role.ADMIN.group() + "#")))
                        .exclusiveStartKey(start).build());
                for (var item : page.items()) out.add(str(item, "personId"));
                start = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
            } while (start != null);
        }
        return out;
    }

    /**
     * The person with this phone, made now (no roles) if there is none: the phone item is written
     * only if absent, so two first sign-ins at once make one person.
     */
    public Person getOrCreate(String phone, String newId, String name, Instant now) {
        Optional<Person> existing = byPhone(phone);
        if (existing.isPresent()) return existing.get();
        Map<String, AttributeValue> phoneItem = phoneItem(phone, newId);
        try {
            db.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(phoneItem)
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(profile(newId, phone, name, null, now))
                            .conditionExpression("attribute_not_exists(pk)").build()).build()));
        } catch (TransactionCanceledException e) {
            return byPhone(phone).orElseThrow(() -> new StoreBusy("person being created", e));
        }
        return new Person(newId, phone, name, null, Map.of(), now);
    }

    /** The item that says who signs in with a phone (also for priming's canned table). */
    public static Map<String, AttributeValue> phoneItem(String phone, String personId) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key("PHONE#" + phone, "PHONE"));
        item.put("personId", s(personId));
        item.put("type", s("Phone"));
        return item;
    }

    /** The line about the person (the name stays: see rename); an update, so the profile's marks stay. */
    public void updateAbout(String personId, String about) {
        db.updateItem(u -> u.tableName(table).key(Items.key(TableDesign.personPk(personId), "ID#PROFILE"))
                .updateExpression(about == null ? "REMOVE about" : "SET about = :a").conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(about == null ? null : Map.of(":a", s(about))));
    }

    /** What a rename came to: done, too soon (with when the next one is allowed), or the name changed meanwhile. */
    public sealed interface Renamed {
        record Done() implements Renamed {
        }

        record TooSoon(Instant nextAllowed) implements Renamed {
        }

        record Changed() implements Renamed {
        }
    }

    /**
     * Sets the person's self-chosen name (and line about them), at most once per {@code every}: the
     * profile's nameChosenAt (epoch seconds) is checked in the write itself, so two renames at once or a
     * leave-and-rejoin cannot slip past it; the first name a person chooses is free. The audit line
     * (old → new) and the name copied onto their role items go in the same transaction. A person with
     * no profile yet (a demo sign-in) gets one.
     */
    public Renamed rename(Person p, boolean stored, String newName, String about, Instant now, java.time.Duration every) {
        List<TransactWriteItem> writes = new ArrayList<>();
        if (!stored) {
            Map<String, AttributeValue> item = profile(p.id(), p.phone(), newName, about, p.createdAt());
            item.put("nameChosenAt", Items.num(now.getEpochSecond()));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
        } else {
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":new", s(newName), ":old", s(p.name()),
                    ":now", Items.num(now.getEpochSecond()), ":cutoff", Items.num(now.minus(every).getEpochSecond())));
            String set = "SET #n = :new, nameChosenAt = :now";
            if (about != null) {
                values.put(":about", s(about));
                set += ", about = :about";
            } else {
                set += " REMOVE about";
            }
            String update = set;
            writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(Items.key(TableDesign.personPk(p.id()), "ID#PROFILE"))
                    .updateExpression(update).expressionAttributeNames(Map.of("#n", "name")).expressionAttributeValues(values)
                    .conditionExpression("#n = :old AND (attribute_not_exists(nameChosenAt) OR nameChosenAt <= :cutoff)")).build());
            for (Grant g : p.grants().values()) {
                writes.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                        .key(Items.key(TableDesign.personPk(p.id()), "ID#ROLE#" + g.role().group()))
                        .updateExpression("SET #n = :new").conditionExpression("attribute_exists(pk)")
                        .expressionAttributeNames(Map.of("#n", "name")).expressionAttributeValues(Map.of(":new", s(newName)))).build());
            }
        }
        Map<String, AttributeValue> line = audit(new Change(now, p.id(), "rename", p.id(), Role.HELPER, null));
        if (p.name() != null) line.put("fromName", s(p.name()));
        line.put("toName", s(newName));
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(line)
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        try {
            db.transactWriteItems(r -> r.transactItems(writes));
            return new Renamed.Done();
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().noneMatch(c -> "ConditionalCheckFailed".equals(c.code()))) throw new StoreBusy("rename", e);
            var item = db.getItem(r -> r.tableName(table).key(Items.key(TableDesign.personPk(p.id()), "ID#PROFILE")).consistentRead(true)).item();
            AttributeValue chosen = item == null ? null : item.get("nameChosenAt");
            if (chosen != null && chosen.n() != null) {
                Instant next = Instant.ofEpochSecond(Long.parseLong(chosen.n())).plus(every);
                if (next.isAfter(now)) return new Renamed.TooSoon(next);
            }
            return new Renamed.Changed();
        }
    }

    /** When an area admin took this person's helper role away, or empty: such a person cannot sign up again by themselves. */
    public Optional<Instant> helperRemovedAt(String personId) {
        var item = db.getItem(r -> r.tableName(table).key(Items.key(TableDesign.personPk(personId), "ID#PROFILE")).consistentRead(true)).item();
        String at = item == null ? null : str(item, "helperRemovedAt");
        return at == null ? Optional.empty() : Optional.of(Instant.parse(at));
    }

    /**
     * The person makes themselves a helper, with its audit line; false when an area admin has taken
     * their helper role away (checked on the profile in the same transaction, so it holds against a
     * sign-up racing the removal).
     */
    public boolean joinAsHelper(Person target, Grant g) {
        try {
            db.transactWriteItems(r -> r.transactItems(
                    // Only while not held (a second sign-up at once writes nothing), and never after an admin removed them.
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(roleItem(target, g))
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(Items.key(TableDesign.personPk(target.id()), "ID#PROFILE"))
                            .conditionExpression("attribute_not_exists(helperRemovedAt)")).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(audit(new Change(g.grantedAt(), g.grantedBy(), "helper-join", target.id(), g.role(), g.area())))
                            .conditionExpression("attribute_not_exists(pk)").build()).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(c -> "ConditionalCheckFailed".equals(c.code()))) return false;
            throw new StoreBusy("helper sign-up", e);
        }
    }

    /**
     * An area admin takes a person's helper role away: the role goes (if still the grant the admin
     * saw), the profile is marked so the person cannot sign up again by themselves, and the audit line
     * carries the admin's area so it shows in that area's trail; one transaction. False when the role
     * was already gone or changed.
     */
    public boolean removeHelper(String personId, Grant expected, String adminId, AreaCode adminArea, Instant at) {
        try {
            db.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().delete(d -> d.tableName(table)
                            .key(Items.key(TableDesign.personPk(personId), "ID#ROLE#" + expected.role().group()))
                            .conditionExpression("grantedAt = :at").expressionAttributeValues(Map.of(":at", s(expected.grantedAt().toString())))).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(Items.key(TableDesign.personPk(personId), "ID#PROFILE"))
                            .updateExpression("SET helperRemovedAt = :at, helperRemovedBy = :by").conditionExpression("attribute_exists(pk)")
                            .expressionAttributeValues(Map.of(":at", s(at.toString()), ":by", s(adminId)))).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(audit(new Change(at, adminId, "remove-helper", personId, Role.HELPER, adminArea)))
                            .conditionExpression("attribute_not_exists(pk)").build()).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(c -> "ConditionalCheckFailed".equals(c.code()))) return false;
            throw new StoreBusy("helper removal", e);
        }
    }

    /**
     * Grants (or moves) one role, with its audit line, in one transaction, only while the role is
     * still as the caller saw it ({@code expected}: the grant read, null when none was held), so a
     * move decided on a grant that changed meanwhile writes nothing; false then.
     */
    public boolean grant(Person target, Grant g, String action, Grant expected) {
        Map<String, AttributeValue> item = roleItem(target, g);
        Put.Builder role = Put.builder().tableName(table).item(item);
        if (expected == null) role.conditionExpression("attribute_not_exists(pk)");
        else role.conditionExpression("grantedAt = :at").expressionAttributeValues(Map.of(":at", s(expected.grantedAt().toString())));
        try {
            db.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(role.build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(audit(new Change(g.grantedAt(), g.grantedBy(), action, target.id(), g.role(), g.area())))
                            .conditionExpression("attribute_not_exists(pk)").build()).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(c -> "ConditionalCheckFailed".equals(c.code()))) return false;
            throw new StoreBusy("grant", e);
        }
    }

    private static Map<String, AttributeValue> roleItem(Person target, Grant g) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(TableDesign.personPk(target.id()), "ID#ROLE#" + g.role().group()));
        item.put("type", s("Role"));
        item.put("personId", s(target.id()));
        item.put("role", s(g.role().group()));
        item.put("name", s(target.name()));
        if (target.phone() != null) item.put("phone", s(target.phone()));
        item.put("grantedBy", s(g.grantedBy()));
        item.put("grantedAt", s(g.grantedAt().toString()));
        if (g.area() != null) {
            item.put("areaCode", s(g.area().code()));
            item.put(PEOPLE_PK, s("PEOPLE#" + g.area().province()));
            item.put(PEOPLE_SK, s(g.area().code() + "#" + g.role().group() + "#" + target.id()));
        }
        return item;
    }

    /** Removes one role if it is still the grant the caller saw, with its audit line; false when it was already gone or changed. */
    public boolean dismiss(String personId, Grant expected, String actorId, String action, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":at", s(expected.grantedAt().toString()));
        try {
            db.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().delete(d -> d.tableName(table)
                            .key(Items.key(TableDesign.personPk(personId), "ID#ROLE#" + expected.role().group()))
                            .conditionExpression("grantedAt = :at").expressionAttributeValues(values)).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(audit(new Change(at, actorId, action, personId, expected.role(), expected.area())))
                            .conditionExpression("attribute_not_exists(pk)").build()).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(c -> "ConditionalCheckFailed".equals(c.code()))) return false;
            throw new StoreBusy("dismissal", e);
        }
    }

    /** The role holders in {@code area} and below (one role, or all), at most {@code limit}. */
    public List<Holder> holders(AreaCode area, Role role, int limit) {
        List<Holder> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = db.query(QueryRequest.builder().tableName(table).indexName(INDEX_PEOPLE)
                    .keyConditionExpression("peoplePk = :pk AND begins_with(peopleSk, :p)")
                    .expressionAttributeValues(Map.of(":pk", s("PEOPLE#" + area.province()), ":p", s(area.prefix())))
                    .exclusiveStartKey(start).build());
            for (var item : page.items()) {
                Optional<Grant> g = grant(item);
                if (g.isEmpty() || (role != null && g.get().role() != role)) continue;
                out.add(new Holder(str(item, "personId"), str(item, "name"), str(item, "phone"), g.get()));
                if (out.size() >= limit) return out;
            }
            start = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
        } while (start != null);
        return out;
    }

    /** The latest changes to people's roles in {@code area} and below, newest first. */
    public List<Change> changes(AreaCode area, int limit) {
        List<Change> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = db.query(QueryRequest.builder().tableName(table).indexName(INDEX_PEOPLE)
                    .keyConditionExpression("peoplePk = :pk AND begins_with(peopleSk, :p)")
                    .expressionAttributeValues(Map.of(":pk", s("PEOPLE-AUDIT#" + area.province()), ":p", s(area.prefix())))
                    .exclusiveStartKey(start).build());
            for (var item : page.items()) {
                out.add(new Change(Instant.parse(str(item, "at")), str(item, "actorId"), str(item, "action"), str(item, "personId"),
                        Role.fromGroup(str(item, "role")).orElse(null), AreaCode.parse(str(item, "areaCode")).orElse(null)));
            }
            start = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
        } while (start != null && out.size() < 2000);
        out.sort(Comparator.comparing(Change::at).reversed());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    private Map<String, AttributeValue> profile(String id, String phone, String name, String about, Instant createdAt) {
        Map<String, AttributeValue> m = new HashMap<>(Items.key(TableDesign.personPk(id), "ID#PROFILE"));
        m.put("type", s("Person"));
        m.put("id", s(id));
        if (phone != null) m.put("phone", s(phone)); // none for demo people signed in with a dev token
        m.put("name", s(name));
        if (about != null) m.put("about", s(about));
        m.put("createdAt", s(createdAt.toString()));
        return m;
    }

    private static Map<String, AttributeValue> audit(Change c) {
        String seq = org.bangfu.core.Ids.need().substring(1);
        Map<String, AttributeValue> m = new HashMap<>(Items.key(TableDesign.auditPk(TableDesign.personPk(c.personId())), "AUDIT#" + c.at() + "#" + seq));
        m.put("type", s("PeopleAudit"));
        m.put("at", s(c.at().toString()));
        m.put("actorId", s(c.actorId()));
        m.put("action", s(c.action()));
        m.put("personId", s(c.personId()));
        m.put("role", s(c.role().group()));
        if (c.area() != null) {
            m.put("areaCode", s(c.area().code()));
            m.put(PEOPLE_PK, s("PEOPLE-AUDIT#" + c.area().province()));
            m.put(PEOPLE_SK, s(c.area().code() + "#" + c.at() + "#" + seq));
        }
        return m;
    }

    private static Optional<Grant> grant(Map<String, AttributeValue> item) {
        Optional<Role> role = Role.fromGroup(str(item, "role"));
        if (role.isEmpty() || str(item, "grantedAt") == null) return Optional.empty();
        return Optional.of(new Grant(role.get(), AreaCode.parse(str(item, "areaCode")).orElse(null), str(item, "grantedBy"),
                Instant.parse(str(item, "grantedAt"))));
    }
}
