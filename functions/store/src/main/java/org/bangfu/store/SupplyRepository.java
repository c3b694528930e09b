package org.bangfu.store;

import static org.bangfu.store.Items.num;
import static org.bangfu.store.Items.s;
import static org.bangfu.store.SupplyItems.offerPk;
import static org.bangfu.store.SupplyItems.orgPk;
import static org.bangfu.store.TableDesign.*;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Category;
import org.bangfu.core.ClaimOrigin;
import org.bangfu.core.DomainException;
import org.bangfu.core.MemberRole;
import org.bangfu.core.Offer;
import org.bangfu.core.OfferState;
import org.bangfu.core.Organisation;
import org.bangfu.core.OrganisationState;
import org.bangfu.core.Proposal;
import org.bangfu.core.ProposalState;
import org.bangfu.core.Supply;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Organisations, their members, offers and proposals. As for needs, each write restates the rule it
 * relies on as a condition: an organisation acts only while verified and only through its members,
 * an offer's capacity is taken only while that much remains (so it is never over-committed however
 * many accept at once), a proposal is answered once.
 */
public final class SupplyRepository {
    private static final Pattern OFFER_CURSOR = Pattern.compile("\\d{12}#\\d{4}-\\d{2}-\\d{2}#f[a-z0-9]{12}");
    private static final int MAX_PAGE = 50;

    /**
     * Offer.isListed as the index read restates it: not past its date, a monthly offer not full this month,
     * and not withdrawn (a claim given back re-adds the index keys without reading the offer).
     */
    private static final String LISTED = "#until >= :today AND (attribute_not_exists(#period) OR #period <> :month OR remaining > :zero)"
            + " AND #state = :open";
    private static final Map<String, String> LISTED_NAMES = Map.of("#until", "until", "#period", "capPeriod", "#state", "state");

    private final DynamoDbClient db;
    private final String table;
    private final NeedStore needs;

    public SupplyRepository(DynamoDbClient db, String table, NeedStore needs) {
        this.db = db;
        this.table = table;
        this.needs = needs;
    }

    // ---- organisations ------------------------------------------------------------------

    public record OrganisationView(Organisation organisation, int helpedClaims, int helpedUnits, long helpedValueYuan) {
    }

    public Optional<OrganisationView> organisation(String id) {
        var item = db.getItem(r -> r.tableName(table).key(Items.key(orgPk(id), "ORG")).consistentRead(true)).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        var c = SupplyItems.Contribution.of(item);
        return Optional.of(new OrganisationView(SupplyItems.toOrganisation(item), c.claims(), c.units(), c.valueYuan()));
    }

    public boolean isMember(String organisationId, String personId) {
        var item = db.getItem(r -> r.tableName(table).key(Items.key(orgPk(organisationId), "MEMBER#" + personId)).consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    public record MemberOf(String organisationId, String organisationName) {
    }

    /** The organisations a person acts for. */
    public List<MemberOf> memberships(String personId) {
        return owned("USER#" + personId, "ORG#", 50).stream()
                .map(m -> new MemberOf(Items.str(m, "organisationId"), Items.str(m, "organisationName"))).toList();
    }

    /** An organisation's members, its manager(s) included. */
    public List<Supply.Membership> members(Organisation o) {
        List<Supply.Membership> out = new ArrayList<>();
        db.queryPaginator(q -> q.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :m)")
                        .expressionAttributeValues(Map.of(":pk", s(orgPk(o.id())), ":m", s("MEMBER#"))))
                .items().forEach(m -> out.add(SupplyItems.toMembership(m, o.registeredBy())));
        return out;
    }

    /** A person's membership of an organisation, if any. */
    public Optional<Supply.Membership> membership(Organisation o, String personId) {
        var item = db.getItem(r -> r.tableName(table).key(Items.key(orgPk(o.id()), "MEMBER#" + personId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(SupplyItems.toMembership(item, o.registeredBy()));
    }

    /**
     * Takes a person off: only while they are still a member and not its manager (the one who answers
     * for it), and, when the manager takes them off, only while that one is still the manager; the audit
     * line in the same transaction. Their claims and points are theirs and stay; a claim for the
     * organisation needs the member item, so they can no longer make one.
     */
    public void removeMember(Supply.Removal r, Organisation o) {
        Supply.Membership m = r.target();
        Manages notManager = Manages.rule(o, false);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(Items.key(orgPk(m.organisationId()), "MEMBER#" + m.personId()))
                .conditionExpression(notManager.expression()).expressionAttributeNames(notManager.names())
                .expressionAttributeValues(notManager.values()).build()).build());
        if (!r.left()) writes.add(managerCheck(o, r.by().personId()));
        writes.add(audit(o, r.actorId(), r.left() ? "leave-organisation" : "remove-member", who(o, m), r.at()));
        transact(writes);
    }

    /**
     * A hand-over, both items as read: the one handing over is still the manager and becomes a member,
     * the other is still a member (not the manager) and becomes the manager. One transaction, so of
     * racing hand-overs one wins and the organisation always has exactly one manager.
     */
    public void handOver(Supply.HandOver h, Organisation o) {
        transact(List.of(setRole(o, h.from().personId(), MemberRole.MEMBER, Manages.rule(o, true)),
                setRole(o, h.to().personId(), MemberRole.MANAGER, Manages.rule(o, false)),
                audit(o, h.from().personId(), "hand-over", who(o, h.from()) + " → " + h.to().personName() + " (" + h.to().personId() + ")", h.at())));
    }

    private TransactWriteItem setRole(Organisation o, String personId, MemberRole role, Manages before) {
        Map<String, AttributeValue> values = new HashMap<>(before.values());
        values.put(":new", s(role.name()));
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Items.key(orgPk(o.id()), "MEMBER#" + personId))
                .conditionExpression(before.expression()).updateExpression("SET #role = :new")
                .expressionAttributeNames(before.names()).expressionAttributeValues(values).build()).build();
    }

    /**
     * Who manages an organisation, the one rule as a condition on a member item (as
     * {@link SupplyItems#toMembership} reads it): the item exists and its role is MANAGER, or it was
     * written before roles were kept and is the registrant's (until a hand-over gives it a role).
     * {@code manages=false}: the item exists and is not the manager's. Adding, taking off and handing
     * over all restate it.
     */
    record Manages(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        private static final String IS = "(#role = :manager OR (attribute_not_exists(#role) AND personId = :registrant))";

        static Manages rule(Organisation o, boolean manages) {
            return new Manages("attribute_exists(pk) AND " + (manages ? IS : "NOT " + IS), Map.of("#role", "role"),
                    Map.of(":manager", s(MemberRole.MANAGER.name()), ":registrant", s(o.registeredBy())));
        }
    }

    /** A condition that {@code personId} is still the organisation's manager. */
    private TransactWriteItem managerCheck(Organisation o, String personId) {
        Manages m = Manages.rule(o, true);
        return check(orgPk(o.id()), "MEMBER#" + personId, m.expression(), m.values(), m.names());
    }

    /** A line in the organisation's audit trail (its area's, for the admins), only ever added. */
    private TransactWriteItem audit(Organisation o, String actorId, String action, String detail, java.time.Instant at) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(SupplyItems.audit(orgPk(o.id()), o.id(), o.area(), actorId, action, detail, at))
                .conditionExpression(AuditTrail.APPEND_ONLY).build()).build();
    }

    /** Whom a member line is about: the organisation, the member's name and id. */
    private static String who(Organisation o, Supply.Membership m) {
        return o.name() + " · " + m.personName() + " (" + m.personId() + ")";
    }

    public void register(Supply.Registration r) {
        Organisation o = r.organisation();
        transact(List.of(put(SupplyItems.organisation(o), "attribute_not_exists(pk)", Map.of()),
                put(SupplyItems.member(r.firstMember(), o), null, Map.of())));
    }

    /** Verified or rejected: only if nobody decided it meanwhile. */
    public void decide(Organisation before, Organisation after) {
        Map<String, AttributeValue> item = SupplyItems.organisation(after);
        // The contribution counters live on the same item: keep them (none yet before verification).
        transact(List.of(put(item, "version = :v AND #state = :pending", Map.of(":v", num(before.version()),
                ":pending", s(OrganisationState.PENDING.name())), Map.of("#state", "state"))));
    }

    /** A new member: only if not one yet, and only while the one adding them is still its manager; with its audit line. */
    public void addMember(Supply.Membership ms, Organisation o) {
        transact(List.of(put(SupplyItems.member(ms, o), "attribute_not_exists(pk)", Map.of()),
                check(orgPk(o.id()), "ORG", "attribute_exists(pk)", Map.of(), Map.of()),
                managerCheck(o, ms.addedBy()),
                audit(o, ms.addedBy(), "add-member", who(o, ms), ms.at())));
    }

    /** Organisations of an area (and below; null: all) in one state: VERIFIED is the public alliance list, PENDING the admins' queue. */
    public List<OrganisationView> organisations(OrganisationState state, AreaCode area, int limit) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", s("ORGS#" + state.name())));
        String key = SUP_PK + " = :p";
        if (area != null) {
            key += " AND begins_with(" + SUP_SK + ", :a)";
            values.put(":a", s(area.prefix()));
        }
        QueryRequest q = QueryRequest.builder().tableName(table).indexName(INDEX_SUPPLY)
                .keyConditionExpression(key).expressionAttributeValues(values).build();
        List<OrganisationView> out = new ArrayList<>();
        for (var m : db.queryPaginator(q).items()) {
            if (out.size() >= limit) break;
            var c = SupplyItems.Contribution.of(m);
            out.add(new OrganisationView(SupplyItems.toOrganisation(m), c.claims(), c.units(), c.valueYuan()));
        }
        return out;
    }

    // ---- offers -------------------------------------------------------------------------

    /** A new offer; for an organisation only while it is verified and the publisher is one of its members. */
    public void publish(Offer offer) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(put(SupplyItems.offer(offer), "attribute_not_exists(pk)", Map.of()));
        if (offer.organisationId() != null) writes.addAll(actsFor(offer.organisationId(), offer.offererId()));
        transact(writes);
    }

    public Optional<Offer> offer(String id) {
        var item = db.getItem(r -> r.tableName(table).key(Items.key(offerPk(id), "OFFER")).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(SupplyItems.toOffer(item));
    }

    /** Offers of a person (organisationId null) or of an organisation, newest first. */
    public List<Offer> offersOf(String organisationId, String personId, int limit) {
        return owned(SupplyItems.offerOwner(organisationId, personId), "OFFER#", limit).stream().map(SupplyItems::toOffer).toList();
    }

    /** The public list: offers that can be taken up, inside {@code area} (null: all), in a window (null: all). */
    public Page<Offer> listOffers(Category category, AreaCode area, String cursor, int limit, LocalDate today) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", s(SupplyItems.OFFERS), ":today", s(today.toString()),
                ":month", s(YearMonth.from(today).toString()), ":zero", num(0), ":open", s(OfferState.OPEN.name())));
        String key = SUP_PK + " = :p";
        if (area != null) {
            key += " AND begins_with(" + SUP_SK + ", :a)";
            values.put(":a", s(area.prefix()));
        }
        String filter = LISTED;
        if (category != null) {
            filter += " AND category = :c";
            values.put(":c", s(category.name()));
        }
        Map<String, AttributeValue> start = null;
        if (cursor != null) {
            String sk = decodeCursor(cursor, area == null ? "" : area.prefix());
            String id = sk.substring(sk.lastIndexOf('#') + 1);
            start = new HashMap<>(Map.of(PK, s(offerPk(id)), SK, s("OFFER"), SUP_SK, s(sk), SUP_PK, s(SupplyItems.OFFERS)));
        }
        int want = Math.max(1, Math.min(limit, MAX_PAGE));
        List<Offer> items = new ArrayList<>();
        Map<String, AttributeValue> next = start;
        for (int round = 0; round < 20 && items.size() < want; round++) {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(INDEX_SUPPLY).keyConditionExpression(key)
                    .filterExpression(filter).expressionAttributeNames(LISTED_NAMES).expressionAttributeValues(values)
                    .limit(want - items.size());
            if (next != null) q.exclusiveStartKey(next);
            QueryResponse r = db.query(q.build());
            r.items().forEach(i -> items.add(SupplyItems.toOffer(withDefaults(i))));
            next = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            if (next == null) break;
        }
        return new Page<>(items, next == null ? null : Base64.getUrlEncoder().withoutPadding()
                .encodeToString(next.get(SUP_SK).s().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Offers that fit a need of this window in this village: the offer's area is the village or one
     * of the areas above it (one query each, at most five), it can be taken up, its date has not passed.
     */
    public List<Offer> covering(AreaCode village, Category category, LocalDate today, int limit) {
        List<Offer> out = new ArrayList<>();
        for (AreaCode a = village; a != null; a = a.parent().orElse(null)) {
            final String prefix = a.code() + "#";
            QueryRequest q = QueryRequest.builder().tableName(table).indexName(INDEX_SUPPLY)
                    .keyConditionExpression(SUP_PK + " = :p AND begins_with(" + SUP_SK + ", :a)")
                    .filterExpression(LISTED + " AND category = :c").expressionAttributeNames(LISTED_NAMES)
                    .expressionAttributeValues(Map.of(":p", s(SupplyItems.OFFERS), ":a", s(prefix), ":today", s(today.toString()),
                            ":month", s(YearMonth.from(today).toString()), ":zero", num(0), ":c", s(category.name()),
                            ":open", s(OfferState.OPEN.name()))).build();
            for (var m : db.queryPaginator(q).items()) {
                if (out.size() >= limit) return out;
                out.add(SupplyItems.toOffer(withDefaults(m)));
            }
        }
        return out;
    }

    /** Most proposals declined in the withdrawal's (or edit's) own transaction; the rest right after it, each on its own. */
    private static final int DECLINED_IN_TRANSACTION = 90;

    /**
     * A withdrawal: the offer (only as read: so no acceptance slips in between, and a second withdrawal
     * finds it withdrawn) leaves the list, and the waiting proposals are declined. Not those made
     * between the caller's read of them and this write: propose's condition check (offer OPEN) passes
     * then and changes nothing on the offer, and no condition here can see a new item of the partition.
     * What DynamoDB does guarantee: once this commits, every later proposal's check fails, and a
     * consistent {@link #proposalsFor} sees every earlier one; so the caller reads again and declines
     * the leftovers ({@code Supply.leftovers}, {@link #declineEach}).
     */
    public void withdraw(Supply.Withdrawal w) {
        rewrite(w.before(), w.after(), "", Map.of(), w.declined());
    }

    /**
     * An edit, only as read (the version the offerer saw), still open, and never below what is held:
     * the held count restated as {@code remaining >= shrink}, and a window or area change only while
     * nothing was ever taken. An acceptance meanwhile makes the edit stale rather than over-committed.
     */
    public void edit(Supply.Edit e) {
        Offer before = e.before();
        Offer after = e.after();
        StringBuilder extra = new StringBuilder();
        Map<String, AttributeValue> values = new HashMap<>();
        int shrink = before.quantity() - after.quantity();
        if (shrink > 0 && e.newMonth()) {
            // Nothing held this month: only while nobody has started this month's count meanwhile.
            extra.append(before.period() == null ? " AND attribute_not_exists(capPeriod)" : " AND capPeriod = :old");
            if (before.period() != null) values.put(":old", s(before.period().toString()));
        } else if (shrink > 0) {
            extra.append(" AND remaining >= :shrink");
            values.put(":shrink", num(shrink));
        }
        if (after.category() != before.category() || !after.area().equals(before.area())) {
            extra.append(before.monthly() ? " AND attribute_not_exists(capPeriod)" : " AND remaining = quantity");
        }
        rewrite(before, after, extra.toString(), values, e.declined());
    }

    private void rewrite(Offer before, Offer after, String extraCondition, Map<String, AttributeValue> extraValues, List<Proposal> declined) {
        Map<String, AttributeValue> values = new HashMap<>(extraValues);
        values.put(":v", num(before.version()));
        values.put(":open", s(OfferState.OPEN.name()));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(put(SupplyItems.offer(after), "#version = :v AND #state = :open" + extraCondition, values,
                Map.of("#version", "version", "#state", "state")));
        List<Proposal> later = new ArrayList<>();
        for (Proposal p : declined) {
            if (writes.size() < DECLINED_IN_TRANSACTION) writes.add(declineWrite(p));
            else later.add(p);
        }
        transact(writes);
        declineEach(later);
    }

    private TransactWriteItem declineWrite(Proposal after) {
        return put(SupplyItems.proposal(after), "#state = :proposed", Map.of(":proposed", s(ProposalState.PROPOSED.name())),
                Map.of("#state", "state"));
    }

    /** Index items lack what the index does not project; toOffer wants a full item. */
    private static Map<String, AttributeValue> withDefaults(Map<String, AttributeValue> m) {
        Map<String, AttributeValue> full = new HashMap<>(m);
        full.putIfAbsent("offererId", s(""));
        return full;
    }

    // ---- proposals ----------------------------------------------------------------------

    /**
     * A proposal, only while the offer is on the public list with the window and area it was checked
     * against ({@code asRead}): one decided just before an edit moved the offer fails here and is decided again.
     */
    public void propose(Proposal p, Offer asRead) {
        transact(List.of(put(SupplyItems.proposal(p), "attribute_not_exists(pk)", Map.of()),
                check(offerPk(p.offerId()), "OFFER", "attribute_exists(" + SUP_PK + ") AND #state = :open AND " + FITS_AS_READ,
                        Map.of(":open", s(OfferState.OPEN.name()), ":cat", s(asRead.category().name()), ":area", s(asRead.area().code())),
                        Map.of("#state", "state", "#cat", "category", "#area", "areaCode"))));
    }

    /** The offer still has the window and area read (:cat, :area): what a proposal or an acceptance was decided on. */
    private static final String FITS_AS_READ = "#cat = :cat AND #area = :area";

    public Optional<Proposal> proposal(String offerId, String proposalId) {
        var item = db.getItem(r -> r.tableName(table).key(Items.key(offerPk(offerId), "PROPOSAL#" + proposalId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(SupplyItems.toProposal(item));
    }

    /** Consistent: after a withdrawal's write this sees every proposal written before it (see {@link #withdraw}). */
    public List<Proposal> proposalsFor(String offerId) {
        List<Proposal> out = new ArrayList<>();
        db.queryPaginator(q -> q.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                        .expressionAttributeValues(Map.of(":pk", s(offerPk(offerId)), ":p", s("PROPOSAL#"))))
                .items().forEach(m -> out.add(SupplyItems.toProposal(m)));
        return out;
    }

    public List<Proposal> proposalsBy(String personId, int limit) {
        return owned("USER#" + personId, "PROPOSAL#", limit).stream().map(SupplyItems::toProposal).toList();
    }

    /**
     * Acceptance: the claim (with every condition a claim has), the offer's capacity and the
     * proposal, in one transaction. Taking the last of an offer requires exactly that much to remain
     * and takes it off the public list; taking part requires strictly more to remain: never
     * over-committed, whatever arrives at once. Only while the offer has the window and area read:
     * an edit that moved it meanwhile makes this stale, and the re-read finds it no longer fits.
     */
    public void accept(Supply.Acceptance a) {
        Offer before = a.offerBefore();
        Offer after = a.offerAfter();
        int q = a.proposalAfter().quantity();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":open", s(OfferState.OPEN.name()), ":q", num(q), ":one", num(1),
                ":now", s(after.updatedAt().toString())));
        Map<String, String> names = new HashMap<>(Map.of("#state", "state", "#version", "version", "#cat", "category", "#area", "areaCode"));
        values.put(":cat", s(before.category().name()));
        values.put(":area", s(before.area().code()));
        String update;
        String condition;
        if (after.monthly() && !after.period().equals(before.period())) {
            // The first take of a new month: the count starts again from the full quantity, only if nobody
            // started this month meanwhile (they did: the retry re-reads and takes from what they left).
            names.put("#period", "capPeriod");
            values.put(":m", s(after.period().toString()));
            values.put(":rest", num(after.remaining()));
            values.remove(":q");
            update = "SET #period = :m, remaining = :rest, #version = #version + :one, updatedAt = :now";
            condition = "#state = :open AND " + (before.period() == null ? "attribute_not_exists(#period)" : "#period = :old");
            if (before.period() != null) values.put(":old", s(before.period().toString()));
        } else if (after.monthly()) {
            // Within the month: as for a total, but a full month stays listed (it opens again on the 1st).
            names.put("#period", "capPeriod");
            values.put(":m", s(after.period().toString()));
            update = "SET remaining = remaining - :q, #version = #version + :one, updatedAt = :now";
            condition = "#state = :open AND #period = :m AND remaining >= :q";
        } else {
            boolean last = after.remaining() == 0;
            update = "SET remaining = remaining - :q, #version = #version + :one, updatedAt = :now";
            condition = "#state = :open AND " + (last ? "remaining = :q" : "remaining > :q");
            if (last) update += " REMOVE " + SUP_PK + ", " + SUP_SK;
        }
        List<TransactWriteItem> writes = new ArrayList<>(needs.claimWrites(a.claim()));
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(Items.key(offerPk(after.id()), "OFFER"))
                .conditionExpression(condition + " AND " + FITS_AS_READ).updateExpression(update)
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build());
        writes.add(put(SupplyItems.proposal(a.proposalAfter()), "#state = :proposed",
                Map.of(":proposed", s(ProposalState.PROPOSED.name())), Map.of("#state", "state")));
        writes.addAll(actsFor(a.claim().claim().origin(), a.claim().claim().helperId()));
        transact(writes);
    }

    public void decline(Proposal after) {
        transact(List.of(declineWrite(after)));
    }

    /**
     * Each on its own, only while still waiting (one the offerer answered meanwhile stays answered);
     * how many were declined. A refusal is read again: a transaction merely in the way (an acceptance
     * that then fails) leaves it waiting, so it is tried again.
     */
    public int declineEach(List<Proposal> declined) {
        int n = 0;
        for (Proposal p : declined) {
            for (int attempt = 0; ; attempt++) {
                try {
                    decline(p);
                    n++;
                    break;
                } catch (StaleWrite refused) {
                    boolean waiting = proposal(p.offerId(), p.id()).map(now -> now.state() == ProposalState.PROPOSED).orElse(false);
                    if (!waiting) break;
                    if (attempt == 4) throw refused;
                }
            }
        }
        return n;
    }

    /**
     * What a claim for an organisation must also hold at the moment of writing: the helper is one of
     * its members. (That it is verified was read before deciding, and a verification is never taken
     * back; not re-checking it keeps every acceptance from contending for the organisation's item.)
     */
    public List<TransactWriteItem> actsFor(ClaimOrigin origin, String helperId) {
        return origin == null || origin.organisationId() == null ? List.of() : List.of(member(origin.organisationId(), helperId));
    }

    private TransactWriteItem member(String organisationId, String personId) {
        return check(orgPk(organisationId), "MEMBER#" + personId, "attribute_exists(pk)", Map.of(), Map.of());
    }

    /** Publishing for an organisation: verified, and the publisher one of its members. */
    private List<TransactWriteItem> actsFor(String organisationId, String personId) {
        return List.of(check(orgPk(organisationId), "ORG", "#state = :verified",
                        Map.of(":verified", s(OrganisationState.VERIFIED.name())), Map.of("#state", "state")),
                member(organisationId, personId));
    }

    /** For SnapStart priming: the items of an organisation (with {@code memberId} as member), an offer and a proposal. */
    public static List<Map<String, AttributeValue>> cannedItems(Organisation o, String memberId, Offer offer, Proposal p) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        if (o != null) {
            out.add(SupplyItems.organisation(o));
            out.add(SupplyItems.member(new Supply.Membership(o.id(), memberId, "预热", memberId, o.createdAt(),
                    org.bangfu.core.MemberRole.MANAGER), o));
            // a plain member too, for the priming of taking one off
            out.add(SupplyItems.member(new Supply.Membership(o.id(), "priming-member", "预热成员", memberId, o.createdAt(),
                    org.bangfu.core.MemberRole.MEMBER), o));
        }
        if (offer != null) out.add(SupplyItems.offer(offer));
        if (p != null) out.add(SupplyItems.proposal(p));
        return out;
    }

    // ---- plumbing -----------------------------------------------------------------------

    private List<Map<String, AttributeValue>> owned(String owner, String prefix, int limit) {
        return db.query(q -> q.tableName(table).indexName(INDEX_BY_OWNER)
                .keyConditionExpression("ownerPk = :o AND begins_with(ownerSk, :p)")
                .expressionAttributeValues(Map.of(":o", s(owner), ":p", s(prefix)))
                .scanIndexForward(false).limit(limit)).items();
    }

    private static String decodeCursor(String cursor, String areaPrefix) {
        try {
            String sk = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (OFFER_CURSOR.matcher(sk).matches() && sk.startsWith(areaPrefix)) return sk;
        } catch (IllegalArgumentException ignored) {
            // fall through
        }
        throw new DomainException.Invalid("cursor", "无效的分页游标 (not a cursor this listing gave out)");
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        return put(item, condition, values, Map.of());
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values,
                                  Map<String, String> names) {
        Put.Builder p = Put.builder().tableName(table).item(item);
        if (condition != null) {
            p.conditionExpression(condition);
            if (!values.isEmpty()) p.expressionAttributeValues(values);
            if (!names.isEmpty()) p.expressionAttributeNames(names);
        }
        return TransactWriteItem.builder().put(p.build()).build();
    }

    private TransactWriteItem check(String pk, String sk, String condition, Map<String, AttributeValue> values, Map<String, String> names) {
        ConditionCheck.Builder c = ConditionCheck.builder().tableName(table).key(Items.key(pk, sk)).conditionExpression(condition);
        if (!values.isEmpty()) c.expressionAttributeValues(values);
        if (!names.isEmpty()) c.expressionAttributeNames(names);
        return TransactWriteItem.builder().conditionCheck(c.build()).build();
    }

    /** Any failed condition means something changed since it was read: the handler reads again and decides again. */
    private void transact(List<TransactWriteItem> writes) {
        try {
            db.transactWriteItems(r -> r.transactItems(writes));
        } catch (TransactionCanceledException e) {
            throw Table.busyOrStale(e);
        } catch (TransactionConflictException e) {
            throw new StaleWrite("concurrent transaction");
        }
    }
}
