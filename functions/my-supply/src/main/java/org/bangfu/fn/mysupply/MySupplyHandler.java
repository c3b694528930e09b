package org.bangfu.fn.mysupply;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.core.Actor;
import org.bangfu.core.Offer;
import org.bangfu.core.OrganisationState;
import org.bangfu.core.Role;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.SupplyViews;
import org.bangfu.store.SupplyRepository;

/**
 * GET /api/me/supply — the signed-in person's side of the supply: the organisations they act for
 * (with contact and members), their offers and their organisations' offers with the proposals
 * waiting for an answer, the proposals they made as a poster, and for an area admin the
 * organisations of their area waiting for verification.
 */
public final class MySupplyHandler extends HttpHandler {
    public MySupplyHandler() {
        this(Services.live());
    }

    public MySupplyHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor me = request.actor();
        SupplyRepository supply = services.supply();
        LocalDate today = services.lifecycle().today();
        ObjectNode out = Json.object();
        ArrayNode orgs = out.putArray("organisations");
        List<Offer> offers = new ArrayList<>(supply.offersOf(null, me.id(), 50));
        for (SupplyRepository.MemberOf m : supply.memberships(me.id())) {
            supply.organisation(m.organisationId()).ifPresent(v -> {
                ObjectNode o = SupplyViews.organisationForInsiders(v, services.areas());
                ArrayNode members = o.putArray("members");
                for (var x : supply.members(v.organisation())) {
                    ObjectNode row = members.addObject().put("personId", x.personId()).put("name", x.personName()).put("role", x.role().name())
                            .put("addedAt", x.at().toString());
                    if (x.maskedPhone() != null) row.put("maskedPhone", x.maskedPhone()); // masked when added: the whole number is not kept
                    if (x.personId().equals(me.id())) o.put("myRole", x.role().name());
                }
                orgs.add(o);
            });
            offers.addAll(supply.offersOf(m.organisationId(), null, 50));
        }
        ArrayNode offerNodes = out.putArray("offers");
        for (Offer f : offers) {
            ObjectNode o = SupplyViews.offer(f, services.areas(), today);
            ArrayNode ps = o.putArray("proposals");
            supply.proposalsFor(f.id()).forEach(p -> ps.add(SupplyViews.proposal(p)));
            offerNodes.add(o);
        }
        ArrayNode mine = out.putArray("proposals");
        supply.proposalsBy(me.id(), 50).forEach(p -> mine.add(SupplyViews.proposal(p)));
        if (me.areaOf(Role.ADMIN) != null) {
            ArrayNode pending = out.putArray("pendingOrganisations");
            supply.organisations(OrganisationState.PENDING, me.areaOf(Role.ADMIN), 100).forEach(v ->
                    supply.organisation(v.organisation().id()).ifPresent(full -> pending.add(SupplyViews.organisationForInsiders(full, services.areas()))));
        }
        return Responses.json(200, out);
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        return List.of(Priming.request("GET", "GET /api/me/supply", "/api/me/supply", null, null, null, w.helper),
                Priming.request("GET", "GET /api/me/supply", "/api/me/supply", null, null, null, w.admin));
    }
}
