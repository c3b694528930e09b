package org.bangfu.fn.resolvereports;

import org.bangfu.lambda.Priming;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import java.util.List;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Lookups;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.core.Actor;
import org.bangfu.core.Change;
import org.bangfu.store.Retry;

/**
 * POST /api/needs/{id}/reports/resolve with {"action": "dismiss"|"withdraw", "note": …}: a
 * reviewer or admin of the area looks into the public's reports: dismiss them (the need stays),
 * or withdraw the need (delisted for good), noting why.
 */
public final class ResolveReportsHandler extends HttpHandler {
    public ResolveReportsHandler() {
        this(Services.live());
    }

    public ResolveReportsHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor reviewer = request.actor();
        String needId = request.needId();
        Body body = request.body().only(Set.of("action", "note"));
        String action = body.text("action");
        if (action == null) body.error("action", "必填：dismiss 或 withdraw (required)");
        else if (!action.equals("dismiss") && !action.equals("withdraw")) body.error("action", "须为 dismiss 或 withdraw");
        String note = body.text("note");
        body.done();
        Change change = Retry.onStale(() -> {
            Change c = services.lifecycle().resolveReports(Lookups.need(services, needId), reviewer, action.equals("withdraw"), note);
            services.needs().apply(c);
            return c;
        });
        ObjectNode out = Json.object();
        out.put("action", action);
        out.set("need", services.disclosure().need(reviewer, change.after(), null, "need"));
        return Responses.json(200, out);
    }

    /** SnapStart priming: the typical request, on the canned in-memory table. */
    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        org.bangfu.core.Need p = w.published;
        // The canned world has no reports; give its published need one, so the request takes the success path.
        w.table.need(new org.bangfu.core.Need(p.id(), p.category(), p.title(), p.description(), p.unit(), p.valueYuan(), p.deadline(),
                p.area(), p.householdId(), p.beneficiary(), p.posterId(), p.posterName(), p.contact(), p.state(), p.quantities(),
                p.councilReviewerId(), p.volunteerReviewerId(), p.rejectReason(), p.createdAt(), p.publishedAt(), p.updatedAt(),
                p.version(), 1));
        return List.of(Priming.request("POST", "POST /api/needs/{id}/reports/resolve", "/api/needs/" + w.published.id() + "/reports/resolve",
                Map.of("id", w.published.id()), null, "{\"action\":\"dismiss\",\"note\":\"预热处理\"}", w.council));
    }
}
