package org.bangfu.fn.leaderboard;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.Transparency;
import org.bangfu.core.AreaCode;

/**
 * GET /api/leaderboard?area=&month=YYYY-MM&limit=: helpers and reviewers by credit points, overall
 * or for an area, all time or one month. Read from precomputed boards (one query), public, and
 * carrying people's display names only.
 */
public final class LeaderboardHandler extends HttpHandler {
    public LeaderboardHandler() {
        this(Services.live());
    }

    public LeaderboardHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        AreaCode area = request.areaQuery("area", services.areas()).orElse(null);
        YearMonth month = request.monthQuery("month").orElse(null);
        int limit = request.intQuery("limit", 20, 1, 100);
        ObjectNode out = Transparency.leaderboard(services, area, month, limit);
        return Responses.json(200, out, Map.of("cache-control", "public, max-age=60"));
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        return List.of(Priming.request("GET", "GET /api/leaderboard", "/api/leaderboard", null, Map.of("area", w.village.code()), null, null));
    }
}
