package org.bangfu.fn.publicoffers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Category;
import org.bangfu.core.DomainException;
import org.bangfu.core.Offer;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.SupplyLookups;
import org.bangfu.lambda.SupplyViews;
import org.bangfu.store.Page;

/**
 * GET /api/offers?category=&area=&covers=&limit=&cursor= — offers that can be taken up now (used-up and
 * expired ones are not listed). {@code area}: offers made for that area or inside it; {@code covers}
 * (a village): the offers that fit a need there — made for the village or any area above it — which
 * is what the poster and reviewers are shown; with {@code category} that is the matching rule.
 * GET /api/offers/{id} — one offer, whatever its state (so a shared link says it was used up).
 */
public final class PublicOffersHandler extends HttpHandler {
    public PublicOffersHandler() {
        this(Services.live());
    }

    public PublicOffersHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        LocalDate today = services.lifecycle().today();
        if (request.pathParam("id").isPresent()) {
            Offer o = SupplyLookups.offer(services, SupplyLookups.pathId(request, "id", 'f', "没有这个供给 (no such offer)"));
            return Responses.json(200, SupplyViews.offer(o, services.areas(), today));
        }
        Category category = request.query("category").map(c -> Category.parse(c)
                .orElseThrow(() -> new DomainException.Invalid("category", "未知类别 (unknown category)"))).orElse(null);
        AreaCode area = request.areaQuery("area", services.areas()).orElse(null);
        AreaCode covers = request.areaQuery("covers", services.areas()).orElse(null);
        int limit = request.intQuery("limit", 20, 1, 50);
        ObjectNode out = Json.object();
        if (covers != null) {
            if (!covers.isVillage()) throw new DomainException.Invalid("covers", "须为村级代码 (a village)");
            if (category == null) throw new DomainException.Invalid("category", "与 covers 同用时必填 (required with covers)");
            if (area != null || request.query("cursor").isPresent()) throw new DomainException.Invalid("covers", "不能与 area 或 cursor 同用");
            out.set("items", SupplyViews.offers(services.supply().covering(covers, category, today, limit), services.areas(), today));
            out.putNull("next");
        } else {
            Page<Offer> page = services.supply().listOffers(category, area, request.query("cursor").orElse(null), limit, today);
            out.set("items", SupplyViews.offers(page.items(), services.areas(), today));
            if (page.next() == null) out.putNull("next");
            else out.put("next", page.next());
        }
        return Responses.json(200, out);
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        SupplyLookups.World s = SupplyLookups.World.in(w);
        String id = s.offer().id();
        return List.of(Priming.request("GET", "GET /api/offers", "/api/offers", null, null, null, null),
                Priming.request("GET", "GET /api/offers", "/api/offers", null,
                        Map.of("covers", w.village.code(), "category", s.offer().category().name()), null, null),
                Priming.request("GET", "GET /api/offers/{id}", "/api/offers/" + id, Map.of("id", id), null, null, null));
    }
}
