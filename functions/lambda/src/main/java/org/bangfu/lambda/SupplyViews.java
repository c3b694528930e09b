package org.bangfu.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import org.bangfu.core.AreaRegistry;
import org.bangfu.core.HelpRecord;
import org.bangfu.core.Offer;
import org.bangfu.core.Organisation;
import org.bangfu.core.Proposal;
import org.bangfu.store.SupplyRepository.OrganisationView;

/**
 * The JSON shapes of the supply side. An organisation's public shape has no contact; the contact is
 * for its members and the admins of its area ({@link #organisationForInsiders}).
 */
public final class SupplyViews {
    private SupplyViews() {
    }

    public static ObjectNode organisation(OrganisationView v, AreaRegistry areas) {
        Organisation o = v.organisation();
        ObjectNode n = Json.object();
        n.put("id", o.id());
        n.put("name", o.name());
        n.put("kind", o.kind().name());
        n.put("kindLabel", o.kind().label());
        n.set("area", Views.area(o.area(), areas));
        if (o.about() != null) n.put("about", o.about());
        n.put("state", o.state().name());
        n.put("verified", o.isVerified());
        if (o.isVerified()) n.put("badge", "联盟成员单位");
        if (o.decidedAt() != null && o.isVerified()) n.put("verifiedAt", o.decidedAt().toString());
        n.putObject("contribution").put("claimsConfirmed", v.helpedClaims()).put("units", v.helpedUnits())
                .put("valueYuan", v.helpedValueYuan());
        return n;
    }

    public static ObjectNode organisationForInsiders(OrganisationView v, AreaRegistry areas) {
        ObjectNode n = organisation(v, areas);
        Organisation o = v.organisation();
        n.putObject("contact").put("name", o.contact().name()).put("phone", o.contact().phone());
        n.put("registeredBy", o.registeredBy());
        n.put("createdAt", o.createdAt().toString());
        if (o.rejectReason() != null) n.put("rejectReason", o.rejectReason());
        return n;
    }

    public static ObjectNode offer(Offer o, AreaRegistry areas, LocalDate today) {
        ObjectNode n = Json.object();
        n.put("id", o.id());
        n.put("kind", o.kind().name());
        n.put("kindLabel", o.kind().label());
        n.put("category", o.category().name());
        n.put("categoryLabel", o.category().label());
        n.put("title", o.title());
        n.put("description", o.description());
        n.put("unit", o.unit());
        n.put("quantity", o.quantity());
        // A monthly offer: quantity is per month, remaining is what is left this month.
        n.put("capacity", o.capacity().name());
        n.put("remaining", o.remainingOn(today));
        n.set("area", Views.area(o.area(), areas));
        n.put("until", o.until().toString());
        n.put("offererName", o.offererName());
        if (o.organisationId() != null) {
            n.putObject("organisation").put("id", o.organisationId()).put("name", o.organisationName());
        }
        n.put("state", o.status(today).name());
        if (o.createdAt() != null) n.put("createdAt", o.createdAt().toString());
        // What an edit sends back as the version it saw.
        n.put("version", o.version());
        n.put("shareUrl", "/share/offer/" + o.id());
        return n;
    }

    public static ArrayNode offers(List<Offer> offers, AreaRegistry areas, LocalDate today) {
        ArrayNode a = Json.array();
        offers.forEach(o -> a.add(offer(o, areas, today)));
        return a;
    }

    public static ObjectNode proposal(Proposal p) {
        ObjectNode n = Json.object();
        n.put("id", p.id());
        n.put("offerId", p.offerId());
        n.put("needId", p.needId());
        n.put("needTitle", p.needTitle());
        n.put("category", p.category().name());
        n.put("categoryLabel", p.category().label());
        n.put("needArea", p.needArea().code());
        n.put("proposerName", p.proposerName());
        n.put("quantity", p.quantity());
        n.put("state", p.state().name());
        n.put("createdAt", p.createdAt().toString());
        if (p.answeredAt() != null) n.put("answeredAt", p.answeredAt().toString());
        if (p.reason() != null) n.put("reason", p.reason());
        if (p.claimId() != null) n.put("claimId", p.claimId());
        return n;
    }

    /** A household's last 12 months of help, flagged when some was in {@code category} (for reviewers and admins only). */
    public static ObjectNode helpHistory(List<HelpRecord> all, org.bangfu.core.Category category, LocalDate today) {
        List<HelpRecord> same = org.bangfu.core.HelpHistory.sameWindow(all, category, today);
        ObjectNode n = Json.object();
        n.put("months", org.bangfu.core.HelpHistory.MONTHS);
        n.put("flagged", !same.isEmpty());
        n.put("sameWindow", same.size());
        ArrayNode items = n.putArray("items");
        org.bangfu.core.HelpHistory.recent(all, today).forEach(r -> items.add(help(r)));
        return n;
    }

    public static ObjectNode help(HelpRecord r) {
        ObjectNode n = Json.object();
        n.put("category", r.category().name());
        n.put("categoryLabel", r.category().label());
        n.put("what", r.what());
        n.put("from", r.from());
        n.put("date", r.date().toString());
        n.put("source", r.source().name());
        return n;
    }
}
