package org.bangfu.fn.publicneeds;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.Views;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Category;
import org.bangfu.core.DomainException;
import org.bangfu.core.Need;
import org.bangfu.core.PublicNeed;
import org.bangfu.store.Page;

/**
 * GET /api/needs (category, area, text, cursor, limit) and GET /api/needs/{id}: the public view
 * only, for anyone. The listing reads the sparse public indexes, so delisted needs cannot appear.
 * Unknown query parameters are ignored: WeChat appends its own to shared links.
 */
public final class PublicNeedsHandler extends HttpHandler {
    private static final Map<String, String> CACHE = Map.of("cache-control", "public, max-age=15");

    public PublicNeedsHandler() {
        this(Services.live());
    }

    public PublicNeedsHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        return request.pathParam("id").isPresent() ? read(request) : list(request);
    }

    private APIGatewayV2HTTPResponse read(ApiRequest request) {
        Need need = services.needs().need(request.needId()).filter(n -> n.state().isPublic())
                .orElseThrow(() -> new DomainException.NotFound("没有这个需求 (no such need)"));
        return Responses.json(200, Views.publicNeedPage(need, services.photos().photos(need.id()), services.areas()), CACHE);
    }

    private APIGatewayV2HTTPResponse list(ApiRequest request) {
        Category category = null;
        if (request.query("category").isPresent()) {
            category = Category.parse(request.query("category").get())
                    .orElseThrow(() -> new DomainException.Invalid("category", "未知类别 (unknown category)"));
        }
        AreaCode area = request.areaQuery("area", services.areas()).orElse(null);
        String text = request.query("text").map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
        if (text != null && text.codePointCount(0, text.length()) > 30) {
            throw new DomainException.Invalid("text", "搜索词最多 30 个字 (at most 30 characters)");
        }
        int limit = request.intQuery("limit", 20, 1, 50);
        Page<PublicNeed> page = services.listings().publicNeeds(category, area, text, request.query("cursor").orElse(null),
                limit, services.lifecycle().today());
        return Responses.json(200, Views.needPage(page, services.areas()), CACHE);
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        String id = w.published.id();
        return List.of(
                Priming.request("GET", "GET /api/needs", "/api/needs", null,
                        Map.of("category", w.published.category().name(), "area", w.village.code()), null, null),
                Priming.request("GET", "GET /api/needs/{id}", "/api/needs/" + id, Map.of("id", id), null, null, null));
    }
}
