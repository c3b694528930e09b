package org.bangfu.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bangfu.core.AreaCode;
import org.bangfu.core.AreaRegistry;
import org.bangfu.core.Claim;
import org.bangfu.core.Household;
import org.bangfu.core.Need;
import org.bangfu.core.Photo;
import org.bangfu.core.PhotoRules;
import org.bangfu.core.Privacy;
import org.bangfu.core.PublicNeed;

/**
 * The JSON shapes of needs and claims. The public shape has no way to carry personal fields; the
 * full one is rendered only by {@link Disclosure}, which asks {@link org.bangfu.core.Privacy} first.
 */
public final class Views {
    private Views() {
    }

    public static ObjectNode publicNeed(PublicNeed n, AreaRegistry areas) {
        ObjectNode o = Json.object();
        o.put("id", n.id());
        o.put("category", n.category().name());
        o.put("categoryLabel", n.category().label());
        o.put("title", n.title());
        o.put("description", n.description());
        o.put("unit", n.unit());
        o.put("quantity", n.quantity());
        o.put("remaining", n.remaining());
        if (n.valueYuan() != null) o.put("valueYuan", n.valueYuan());
        o.put("deadline", n.deadline().toString());
        o.set("area", area(n.area(), areas));
        o.put("beneficiary", n.beneficiary());
        o.put("state", n.state().name());
        if (n.publishedAt() != null) o.put("publishedAt", n.publishedAt().toString());
        o.put("shareUrl", "/share/" + n.id());
        return o;
    }

    /**
     * GET /api/needs/{id} and its snapshot: the public need with its public photos (the served
     * copies, which carry no location), so a need page needs no second read to show them.
     */
    public static ObjectNode publicNeedPage(Need need, java.util.List<Photo> photos, AreaRegistry areas) {
        ObjectNode o = publicNeed(PublicNeed.of(need), areas);
        ArrayNode a = o.putArray("photos");
        for (Photo p : photos) if (PhotoRules.isPublic(p, need)) a.add(publicPhoto(p));
        return o;
    }

    /** A public photo: only what the picture is (no uploader, no state), its copies served from our origin. */
    public static ObjectNode publicPhoto(Photo p) {
        ObjectNode o = Json.object();
        o.put("id", p.id());
        o.put("kind", p.kind().wire());
        o.put("small", PhotoRules.publicPath(p, "small"));
        o.put("display", PhotoRules.publicPath(p, "display"));
        o.put("width", p.width());
        o.put("height", p.height());
        return o;
    }

    /** A page of the public listing: {@code items} (public views) and {@code next} (a cursor, or null). */
    public static ObjectNode needPage(org.bangfu.store.Page<PublicNeed> page, AreaRegistry areas) {
        ObjectNode out = Json.object();
        var items = out.putArray("items");
        page.items().forEach(n -> items.add(publicNeed(n, areas)));
        if (page.next() != null) out.put("next", page.next());
        else out.putNull("next");
        return out;
    }

    /**
     * For the poster, the area's reviewers and admins, and a helper holding a claim on it: only through
     * {@link Disclosure}, at the level {@link Privacy#level} decided (the ID number only at FULL).
     */
    static ObjectNode fullNeed(Need n, Household household, AreaRegistry areas, Privacy.Level level) {
        if (level == Privacy.Level.PUBLIC) return publicNeed(PublicNeed.of(n), areas);
        ObjectNode o = publicNeed(PublicNeed.of(n), areas);
        o.put("posterId", n.posterId());
        o.put("posterName", n.posterName());
        o.putObject("contact").put("name", n.contact().name()).put("phone", n.contact().phone());
        if (household != null) {
            ObjectNode h = o.putObject("household").put("name", household.name());
            if (level == Privacy.Level.FULL) h.put("idNumber", household.idNumber());
            h.put("phone", household.phone()).put("address", household.address());
        }
        ObjectNode q = o.putObject("quantities");
        q.put("remaining", n.quantities().remaining()).put("active", n.quantities().active())
                .put("delivered", n.quantities().delivered()).put("fulfilled", n.quantities().fulfilled());
        ObjectNode reviews = o.putObject("reviews");
        reviews.put("council", n.councilReviewerId() != null);
        reviews.put("volunteer", n.volunteerReviewerId() != null);
        if (n.rejectReason() != null) o.put("rejectReason", n.rejectReason());
        o.put("createdAt", n.createdAt().toString());
        o.put("updatedAt", n.updatedAt().toString());
        return o;
    }

    public static ObjectNode claim(Claim c) {
        ObjectNode o = Json.object();
        o.put("id", c.id());
        o.put("needId", c.needId());
        o.put("helperId", c.helperId());
        o.put("helperName", c.helperName());
        o.put("quantity", c.quantity());
        o.put("state", c.state().name());
        o.put("createdAt", c.createdAt().toString());
        o.put("dueOn", c.dueOn().toString());
        if (c.deliveryNote() != null) o.put("deliveryNote", c.deliveryNote());
        if (c.deliveryPhotoRef() != null) o.put("deliveryPhotoRef", c.deliveryPhotoRef());
        if (c.deliveredAt() != null) o.put("deliveredAt", c.deliveredAt().toString());
        if (c.confirmedAt() != null) o.put("confirmedAt", c.confirmedAt().toString());
        // Confirmed by the poster alone: the helper's points wait for the area admin's confirmation.
        if (c.pointsHeld()) o.put("pointsHeld", true);
        if (c.releasedAt() != null) o.put("releasedAt", c.releasedAt().toString());
        if (c.releaseReason() != null) o.put("releaseReason", c.releaseReason());
        if (c.origin() != null && c.origin().organisationId() != null) {
            o.putObject("organisation").put("id", c.origin().organisationId()).put("name", c.origin().organisationName());
        }
        if (c.origin() != null && c.origin().offerId() != null) o.put("offerId", c.origin().offerId());
        return o;
    }

    public static ObjectNode area(AreaCode code, AreaRegistry areas) {
        ObjectNode a = Json.object();
        a.put("code", code.code());
        ArrayNode names = a.putArray("names");
        areas.path(code).forEach(names::add);
        areas.name(code).ifPresent(name -> a.put("name", name));
        return a;
    }
}
