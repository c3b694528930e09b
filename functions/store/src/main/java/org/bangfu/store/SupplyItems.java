package org.bangfu.store;

import static org.bangfu.store.Items.num;
import static org.bangfu.store.Items.s;
import static org.bangfu.store.Items.str;
import static org.bangfu.store.TableDesign.*;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.core.Change;
import org.bangfu.core.Claim;
import org.bangfu.core.ClaimOrigin;
import org.bangfu.core.Need;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Category;
import org.bangfu.core.Contact;
import org.bangfu.core.HelpRecord;
import org.bangfu.core.Offer;
import org.bangfu.core.OfferCapacity;
import org.bangfu.core.OfferKind;
import org.bangfu.core.OfferState;
import org.bangfu.core.Organisation;
import org.bangfu.core.OrganisationKind;
import org.bangfu.core.OrganisationState;
import org.bangfu.core.Proposal;
import org.bangfu.core.ProposalState;
import org.bangfu.core.Supply;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Organisations, offers, proposals and help lines to and from items; their index keys are derived here only. */
final class SupplyItems {
    private SupplyItems() {
    }

    static String orgPk(String id) {
        return TableDesign.organisationPk(id);
    }

    static String offerPk(String id) {
        return "OFFER#" + id;
    }

    /** Whose offers these are in the byOwner index: the organisation's, or the person's. */
    static String offerOwner(String organisationId, String personId) {
        return organisationId != null ? "ORG#" + organisationId : "USER#" + personId;
    }

    static Map<String, AttributeValue> organisation(Organisation o) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(PK, s(orgPk(o.id())));
        m.put(SK, s("ORG"));
        m.put("type", s("Organisation"));
        m.put("id", s(o.id()));
        m.put("name", s(o.name()));
        m.put("kind", s(o.kind().name()));
        m.put("areaCode", s(o.area().code()));
        m.put("contactName", s(o.contact().name()));
        m.put("contactPhone", s(o.contact().phone()));
        put(m, "about", o.about());
        m.put("registeredBy", s(o.registeredBy()));
        m.put("createdAt", s(o.createdAt().toString()));
        m.put("state", s(o.state().name()));
        put(m, "decidedBy", o.decidedBy());
        if (o.decidedAt() != null) m.put("decidedAt", s(o.decidedAt().toString()));
        put(m, "rejectReason", o.rejectReason());
        m.put("version", num(o.version()));
        // Pending ones wait in the admins' queue, verified ones are the public alliance list; rejected ones are in neither.
        if (o.state() != OrganisationState.REJECTED) {
            m.put(SUP_PK, s("ORGS#" + o.state().name()));
            m.put(SUP_SK, s(o.area().code() + "#" + o.createdAt() + "#" + o.id()));
        }
        return m;
    }

    static Organisation toOrganisation(Map<String, AttributeValue> m) {
        return new Organisation(str(m, "id"), str(m, "name"), OrganisationKind.valueOf(str(m, "kind")), new AreaCode(str(m, "areaCode")),
                m.containsKey("contactName") ? new Contact(str(m, "contactName"), str(m, "contactPhone")) : null, str(m, "about"),
                str(m, "registeredBy"), instant(m, "createdAt"), OrganisationState.valueOf(str(m, "state")), str(m, "decidedBy"),
                instant(m, "decidedAt"), str(m, "rejectReason"), m.containsKey("version") ? Long.parseLong(m.get("version").n()) : 0);
    }

    /** What an organisation's members got done through the platform: confirmed claims, units, estimated yuan. */
    record Contribution(int claims, int units, long valueYuan) {
        static Contribution of(Map<String, AttributeValue> m) {
            return new Contribution(n(m, "helpedClaims"), n(m, "helpedUnits"), n(m, "helpedValueYuan"));
        }
    }

    static Map<String, AttributeValue> member(Supply.Membership ms, Organisation o) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(PK, s(orgPk(ms.organisationId())));
        m.put(SK, s("MEMBER#" + ms.personId()));
        m.put("type", s("Member"));
        m.put("organisationId", s(ms.organisationId()));
        m.put("organisationName", s(o.name()));
        m.put("personId", s(ms.personId()));
        m.put("personName", s(ms.personName()));
        m.put("addedBy", s(ms.addedBy()));
        m.put("at", s(ms.at().toString()));
        m.put("role", s(ms.role().name()));
        if (ms.maskedPhone() != null) m.put("maskedPhone", s(ms.maskedPhone()));
        m.put(OWNER_PK, s("USER#" + ms.personId()));
        m.put(OWNER_SK, s("ORG#" + ms.at() + "#" + ms.organisationId()));
        return m;
    }

    /** A member item; one written before roles were kept is its registrant's (the manager) or a member's. */
    static Supply.Membership toMembership(Map<String, AttributeValue> m, String registeredBy) {
        String personId = str(m, "personId");
        org.bangfu.core.MemberRole role = m.containsKey("role") ? org.bangfu.core.MemberRole.valueOf(str(m, "role"))
                : personId.equals(registeredBy) ? org.bangfu.core.MemberRole.MANAGER : org.bangfu.core.MemberRole.MEMBER;
        return new Supply.Membership(str(m, "organisationId"), personId, str(m, "personName"), str(m, "addedBy"), instant(m, "at"), role,
                str(m, "maskedPhone"));
    }

    static Map<String, AttributeValue> offer(Offer o) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(PK, s(offerPk(o.id())));
        m.put(SK, s("OFFER"));
        m.put("type", s("Offer"));
        m.put("id", s(o.id()));
        m.put("kind", s(o.kind().name()));
        m.put("category", s(o.category().name()));
        m.put("title", s(o.title()));
        m.put("description", s(o.description()));
        m.put("unit", s(o.unit()));
        m.put("quantity", num(o.quantity()));
        m.put("remaining", num(o.remaining()));
        m.put("capacity", s(o.capacity().name()));
        if (o.period() != null) m.put("capPeriod", s(o.period().toString()));
        m.put("areaCode", s(o.area().code()));
        m.put("until", s(o.until().toString()));
        m.put("offererId", s(o.offererId()));
        m.put("offererName", s(o.offererName()));
        put(m, "organisationId", o.organisationId());
        put(m, "organisationName", o.organisationName());
        m.put("state", s(o.state().name()));
        m.put("createdAt", s(o.createdAt().toString()));
        m.put("updatedAt", s(o.updatedAt().toString()));
        m.put("version", num(o.version()));
        if (o.withdrawal() != null) {
            m.put("withdrawnBy", s(o.withdrawal().by()));
            put(m, "withdrawReason", o.withdrawal().reason());
            m.put("withdrawnAt", s(o.withdrawal().at().toString()));
        }
        m.put(OWNER_PK, s(offerOwner(o.organisationId(), o.offererId())));
        m.put(OWNER_SK, s("OFFER#" + o.createdAt() + "#" + o.id()));
        // Kept so a released claim can put the offer back on the list without reading it (see released()).
        m.put("listSk", s(offerSortKey(o.area(), o.until(), o.id())));
        // Public list only while it can be taken up; the date (and a monthly offer's full month) is filtered
        // at read time, like a need's deadline: a monthly offer is never used up for good.
        if (o.state() == OfferState.OPEN && (o.remaining() > 0 || o.monthly())) {
            m.put(SUP_PK, s(OFFERS));
            m.put(SUP_SK, s(offerSortKey(o.area(), o.until(), o.id())));
        }
        return m;
    }

    static final String OFFERS = "OFFERS";

    static String offerSortKey(AreaCode area, LocalDate until, String id) {
        return area.code() + "#" + until + "#" + id;
    }

    static Offer toOffer(Map<String, AttributeValue> m) {
        return new Offer(str(m, "id"), OfferKind.valueOf(str(m, "kind")), Category.valueOf(str(m, "category")), str(m, "title"),
                str(m, "description"), str(m, "unit"), n(m, "quantity"), n(m, "remaining"),
                m.containsKey("capacity") ? OfferCapacity.valueOf(str(m, "capacity")) : OfferCapacity.TOTAL,
                m.containsKey("capPeriod") ? YearMonth.parse(str(m, "capPeriod")) : null, new AreaCode(str(m, "areaCode")),
                LocalDate.parse(str(m, "until")), str(m, "offererId"), str(m, "offererName"), str(m, "organisationId"),
                str(m, "organisationName"), m.containsKey("state") ? OfferState.valueOf(str(m, "state")) : OfferState.OPEN,
                instant(m, "createdAt"), instant(m, "updatedAt"), m.containsKey("version") ? Long.parseLong(m.get("version").n()) : 0,
                m.containsKey("withdrawnBy") ? new Offer.Withdrawal(str(m, "withdrawnBy"), str(m, "withdrawReason"), instant(m, "withdrawnAt")) : null);
    }

    static Map<String, AttributeValue> proposal(Proposal p) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(PK, s(offerPk(p.offerId())));
        m.put(SK, s("PROPOSAL#" + p.id()));
        m.put("type", s("Proposal"));
        m.put("id", s(p.id()));
        m.put("offerId", s(p.offerId()));
        m.put("needId", s(p.needId()));
        m.put("needTitle", s(p.needTitle()));
        m.put("category", s(p.category().name()));
        m.put("areaCode", s(p.needArea().code()));
        m.put("proposerId", s(p.proposerId()));
        m.put("proposerName", s(p.proposerName()));
        m.put("quantity", num(p.quantity()));
        m.put("state", s(p.state().name()));
        m.put("createdAt", s(p.createdAt().toString()));
        put(m, "answeredBy", p.answeredBy());
        if (p.answeredAt() != null) m.put("answeredAt", s(p.answeredAt().toString()));
        put(m, "reason", p.reason());
        put(m, "claimId", p.claimId());
        m.put(OWNER_PK, s("USER#" + p.proposerId()));
        m.put(OWNER_SK, s("PROPOSAL#" + p.createdAt() + "#" + p.id()));
        return m;
    }

    static Proposal toProposal(Map<String, AttributeValue> m) {
        return new Proposal(str(m, "id"), str(m, "offerId"), str(m, "needId"), str(m, "needTitle"), Category.valueOf(str(m, "category")),
                new AreaCode(str(m, "areaCode")), str(m, "proposerId"), str(m, "proposerName"), n(m, "quantity"),
                ProposalState.valueOf(str(m, "state")), instant(m, "createdAt"), str(m, "answeredBy"), instant(m, "answeredAt"),
                str(m, "reason"), str(m, "claimId"));
    }

    /** A household's help line: HH#id / HELP#date#ref. Imported lines name their import, which must be complete to count. */
    static Map<String, AttributeValue> help(HelpRecord r, String importId) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(PK, s(householdPk(r.householdId())));
        m.put(SK, s("HELP#" + r.date() + "#" + r.ref()));
        m.put("type", s("Help"));
        m.put("householdId", s(r.householdId()));
        m.put("category", s(r.category().name()));
        m.put("what", s(r.what()));
        m.put("from", s(r.from()));
        m.put("date", s(r.date().toString()));
        m.put("source", s(r.source().name()));
        m.put("ref", s(r.ref()));
        put(m, "importId", importId);
        return m;
    }

    static HelpRecord toHelp(Map<String, AttributeValue> m) {
        return new HelpRecord(str(m, "householdId"), Category.valueOf(str(m, "category")), str(m, "what"), str(m, "from"),
                LocalDate.parse(str(m, "date")), HelpRecord.Source.valueOf(str(m, "source")), str(m, "ref"));
    }

    /**
     * An audit line about an organisation or an import, in the area's trail (by county and month,
     * like a need's) so the admins read it with the rest; it has no need state before or after.
     */
    static Map<String, AttributeValue> audit(String subjectPk, String subjectId, AreaCode area, String actorId, String action,
                                             String detail, Instant at) {
        String suffix = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffffffffL, 36);
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(PK, s(TableDesign.auditPk(subjectPk)));
        m.put(SK, s("AUDIT#" + at + "#" + suffix));
        m.put("areaCode", s(area.code()));
        m.put(AUDIT_PK, s(AuditTrail.partition(area, java.time.YearMonth.from(at.atZone(org.bangfu.core.Lifecycle.ZONE)))));
        m.put(AUDIT_SK, s(at + "#" + subjectId + "#" + suffix));
        m.put("type", s("Audit"));
        m.put("needId", s(subjectId));
        m.put("at", s(at.toString()));
        m.put("actorId", s(actorId));
        m.put("action", s(action));
        put(m, "detail", detail);
        return m;
    }

    /**
     * What a confirmed claim adds besides the need's own writes: a line in the household's help
     * history and, for an organisation's claim, its contribution. Written in the confirming
     * transaction, which happens once per claim (version-guarded), so they are counted exactly once.
     */
    static List<TransactWriteItem> confirmed(String table, Change change) {
        Claim c = change.claim();
        Need n = change.after();
        ClaimOrigin o = c.origin();
        String from = o != null && o.organisationName() != null ? o.organisationName() : c.helperName();
        LocalDate on = LocalDate.ofInstant(c.confirmedAt(), org.bangfu.core.Lifecycle.ZONE);
        HelpRecord line = new HelpRecord(n.householdId(), n.category(), n.title() + " " + c.quantity() + n.unit(), from, on,
                HelpRecord.Source.PLATFORM, c.id());
        List<TransactWriteItem> out = new ArrayList<>();
        out.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(help(line, null)).build()).build());
        if (o != null && o.organisationId() != null) {
            long value = n.valueYuan() == null ? 0 : Math.round((double) n.valueYuan() * c.quantity() / n.quantities().total());
            out.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(Items.key(orgPk(o.organisationId()), "ORG"))
                    .conditionExpression("attribute_exists(pk)")
                    .updateExpression("ADD helpedClaims :one, helpedUnits :q, helpedValueYuan :v")
                    .expressionAttributeValues(Map.of(":one", num(1), ":q", num(c.quantity()), ":v", num(value))).build()).build());
        }
        return out;
    }

    /**
     * A claim made through an offer was given back (by the helper, an admin, or as overdue): its units
     * return to the offer, which is on the public list again (an expired one is still filtered by date).
     */
    static List<TransactWriteItem> released(String table, Change change) {
        Claim c = change.claim();
        if (c.origin() == null || c.origin().offerId() == null) return List.of();
        // A monthly offer's units go back only to the month they came from: a new month is full already.
        String period = c.origin().offerPeriod();
        if (period != null && !period.equals(YearMonth.from(change.after().updatedAt().atZone(org.bangfu.core.Lifecycle.ZONE)).toString())) {
            return List.of();
        }
        return List.of(TransactWriteItem.builder().update(Update.builder().tableName(table).key(Items.key(offerPk(c.origin().offerId()), "OFFER"))
                .conditionExpression("attribute_exists(listSk)")
                .updateExpression("ADD remaining :q, #version :one SET " + SUP_PK + " = :offers, " + SUP_SK + " = listSk")
                .expressionAttributeNames(Map.of("#version", "version"))
                .expressionAttributeValues(Map.of(":q", num(c.quantity()), ":one", num(1), ":offers", s(OFFERS))).build()).build());
    }

    static int n(Map<String, AttributeValue> m, String k) {
        AttributeValue v = m.get(k);
        return v == null || v.n() == null ? 0 : Integer.parseInt(v.n());
    }

    private static void put(Map<String, AttributeValue> m, String k, String v) {
        if (v != null) m.put(k, s(v));
    }

    private static Instant instant(Map<String, AttributeValue> m, String k) {
        String v = str(m, k);
        return v == null ? null : Instant.parse(v);
    }
}
