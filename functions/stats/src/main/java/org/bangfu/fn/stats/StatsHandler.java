package org.bangfu.fn.stats;

import org.bangfu.lambda.Priming;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.Transparency;
import org.bangfu.core.AreaCode;
import org.bangfu.core.DomainException;

/**
 * GET /api/stats?area=&limit=&cursor=: the transparency page's data. Counters precomputed from
 * the change stream (two queries) and the newest fulfilled needs from their sparse index (one
 * query a page), never a scan. Public, and nothing in it identifies a household: counts, windows,
 * areas down to the town, and the fulfilled needs' public facts (masked name, village).
 */
public final class StatsHandler extends HttpHandler {
    public StatsHandler() {
        this(Services.live());
    }

    public StatsHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        AreaCode area = request.areaQuery("area", services.areas()).orElse(null);
        if (area != null && area.isVillage()) {
            throw new DomainException.Invalid("area", "统计到乡镇一级，请选择乡镇或以上 (counted down to towns: choose a town or above)");
        }
        int limit = request.intQuery("limit", 10, 1, 50);
        ObjectNode out = Transparency.figures(services, area, request.query("cursor").orElse(null), limit);
        return Responses.json(200, out, Map.of("cache-control", "public, max-age=60"));
    }

    /** SnapStart priming: the typical request, on the canned in-memory table. */
    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        return List.of(Priming.request("GET", "GET /api/stats", "/api/stats", null, null, null, null));
    }
}
