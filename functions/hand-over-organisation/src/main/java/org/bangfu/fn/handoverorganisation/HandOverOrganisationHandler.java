package org.bangfu.fn.handoverorganisation;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.MemberRole;
import org.bangfu.core.Organisation;
import org.bangfu.core.Supply;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.SupplyLookups;
import org.bangfu.store.Retry;

/**
 * PATCH /api/organisations/{id}/members/{personId} {"role": "MANAGER"}: the organisation's manager
 * hands over to another member and becomes a plain member, in one transaction with its audit line.
 * 403 not the manager, 404 not (or no longer) a member, 400 to oneself or any other body.
 */
public final class HandOverOrganisationHandler extends HttpHandler {
    public HandOverOrganisationHandler() {
        this(Services.live());
    }

    public HandOverOrganisationHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor actor = request.actor();
        String id = SupplyLookups.pathId(request, "id", 'o', "没有这个单位 (no such organisation)");
        String personId = SupplyLookups.memberId(request);
        Body body = request.body().only(Set.of("role"));
        String role = body.text("role");
        // The one change of a member this route makes: to manager (a manager becomes a member by handing over).
        if (role == null && !body.has("role")) body.error("role", "required", "必填，须为 \"MANAGER\" (required: \"MANAGER\")");
        else if (role != null && !role.equals(MemberRole.MANAGER.name())) {
            body.error("role", "only_manager", "只能设为 \"MANAGER\"（移交管理）(only \"MANAGER\": a hand-over)");
        }
        body.done();
        Organisation o = SupplyLookups.organisation(services, id).organisation();
        var supply = services.supply();
        // Read, decide, write only if both items are still as read; else decide again on what is there now
        // (a racing hand-over won: 403; the member was taken off meanwhile: 404).
        Supply.HandOver h = Retry.onStale(() -> {
            Supply.HandOver d = services.supplyRules().handOver(actor, supply.membership(o, actor.id()).orElse(null), personId,
                    supply.membership(o, personId).orElse(null));
            supply.handOver(d, o);
            return d;
        });
        return Responses.json(200, Json.object().put("organisationId", id).put("manager", h.to().personId())
                .put("formerManager", h.from().personId()).put("role", MemberRole.MANAGER.name()));
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        SupplyLookups.World s = SupplyLookups.World.in(w);
        String id = s.organisation().id();
        return List.of(Priming.request("PATCH", "PATCH /api/organisations/{id}/members/{personId}",
                "/api/organisations/" + id + "/members/priming-member", Map.of("id", id, "personId", "priming-member"), null,
                "{\"role\":\"MANAGER\"}", w.helper));
    }
}
