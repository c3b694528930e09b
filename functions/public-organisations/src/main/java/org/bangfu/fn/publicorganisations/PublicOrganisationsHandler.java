package org.bangfu.fn.publicorganisations;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.bangfu.core.AreaCode;
import org.bangfu.core.DomainException;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.SupplyLookups;
import org.bangfu.lambda.SupplyViews;
import org.bangfu.lambda.Transparency;
import org.bangfu.store.SupplyRepository.OrganisationView;

/**
 * GET /api/organisations?area=&limit= — the alliance's verified member units of an area, most help
 * first (the leaderboard by organisation: confirmed claims, units, estimated value).
 * GET /api/organisations/{id} — one organisation, public view (404 unless verified), with its open offers.
 */
public final class PublicOrganisationsHandler extends HttpHandler {
    public PublicOrganisationsHandler() {
        this(Services.live());
    }

    public PublicOrganisationsHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        if (request.pathParam("id").isPresent()) return one(request);
        AreaCode area = request.areaQuery("area", services.areas()).orElse(null);
        int limit = request.intQuery("limit", 50, 1, 200);
        ObjectNode out = Transparency.organisations(services, area, limit);
        return Responses.json(200, out, Map.of("cache-control", "public, max-age=60"));
    }

    private APIGatewayV2HTTPResponse one(ApiRequest request) {
        String id = SupplyLookups.pathId(request, "id", 'o', "没有这个单位 (no such organisation)");
        OrganisationView v = SupplyLookups.organisation(services, id);
        if (!v.organisation().isVerified()) throw new DomainException.NotFound("没有这个单位 (no such organisation)");
        ObjectNode out = SupplyViews.organisation(v, services.areas());
        var today = services.lifecycle().today();
        out.set("offers", SupplyViews.offers(services.supply().offersOf(id, null, 50).stream().filter(o -> o.isListed(today)).toList(),
                services.areas(), today));
        return Responses.json(200, out);
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        SupplyLookups.World s = SupplyLookups.World.in(w);
        String id = s.organisation().id();
        return List.of(Priming.request("GET", "GET /api/organisations", "/api/organisations", null, null, null, null),
                Priming.request("GET", "GET /api/organisations/{id}", "/api/organisations/" + id, Map.of("id", id), null, null, null));
    }
}
