package org.bangfu.fn.confirmqueue;

import org.bangfu.lambda.Priming;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.List;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Disclosure;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.Views;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Need;
import org.bangfu.store.Listings.ClaimSummary;
import org.bangfu.store.Page;

/**
 * GET /api/confirm-queue?area=&limit=&cursor=: for an area admin, the delivered claims in their
 * area (and below) waiting for confirmation, each with its need and the household's contact so
 * the admin can check with the family before confirming. Read from a sparse index that holds
 * claims only while they are delivered. The admin's own claims are left out (nobody confirms
 * their own help).
 */
public final class ConfirmQueueHandler extends HttpHandler {
    public ConfirmQueueHandler() {
        this(Services.live());
    }

    public ConfirmQueueHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor actor = request.actor();
        AreaCode area = request.adminArea(services.areas(), "只有区域管理员可以查看 (area admins only)");
        int limit = request.intQuery("limit", 20, 1, 50);
        Page<ClaimSummary> page = services.listings().awaitingConfirmation(area, actor.id(), request.query("cursor").orElse(null), limit);
        Map<String, Need> needs = services.needs().needs(page.items().stream().map(c -> c.claim().needId()).toList());
        Map<String, Disclosure.Shown> shown = new HashMap<>();
        services.disclosure().needs(actor, needs.values(), false, "confirm-queue").forEach(s -> shown.put(s.need().id(), s));
        ObjectNode out = Json.object();
        out.set("area", Views.area(area, services.areas()));
        ArrayNode items = out.putArray("items");
        for (ClaimSummary c : page.items()) {
            Disclosure.Shown s = shown.get(c.claim().needId());
            if (s == null || !s.withHousehold()) continue; // index and need always agree; belt and braces
            ObjectNode o = Views.claim(c.claim());
            o.put("needTitle", c.needTitle());
            if (c.unit() != null) o.put("unit", c.unit());
            o.put("category", c.category().name());
            o.put("categoryLabel", c.category().label());
            o.set("area", Views.area(c.area(), services.areas()));
            o.set("need", s.view());
            items.add(o);
        }
        if (page.next() != null) out.put("next", page.next());
        else out.putNull("next");
        return Responses.json(200, out);
    }

    /** SnapStart priming: the typical request, on the canned in-memory table. */
    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        return List.of(Priming.request("GET", "GET /api/confirm-queue", "/api/confirm-queue", null, null, null, w.admin));
    }
}
