package org.bangfu.fn.resolvereports;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.bangfu.api.ApiRequest;
import org.bangfu.api.Body;
import org.bangfu.api.HttpHandler;
import org.bangfu.api.Json;
import org.bangfu.api.Lookups;
import org.bangfu.api.Responses;
import org.bangfu.api.Services;
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
        out.set("need", Lookups.needFor(services, reviewer, change.after(), null));
        return Responses.json(200, out);
    }
}
