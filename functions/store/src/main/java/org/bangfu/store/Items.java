package org.bangfu.store;

import static org.bangfu.store.TableDesign.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Category;
import org.bangfu.core.Claim;
import org.bangfu.core.ClaimState;
import org.bangfu.core.Contact;
import org.bangfu.core.Household;
import org.bangfu.core.Need;
import org.bangfu.core.NeedState;
import org.bangfu.core.Quantities;
import org.bangfu.core.Review;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Domain objects to and from DynamoDB items. The index keys are derived here, from state, and nowhere else. */
final class Items {
    private Items() {
    }

    static Map<String, AttributeValue> need(Need n) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(PK, s(needPk(n.id())));
        m.put(SK, s("NEED"));
        m.put("type", s("Need"));
        m.put("id", s(n.id()));
        m.put("category", s(n.category().name()));
        m.put("title", s(n.title()));
        m.put("description", s(n.description()));
        m.put("unit", s(n.unit()));
        if (n.valueYuan() != null) m.put("valueYuan", num(n.valueYuan()));
        m.put("deadline", s(n.deadline().toString()));
        m.put("areaCode", s(n.area().code()));
        m.put("householdId", s(n.householdId()));
        m.put("beneficiary", s(n.beneficiary()));
        m.put("posterId", s(n.posterId()));
        m.put("posterName", s(n.posterName()));
        m.put("contactName", s(n.contact().name()));
        m.put("contactPhone", s(n.contact().phone()));
        m.put("state", s(n.state().name()));
        putQuantities(m, n.quantities());
        putIfSet(m, "councilReviewerId", n.councilReviewerId());
        putIfSet(m, "volunteerReviewerId", n.volunteerReviewerId());
        putIfSet(m, "rejectReason", n.rejectReason());
        m.put("createdAt", s(n.createdAt().toString()));
        if (n.publishedAt() != null) m.put("publishedAt", s(n.publishedAt().toString()));
        m.put("updatedAt", s(n.updatedAt().toString()));
        m.put("version", num(n.version()));
        if (n.openReports() > 0) m.put("openReports", num(n.openReports()));
        m.put(OWNER_PK, s(owner(n.posterId())));
        m.put(OWNER_SK, s("NEED#" + n.createdAt() + "#" + n.id()));
        m.putAll(indexKeys(n));
        return m;
    }

    /**
     * The sparse index keys a need carries in its state: public listing only while claimable, queue
     * only while pending, the fulfilled feed only once fulfilled (a terminal state, so its updatedAt
     * is when it was fulfilled).
     */
    static Map<String, AttributeValue> indexKeys(Need n) {
        Map<String, AttributeValue> m = new HashMap<>();
        if (n.isClaimable()) {
            m.put(PUB_ALL, s("PUBLIC"));
            m.put(PUB_CAT, s(n.category().name()));
            m.put(PUB_SK, s(publicSortKey(n)));
        }
        if (n.state() == NeedState.PUBLISHED && n.quantities().remaining() == n.quantities().total()) {
            m.put(DUE_PK, s("NEED-DUE"));
            m.put(DUE_SK, s(n.deadline() + "#" + n.id()));
        }
        if (n.state() == NeedState.PENDING_REVIEW) {
            m.put(QUEUE_PK, s(pendingQueue(n.area())));
            m.put(QUEUE_SK, s(queueSortKey(n)));
        } else if (n.openReports() > 0 && n.state().isOpen()) {
            // Reported by the public: in the area's review queue until a reviewer looks into it.
            m.put(QUEUE_PK, s(reportedQueue(n.area())));
            m.put(QUEUE_SK, s(queueSortKey(n)));
        }
        if (n.state() == NeedState.FULFILLED) {
            m.put(DONE_ALL, s(NeedState.FULFILLED.name()));
            m.put(DONE_SK, s(n.updatedAt() + "#" + n.id()));
        }
        return m;
    }

    static String reportedQueue(AreaCode area) {
        return "REPORTED#" + area.province();
    }

    static String queueSortKey(Need n) {
        return n.area().code() + "#" + n.createdAt() + "#" + n.id();
    }

    /** The states in which the public may report a need: public and still open. */
    static final List<NeedState> REPORTABLE = Arrays.stream(NeedState.values()).filter(st -> st.isPublic() && st.isOpen()).toList();

    /** A condition's list of states, {@code :name0, :name1, …}, with their values added to {@code values}. */
    static String inList(String name, List<NeedState> states, Map<String, AttributeValue> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < states.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(':').append(name).append(i);
            values.put(":" + name + i, s(states.get(i).name()));
        }
        return out.toString();
    }

    static String pendingQueue(AreaCode area) {
        return "PENDING#" + area.province();
    }

    static String confirmQueue(AreaCode area) {
        return "DELIVERED#" + area.province();
    }

    static String owner(String personId) {
        return "USER#" + personId;
    }

    static String publicSortKey(Need n) {
        return publicSortKey(n.area(), n.deadline(), n.id());
    }

    static String publicSortKey(AreaCode area, java.time.LocalDate deadline, String id) {
        return area.code() + "#" + deadline + "#" + id;
    }

    static void putQuantities(Map<String, AttributeValue> m, Quantities q) {
        m.put("qTotal", num(q.total()));
        m.put("qRemaining", num(q.remaining()));
        m.put("qActive", num(q.active()));
        m.put("qDelivered", num(q.delivered()));
        m.put("qFulfilled", num(q.fulfilled()));
    }

    static Need toNeed(Map<String, AttributeValue> m) {
        int total = i(m, "qTotal");
        Quantities q = new Quantities(total, i(m, "qRemaining"), i(m, "qActive", 0), i(m, "qDelivered", 0), i(m, "qFulfilled", 0));
        return new Need(str(m, "id"), Category.valueOf(str(m, "category")), str(m, "title"), str(m, "description"),
                str(m, "unit"), m.containsKey("valueYuan") ? i(m, "valueYuan") : null, LocalDate.parse(str(m, "deadline")),
                new AreaCode(str(m, "areaCode")), str(m, "householdId"), str(m, "beneficiary"), str(m, "posterId"),
                str(m, "posterName"),
                m.containsKey("contactName") ? new Contact(str(m, "contactName"), str(m, "contactPhone")) : null,
                NeedState.valueOf(str(m, "state")), q, str(m, "councilReviewerId"), str(m, "volunteerReviewerId"),
                str(m, "rejectReason"), instant(m, "createdAt"), instant(m, "publishedAt"), instant(m, "updatedAt"),
                m.containsKey("version") ? Long.parseLong(m.get("version").n()) : 0,
                m.containsKey("openReports") ? i(m, "openReports") : 0);
    }

    static Map<String, AttributeValue> household(Household h) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(PK, s(householdPk(h.id())));
        m.put(SK, s("HH"));
        m.put("type", s("Household"));
        m.put("id", s(h.id()));
        m.put("name", s(h.name()));
        m.put("idNumber", s(h.idNumber()));
        m.put("phone", s(h.phone()));
        m.put("address", s(h.address()));
        m.put("areaCode", s(h.area().code()));
        return m;
    }

    /**
     * The household as posted with one need: what that need's reviewers approved and therefore all its
     * helper ever gets. Written once, with the need; a later posting for the same family makes its
     * own copy (reviewed with that need) and never rewrites this one.
     */
    static Map<String, AttributeValue> householdOfNeed(Household h, String needId) {
        Map<String, AttributeValue> m = household(h);
        m.put(SK, s("NEED#" + needId));
        m.put("type", s("HouseholdAsPosted"));
        m.put("needId", s(needId));
        return m;
    }

    static Household toHousehold(Map<String, AttributeValue> m) {
        return new Household(str(m, "id"), str(m, "name"), str(m, "idNumber"), str(m, "phone"), str(m, "address"),
                new AreaCode(str(m, "areaCode")));
    }

    static Map<String, AttributeValue> openLock(Need n) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(PK, s(householdPk(n.householdId())));
        m.put(SK, s("OPEN#" + n.category().name()));
        m.put("type", s("OpenNeedLock"));
        m.put("needId", s(n.id()));
        return m;
    }

    static Map<String, AttributeValue> claim(Claim c, Need n) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(PK, s(needPk(c.needId())));
        m.put(SK, s("CLAIM#" + c.id()));
        m.put("type", s("Claim"));
        m.put("id", s(c.id()));
        m.put("needId", s(c.needId()));
        m.put("helperId", s(c.helperId()));
        m.put("helperName", s(c.helperName()));
        m.put("quantity", num(c.quantity()));
        m.put("state", s(c.state().name()));
        m.put("createdAt", s(c.createdAt().toString()));
        m.put("dueOn", s(c.dueOn().toString()));
        if (c.state() == ClaimState.ACTIVE) {
            m.put(DUE_PK, s("CLAIM-DUE"));
            m.put(DUE_SK, s(c.dueOn() + "#" + c.needId() + "#" + c.id()));
        }
        // Delivered, or confirmed by the poster alone (its points wait for the area admin): in the admins' queue.
        if (c.state() == ClaimState.DELIVERED || c.pointsHeld()) {
            m.put(CONFIRM_PK, s(confirmQueue(n.area())));
            m.put(CONFIRM_SK, s(n.area().code() + "#" + c.deliveredAt() + "#" + c.needId() + "#" + c.id()));
        }
        putIfSet(m, "deliveryNote", c.deliveryNote());
        putIfSet(m, "deliveryPhotoRef", c.deliveryPhotoRef());
        if (c.deliveredAt() != null) m.put("deliveredAt", s(c.deliveredAt().toString()));
        putIfSet(m, "confirmedBy", c.confirmedBy());
        if (c.confirmedAt() != null) m.put("confirmedAt", s(c.confirmedAt().toString()));
        putIfSet(m, "releasedBy", c.releasedBy());
        putIfSet(m, "releaseReason", c.releaseReason());
        if (c.releasedAt() != null) m.put("releasedAt", s(c.releasedAt().toString()));
        if (c.origin() != null) {
            putIfSet(m, "organisationId", c.origin().organisationId());
            putIfSet(m, "organisationName", c.origin().organisationName());
            putIfSet(m, "offerId", c.origin().offerId());
            putIfSet(m, "offerPeriod", c.origin().offerPeriod());
        }
        // Denormalised so "my claims" reads without a join; a need's title, unit and area change only
        // while it is pending or rejected, when it has no claims.
        m.put("needTitle", s(n.title()));
        m.put("needUnit", s(n.unit()));
        m.put("needCategory", s(n.category().name()));
        m.put("needTotal", num(n.quantities().total()));
        // Confirmations are version-guarded on the need, so they happen one at a time: the need's
        // confirmed units up to and including this claim's, for scoring its part of the need.
        if (c.fulfilledThrough() != null) m.put("fulfilledThrough", num(c.fulfilledThrough()));
        else if (c.state() == ClaimState.CONFIRMED) m.put("fulfilledThrough", num(n.quantities().fulfilled()));
        putIfSet(m, "countersignedBy", c.countersignedBy());
        if (n.valueYuan() != null) m.put("needValueYuan", num(n.valueYuan()));
        m.put("areaCode", s(n.area().code()));
        m.put(OWNER_PK, s(owner(c.helperId())));
        m.put(OWNER_SK, s("CLAIM#" + c.createdAt() + "#" + c.id()));
        return m;
    }

    static Claim toClaim(Map<String, AttributeValue> m) {
        return new Claim(str(m, "id"), str(m, "needId"), str(m, "helperId"), str(m, "helperName"), i(m, "quantity"),
                ClaimState.valueOf(str(m, "state")), instant(m, "createdAt"), LocalDate.parse(str(m, "dueOn")), str(m, "deliveryNote"),
                str(m, "deliveryPhotoRef"), instant(m, "deliveredAt"), str(m, "confirmedBy"), instant(m, "confirmedAt"),
                str(m, "releasedBy"), str(m, "releaseReason"), instant(m, "releasedAt"),
                m.containsKey("organisationId") || m.containsKey("offerId")
                        ? new org.bangfu.core.ClaimOrigin(str(m, "organisationId"), str(m, "organisationName"), str(m, "offerId"), str(m, "offerPeriod")) : null,
                m.containsKey("fulfilledThrough") ? i(m, "fulfilledThrough") : null, str(m, "countersignedBy"));
    }

    static Map<String, AttributeValue> review(Review r, Need n) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(PK, s(needPk(r.needId())));
        m.put(SK, s("REVIEW#" + r.role().group()));
        m.put("type", s("Review"));
        m.put("needId", s(r.needId()));
        m.put("role", s(r.role().group()));
        m.put("reviewerId", s(r.reviewerId()));
        m.put("reviewerName", s(r.reviewerName()));
        m.put("approved", AttributeValue.fromBool(r.approved()));
        putIfSet(m, "reason", r.reason());
        m.put("at", s(r.at().toString()));
        // Denormalised for scoring from the change stream.
        m.put("areaCode", s(n.area().code()));
        m.put("needTitle", s(n.title()));
        m.put("householdId", s(n.householdId()));
        putIfSet(m, "posterId", n.posterId());
        return m;
    }

    static Review toReview(Map<String, AttributeValue> m) {
        return new Review(str(m, "needId"), org.bangfu.core.Role.fromGroup(str(m, "role")).orElseThrow(), str(m, "reviewerId"),
                str(m, "reviewerName"), m.get("approved").bool(), str(m, "reason"), instant(m, "at"));
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue num(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    static void putIfSet(Map<String, AttributeValue> m, String k, String v) {
        if (v != null) m.put(k, s(v));
    }

    static String str(Map<String, AttributeValue> m, String k) {
        AttributeValue v = m.get(k);
        return v == null ? null : v.s();
    }

    static int i(Map<String, AttributeValue> m, String k) {
        return Integer.parseInt(m.get(k).n());
    }

    private static int i(Map<String, AttributeValue> m, String k, int dflt) {
        return m.containsKey(k) ? i(m, k) : dflt;
    }

    static Instant instant(Map<String, AttributeValue> m, String k) {
        String v = str(m, k);
        return v == null ? null : Instant.parse(v);
    }
}
