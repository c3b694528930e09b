package org.bangfu.fn.decideorganisation;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.Ids;
import org.bangfu.core.Organisation;
import org.bangfu.core.OrganisationDraft;
import org.bangfu.core.OrganisationKind;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.SupplyLookups;
import org.bangfu.lambda.SupplyViews;
import org.bangfu.store.Retry;
import org.bangfu.store.SupplyRepository;
import org.bangfu.store.SupplyRepository.OrganisationView;

/**
 * POST /api/organisations/{id}/decision {decision: "approve"|"reject", reason?}: an admin of the
 * organisation's area verifies it (联盟成员单位) or turns it down with a reason (2–200).
 */
public final class DecideOrganisationHandler extends HttpHandler {
    public DecideOrganisationHandler() {
        this(Services.live());
    }

    public DecideOrganisationHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor admin = request.actor();
        String id = SupplyLookups.pathId(request, "id", 'o', "没有这个单位 (no such organisation)");
        Body body = request.body().only(Set.of("decision", "reason"));
        String decision = body.text("decision");
        String reason = body.text("reason");
        if (decision == null && !body.has("decision")) body.error("decision", "必填：approve 或 reject (required)");
        else if (decision != null && !decision.equals("approve") && !decision.equals("reject")) body.error("decision", "须为 approve 或 reject");
        body.done();
        Organisation after = Retry.onStale(() -> {
            OrganisationView v = SupplyLookups.organisation(services, id);
            Organisation o = services.supplyRules().decide(v.organisation(), admin, decision.equals("approve"), reason);
            services.supply().decide(v.organisation(), o);
            return o;
        });
        return Responses.json(200, SupplyViews.organisationForInsiders(new OrganisationView(after, 0, 0, 0), services.areas()));
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        Organisation pending = services.supplyRules().register(new OrganisationDraft("预热单位", OrganisationKind.COMPANY, w.village,
                "预热联系人", "13900000000", null), List.of(), w.helper, Ids.organisation()).organisation();
        SupplyRepository.cannedItems(pending, w.helper.id(), null, null).forEach(w.table::item);
        return List.of(Priming.request("POST", "POST /api/organisations/{id}/decision", "/api/organisations/" + pending.id() + "/decision",
                Map.of("id", pending.id()), null, "{\"decision\":\"approve\"}", w.admin));
    }

}
