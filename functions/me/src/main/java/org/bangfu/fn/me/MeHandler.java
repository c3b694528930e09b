package org.bangfu.fn.me;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Disclosure;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.Views;
import org.bangfu.core.Actor;
import org.bangfu.core.ClaimState;
import org.bangfu.core.Need;
import org.bangfu.core.PublicNeed;
import org.bangfu.core.Role;
import org.bangfu.store.Listings.ClaimSummary;
import org.bangfu.store.PointsLedger;

/**
 * GET /api/me: who I am, the needs I posted, my claims, and my credit points with the ledger
 * line for every point. For claims still open (active or
 * delivered) the need comes with the household's contact details, so the helper can deliver.
 * GET /api/me/needs/{id}: one need I posted, in any state (pending, rejected, withdrawn too), in full.
 */
public final class MeHandler extends HttpHandler {
    public MeHandler() {
        this(Services.live());
    }

    public MeHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        if (request.pathParam("id").isPresent()) return postedNeed(request);
        Actor me = request.actor();
        ObjectNode out = Json.object();
        ObjectNode profile = out.putObject("profile");
        profile.put("id", me.id());
        profile.put("name", me.displayName());
        ArrayNode roles = profile.putArray("roles");
        me.roles().stream().map(Role::group).sorted().forEach(roles::add);
        if (me.area() != null) profile.set("area", Views.area(me.area(), services.areas()));
        ArrayNode grants = profile.putArray("grants"); // each role with its own area
        me.grants().forEach((r, a) -> {
            ObjectNode g = grants.addObject().put("role", r.group());
            if (a != null) g.set("area", Views.area(a, services.areas()));
        });

        ArrayNode posted = out.putArray("posted");
        if (me.has(Role.POSTER)) {
            for (Need n : services.listings().postedBy(me.id(), 50)) {
                ObjectNode o = Views.publicNeed(PublicNeed.of(n), services.areas());
                if (n.rejectReason() != null) o.put("rejectReason", n.rejectReason());
                // What the poster can confirm: read only for needs with something delivered (one query each).
                if (n.quantities().delivered() > 0) {
                    ArrayNode waiting = o.putArray("awaitingConfirmation");
                    services.needs().claimsOn(n.id()).stream().filter(c -> c.state() == ClaimState.DELIVERED)
                            .forEach(c -> waiting.add(Views.claim(c)));
                }
                posted.add(o);
            }
        }

        List<ClaimSummary> claims = services.listings().claimsBy(me.id(), 50);
        List<ClaimSummary> open = claims.stream()
                .filter(c -> c.claim().state() == ClaimState.ACTIVE || c.claim().state() == ClaimState.DELIVERED).toList();
        Map<String, Need> openNeeds = services.needs().needs(open.stream().map(c -> c.claim().needId()).toList());
        Map<String, Disclosure.Shown> shown = new HashMap<>();
        services.disclosure().needs(me, openNeeds.values(), true, "me").forEach(s -> shown.put(s.need().id(), s));
        ArrayNode claimArray = out.putArray("claims");
        for (ClaimSummary c : claims) {
            ObjectNode o = Views.claim(c.claim());
            o.put("needTitle", c.needTitle());
            if (c.unit() != null) o.put("unit", c.unit());
            o.put("category", c.category().name());
            o.put("categoryLabel", c.category().label());
            o.set("area", Views.area(c.area(), services.areas()));
            Disclosure.Shown s = shown.get(c.claim().needId());
            if (s != null && s.withHousehold()) o.set("need", s.view());
            claimArray.add(o);
        }
        ObjectNode points = out.putObject("points");
        points.put("total", services.points().total(me.id()));
        ArrayNode ledger = points.putArray("ledger");
        for (PointsLedger.Line l : services.points().lines(me.id(), 100)) {
            ledger.addObject().put("points", l.points()).put("rule", l.rule()).put("reason", l.reason()).put("needId", l.needId())
                    .put("at", l.at());
        }
        return Responses.json(200, out);
    }

    /** Someone else's need is not found here, whatever its state: the public read is GET /api/needs/{id}. */
    private APIGatewayV2HTTPResponse postedNeed(ApiRequest request) {
        Actor me = request.actor();
        String id = request.needId();
        Need need = services.needs().need(id).filter(n -> n.posterId().equals(me.id()))
                .orElseThrow(() -> new org.bangfu.core.DomainException.NotFound("没有这个需求 (no such need)"));
        return Responses.json(200, services.disclosure().need(me, need, null, "me:need"));
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        String id = w.pending.id();
        return List.of(Priming.request("GET", "GET /api/me", "/api/me", null, null, null, w.helper),
                Priming.request("GET", "GET /api/me/needs/{id}", "/api/me/needs/" + id, Map.of("id", id), null, null, w.poster));
    }
}
