package org.bangfu.fn.proposeoffer;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.Ids;
import org.bangfu.core.Need;
import org.bangfu.core.Offer;
import org.bangfu.core.Proposal;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Lookups;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.SupplyLookups;
import org.bangfu.lambda.SupplyViews;
import org.bangfu.store.Retry;

/**
 * POST /api/offers/{id}/proposals {needId, quantity?}: the need's poster proposes it to an offer that
 * fits (same window, the offer covers the village, capacity left). The offerer answers it.
 */
public final class ProposeOfferHandler extends HttpHandler {
    public ProposeOfferHandler() {
        this(Services.live());
    }

    public ProposeOfferHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor poster = request.actor();
        String offerId = SupplyLookups.pathId(request, "id", 'f', "没有这个供给 (no such offer)");
        Body body = request.body().only(Set.of("needId", "quantity"));
        String needId = body.text("needId");
        Integer quantity = body.integer("quantity");
        if (needId == null && !body.has("needId")) body.error("needId", "必填 (required)");
        else if (needId != null && !Ids.looksValid(needId, 'n')) body.error("needId", "没有这个需求 (no such need)");
        body.done();
        // With an Idempotency-Key the id comes from the key: a retry whose first answer was lost (a
        // cadre's 3G dropping) finds its proposal made, instead of proposing the need twice.
        java.util.Optional<String> seed = request.idempotencySeed();
        String id = seed.map(Ids::proposalFrom).orElseGet(Ids::proposal);
        Proposal p = Retry.onStale(() -> {
            if (seed.isPresent()) {
                var made = services.supply().proposal(offerId, id).filter(x -> x.proposerId().equals(poster.id()));
                if (made.isPresent()) return made.get();
            }
            Offer offer = SupplyLookups.offer(services, offerId);
            Need need = Lookups.need(services, needId);
            Proposal made = services.supplyRules().propose(offer, need, poster, quantity, id);
            services.supply().propose(made, offer);
            return made;
        });
        return Responses.json(201, SupplyViews.proposal(p));
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        SupplyLookups.World s = SupplyLookups.World.in(w);
        String id = s.offer().id();
        return List.of(Priming.request("POST", "POST /api/offers/{id}/proposals", "/api/offers/" + id + "/proposals", Map.of("id", id),
                null, "{\"needId\":\"" + w.published.id() + "\",\"quantity\":1}", w.poster));
    }
}
