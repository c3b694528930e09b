package org.bangfu.fn.reportneed;

import org.bangfu.lambda.Priming;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import java.util.List;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.core.DomainException;
import org.bangfu.core.Need;

/**
 * POST /api/needs/{id}/reports with {"reason": …}: anyone may report a need that looks wrong
 * (help already received, false details). The report goes to the need's area review queue. One
 * report per network address per need counts, so a single person cannot pile them up; the route
 * is throttled in template.yaml. The reporter's address is kept only as a one-way hash.
 */
public final class ReportNeedHandler extends HttpHandler {
    public ReportNeedHandler() {
        this(Services.live());
    }

    public ReportNeedHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        String needId = request.needId();
        Body body = request.body().only(Set.of("reason"));
        String reason = body.text("reason");
        if (reason == null || reason.isBlank()) body.error("reason", "required", "请说明举报理由 (a reason is required)");
        else if (reason.strip().codePointCount(0, reason.strip().length()) < 5 || reason.strip().codePointCount(0, reason.strip().length()) > 300) {
            body.error("reason", "length", "理由长度须为 5 到 300 个字 (length 5–300)");
        } else if (reason.chars().anyMatch(c -> c < 0x20 && c != '\n')) body.error("reason", "含有控制字符 (control characters)");
        body.done();
        Need need = services.needs().need(needId).filter(n -> n.state().isPublic())
                .orElseThrow(() -> new DomainException.NotFound("没有这个需求 (no such need)"));
        boolean counted = services.reports().report(need, reporter(request, needId), reason.strip(), services.lifecycle().now());
        return Responses.json(202, Json.object().put("received", true).put("counted", counted)
                .put("message", "感谢举报，本村审核人员会尽快核实 (thank you: the village's reviewers will look into it)"));
    }

    private static String reporter(ApiRequest request, String needId) {
        var ctx = request.event().getRequestContext();
        String ip = ctx == null || ctx.getHttp() == null ? "" : String.valueOf(ctx.getHttp().getSourceIp());
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("report:" + needId + ":" + ip).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SnapStart priming: the typical request, on the canned in-memory table. */
    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        return List.of(Priming.request("POST", "POST /api/needs/{id}/reports", "/api/needs/" + w.published.id() + "/reports",
                Map.of("id", w.published.id()), null, "{\"reason\":\"预热举报理由\"}", null));
    }
}
