package org.bangfu.fn.withdrawoffer;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.DomainException;
import org.bangfu.core.Offer;
import org.bangfu.core.OfferState;
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
 * DELETE /api/offers/{id} ({reason?}; required from an admin of the offer's area): the offerer, a
 * member of its organisation, or an area admin takes an offer down. It leaves the public list at
 * once; proposals still waiting are declined with the reason; accepted ones (claims) stay.
 */
public final class WithdrawOfferHandler extends HttpHandler {
    public WithdrawOfferHandler() {
        this(Services.live());
    }

    public WithdrawOfferHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor actor = request.actor();
        String id = SupplyLookups.pathId(request, "id", 'f', "没有这个供给 (no such offer)");
        Body body = request.bodyOrEmpty().only(Set.of("reason"));
        String reason = body.text("reason");
        body.done();
        Supply.Withdrawal w = Retry.onStale(() -> {
            Offer offer = SupplyLookups.offer(services, id);
            boolean member = offer.byOrganisation() && services.supply().isMember(offer.organisationId(), actor.id());
            Supply.Withdrawal done;
            try {
                done = services.supplyRules().withdraw(offer, services.supply().proposalsFor(id), actor, member, reason);
            } catch (DomainException.Conflict closed) {
                // Allowed, but withdrawn already: finish the sweep of a withdrawal that stopped before it, then say so.
                if (offer.state() == OfferState.WITHDRAWN) sweep(offer);
                throw closed;
            }
            services.supply().withdraw(done);
            return done;
        });
        // Proposals made while it was being withdrawn (see SupplyRepository.withdraw): none is left waiting.
        int late = sweep(w.after());
        ObjectNode out = Json.object();
        out.set("offer", SupplyViews.offer(w.after(), services.areas(), services.lifecycle().today()));
        out.put("declinedProposals", w.declined().size() + late);
        return Responses.json(200, out);
    }

    private int sweep(Offer withdrawn) {
        return services.supply().declineEach(services.supplyRules().leftovers(withdrawn, services.supply().proposalsFor(withdrawn.id())));
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        SupplyLookups.World s = SupplyLookups.World.in(w);
        String id = s.offer().id();
        return List.of(Priming.request("DELETE", "DELETE /api/offers/{id}", "/api/offers/" + id, Map.of("id", id), null,
                "{\"reason\":\"已送完\"}", w.helper));
    }
}
