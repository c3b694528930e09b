package org.bangfu.fn.audittrail;

import org.bangfu.lambda.Priming;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.YearMonth;
import java.util.List;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.Views;
import org.bangfu.core.AreaCode;
import org.bangfu.store.AuditTrail;

/**
 * GET /api/audit?area=&month=YYYY-MM&limit=: for an area admin, their area's audit trail for a
 * month, newest first: every state change (who, from → to) and every view of a household's
 * contact details (who, where).
 */
public final class AuditTrailHandler extends HttpHandler {
    public AuditTrailHandler() {
        this(Services.live());
    }

    public AuditTrailHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        AreaCode area = request.adminArea(services.areas(), "只有区域管理员可以查看审计记录 (area admins only)");
        YearMonth month = request.monthQuery("month").orElse(YearMonth.from(services.lifecycle().today()));
        int limit = request.intQuery("limit", 200, 1, 1000);
        List<AuditTrail.Line> lines = services.audit().ofArea(area, month, limit, services.areas());
        ObjectNode out = Json.object();
        out.set("area", Views.area(area, services.areas()));
        out.put("month", month.toString());
        ArrayNode entries = out.putArray("entries");
        for (AuditTrail.Line l : lines) {
            ObjectNode e = entries.addObject();
            e.put("at", l.entry().at().toString());
            e.put("actorId", l.entry().actorId());
            e.put("action", l.entry().action());
            e.put("needId", l.entry().needId());
            e.put("areaCode", l.areaCode());
            if (l.entry().from() != null) e.put("from", l.entry().from().name());
            if (l.entry().to() != null) e.put("to", l.entry().to().name());
            if (l.entry().detail() != null) e.put("detail", l.entry().detail());
        }
        return Responses.json(200, out);
    }

    /** SnapStart priming: the typical request, on the canned in-memory table. */
    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        return List.of(Priming.request("GET", "GET /api/audit", "/api/audit", null, null, null, w.admin));
    }
}
