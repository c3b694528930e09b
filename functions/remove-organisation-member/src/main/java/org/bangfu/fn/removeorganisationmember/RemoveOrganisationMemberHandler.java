package org.bangfu.fn.removeorganisationmember;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import org.bangfu.core.Actor;
import org.bangfu.core.Organisation;
import org.bangfu.core.Supply;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.SupplyLookups;
import org.bangfu.store.Retry;

/**
 * DELETE /api/organisations/{id}/members/{personId}: the organisation's manager takes a member off,
 * or a member leaves (their own id). 409 last_manager for its manager (it hands over first); 404 if not a member.
 * An audit line in the same transaction.
 */
public final class RemoveOrganisationMemberHandler extends HttpHandler {
    public RemoveOrganisationMemberHandler() {
        this(Services.live());
    }

    public RemoveOrganisationMemberHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor actor = request.actor();
        String id = SupplyLookups.pathId(request, "id", 'o', "没有这个单位 (no such organisation)");
        String personId = SupplyLookups.memberId(request);
        Organisation o = SupplyLookups.organisation(services, id).organisation();
        var supply = services.supply();
        // Read, decide, write only if both are still as read; when not, decide again on what is there now
        // (taken off meanwhile: 404; made the manager meanwhile: 409 last_manager; no longer the manager: 403).
        Retry.onStale(() -> {
            Supply.Removal r = services.supplyRules().removeMember(actor, supply.membership(o, actor.id()).orElse(null), personId,
                    supply.membership(o, personId).orElse(null));
            supply.removeMember(r, o);
            return r;
        });
        return Responses.json(200, Json.object().put("organisationId", id).put("personId", personId).put("removed", true)
                .put("left", personId.equals(actor.id())));
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        SupplyLookups.World s = SupplyLookups.World.in(w);
        String id = s.organisation().id();
        return List.of(Priming.request("DELETE", "DELETE /api/organisations/{id}/members/{personId}",
                "/api/organisations/" + id + "/members/priming-member", Map.of("id", id, "personId", "priming-member"), null, null, w.helper));
    }
}
