package org.bangfu.fn.editoffer;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Category;
import org.bangfu.core.Offer;
import org.bangfu.core.OfferEdit;
import org.bangfu.core.OfferKind;
import org.bangfu.core.Supply;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.SupplyLookups;
import org.bangfu.lambda.SupplyViews;
import org.bangfu.store.Retry;

/**
 * PATCH /api/offers/{id} {version, title?, description?, kind?, quantity?, unit?, until?, category?, areaCode?}:
 * the offerer edits an open offer from the version they saw (stale: 409). The quantity never goes
 * below what is committed; the window and area change only while nothing is, and proposals that
 * then no longer fit are declined (those made during the edit too).
 */
public final class EditOfferHandler extends HttpHandler {
    public EditOfferHandler() {
        this(Services.live());
    }

    public EditOfferHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor actor = request.actor();
        String id = SupplyLookups.pathId(request, "id", 'f', "没有这个供给 (no such offer)");
        Body body = request.body().only(Set.of("version", "kind", "category", "title", "description", "quantity", "unit", "areaCode", "until"));
        Integer version = body.integer("version");
        String kindText = body.text("kind");
        OfferKind kind = OfferKind.parse(kindText).orElse(null);
        if (kindText != null && kind == null) body.error("kind", "未知类型 (unknown kind)");
        String categoryText = body.text("category");
        Category category = Category.parse(categoryText).orElse(null);
        if (categoryText != null && category == null) body.error("category", "未知类别 (unknown category)");
        String areaText = body.text("areaCode");
        AreaCode area = AreaCode.parse(areaText).orElse(null);
        if (areaText != null && area == null) body.error("areaCode", "须为12位行政区划代码 (12-digit area code)");
        OfferEdit edit = new OfferEdit(version == null ? null : version.longValue(), kind, category, body.text("title"),
                body.text("description"), body.integer("quantity"), body.text("unit"), area, body.date("until"));
        Supply.Edit e = Retry.onStale(() -> {
            Offer offer = SupplyLookups.offer(services, id);
            boolean member = offer.byOrganisation() && services.supply().isMember(offer.organisationId(), actor.id());
            Supply.Edit done = services.supplyRules().edit(offer, edit, body.errors(), services.supply().proposalsFor(id), actor, member);
            services.supply().edit(done);
            return done;
        });
        // Moved: proposals made between the read and the write were checked against the old window or area.
        if (e.after().category() != e.before().category() || !e.after().area().equals(e.before().area())) {
            services.supply().declineEach(services.supplyRules().misfits(e.after(), services.supply().proposalsFor(id), actor));
        }
        ObjectNode out = SupplyViews.offer(e.after(), services.areas(), services.lifecycle().today());
        return Responses.json(200, out);
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        SupplyLookups.World s = SupplyLookups.World.in(w);
        String id = s.offer().id();
        return List.of(Priming.request("PATCH", "PATCH /api/offers/{id}", "/api/offers/" + id, Map.of("id", id), null,
                "{\"version\":" + s.offer().version() + ",\"quantity\":6}", w.helper));
    }
}
