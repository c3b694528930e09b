package org.bangfu.fn.postoffer;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Category;
import org.bangfu.core.Ids;
import org.bangfu.core.Offer;
import org.bangfu.core.OfferCapacity;
import org.bangfu.core.OfferDraft;
import org.bangfu.core.OfferKind;
import org.bangfu.core.Organisation;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.SupplyLookups;
import org.bangfu.lambda.SupplyViews;
import org.bangfu.store.Retry;

/**
 * POST /api/offers {kind, category, title, description, quantity, unit, areaCode, until, organisationId?}:
 * a helper publishes an offer, for themselves or for a verified organisation they are a member of.
 * It is public at once (the organisation was verified; a person's offer is as open as their claims).
 */
public final class PostOfferHandler extends HttpHandler {
    public PostOfferHandler() {
        this(Services.live());
    }

    public PostOfferHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor helper = request.actor();
        Body body = request.body().only(Set.of("kind", "category", "title", "description", "quantity", "capacity", "unit", "areaCode",
                "until", "organisationId"));
        String kindText = body.text("kind");
        OfferKind kind = OfferKind.parse(kindText).orElse(null);
        if (kindText != null && kind == null) body.error("kind", "未知类型 (unknown kind)");
        String categoryText = body.text("category");
        Category category = Category.parse(categoryText).orElse(null);
        if (categoryText != null && category == null) body.error("category", "未知类别 (unknown category)");
        String areaText = body.text("areaCode");
        AreaCode area = AreaCode.parse(areaText).orElse(null);
        if (areaText != null && area == null) body.error("areaCode", "须为12位行政区划代码 (12-digit area code)");
        String capacityText = body.text("capacity");
        OfferCapacity capacity = capacityText == null ? OfferCapacity.TOTAL : OfferCapacity.parse(capacityText).orElse(null);
        if (capacity == null) body.error("capacity", "须为 TOTAL（共）或 MONTHLY（每月） (TOTAL or MONTHLY)");
        OfferDraft draft = new OfferDraft(kind, category, body.text("title"), body.text("description"), body.integer("quantity"),
                capacity == null ? OfferCapacity.TOTAL : capacity, body.text("unit"), area, body.date("until"), body.text("organisationId"));
        // With an Idempotency-Key the id comes from the key: a retry whose first answer was lost finds its offer published.
        java.util.Optional<String> seed = request.idempotencySeed();
        String id = seed.map(Ids::offerFrom).orElseGet(Ids::offer);
        Offer offer = Retry.onStale(() -> {
            if (seed.isPresent()) {
                var published = services.supply().offer(id).filter(o -> o.offererId().equals(helper.id()));
                if (published.isPresent()) return published.get();
            }
            Organisation org = null;
            boolean member = false;
            if (draft.organisationId() != null && Ids.looksValid(draft.organisationId(), 'o')) {
                org = services.supply().organisation(draft.organisationId()).map(v -> v.organisation()).orElse(null);
                member = org != null && services.supply().isMember(org.id(), helper.id());
            }
            Offer o = services.supplyRules().publish(draft, body.errors(), helper, org, member, id);
            services.supply().publish(o);
            return o;
        });
        return Responses.json(201, SupplyViews.offer(offer, services.areas(), services.lifecycle().today()),
                Map.of("location", "/api/offers/" + offer.id()));
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        SupplyLookups.World s = SupplyLookups.World.in(w);
        String body = "{\"kind\":\"GOODS\",\"category\":\"DISABILITY\",\"title\":\"预热供给\",\"description\":\"这是一条只在内存中存在的预热供给。\","
                + "\"quantity\":5,\"unit\":\"台\",\"areaCode\":\"" + w.village.code() + "\",\"until\":\""
                + services.lifecycle().today().plusDays(30) + "\",\"organisationId\":\"" + s.organisation().id() + "\"}";
        return List.of(Priming.request("POST", "POST /api/offers", "/api/offers", null, null, body, w.helper));
    }
}
