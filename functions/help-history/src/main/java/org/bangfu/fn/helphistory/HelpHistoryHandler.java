package org.bangfu.fn.helphistory;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.bangfu.core.Actor;
import org.bangfu.core.DomainException;
import org.bangfu.core.HelpHistory;
import org.bangfu.core.HelpRecord;
import org.bangfu.core.Need;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Lookups;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.SupplyViews;

/**
 * GET /api/needs/{id}/help-history — for reviewers and admins of the need's area only: what the
 * household received in the last 12 months, through the platform and recorded outside it, and
 * whether any of it was in this need's window ({@code flagged}: the reviewers decide). Each read is
 * an audit line, as any view of a household's details.
 */
public final class HelpHistoryHandler extends HttpHandler {
    public HelpHistoryHandler() {
        this(Services.live());
    }

    public HelpHistoryHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor viewer = request.actor();
        Need need = Lookups.need(services, request.needId());
        List<HelpRecord> all = services.disclosure().helpHistory(viewer, need);
        ObjectNode out = SupplyViews.helpHistory(all, need.category(), services.lifecycle().today());
        out.put("needId", need.id());
        return Responses.json(200, out);
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        String id = w.pending.id();
        return List.of(Priming.request("GET", "GET /api/needs/{id}/help-history", "/api/needs/" + id + "/help-history",
                Map.of("id", id), null, null, w.council));
    }
}
