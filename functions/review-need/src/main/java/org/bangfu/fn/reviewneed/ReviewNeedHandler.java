package org.bangfu.fn.reviewneed;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Lookups;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.core.Actor;
import org.bangfu.core.Change;
import org.bangfu.core.Need;
import org.bangfu.core.Role;
import org.bangfu.store.Retry;

/** POST /api/needs/{id}/reviews with {"decision":"approve"|"reject","reason":…,"role":"council"|"volunteer"}. */
public final class ReviewNeedHandler extends HttpHandler {
    public ReviewNeedHandler() {
        this(Services.live());
    }

    public ReviewNeedHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor reviewer = request.actor();
        String needId = request.needId();
        Body body = request.body().only(Set.of("decision", "reason", "role"));
        String decision = body.text("decision");
        if (decision == null) body.error("decision", "必填：approve 或 reject (required)");
        else if (!decision.equals("approve") && !decision.equals("reject")) body.error("decision", "须为 approve 或 reject");
        String reason = body.text("reason");
        String roleText = body.text("role");
        Role role = null;
        if (roleText != null) {
            role = Role.fromGroup(roleText).filter(r -> r == Role.COUNCIL || r == Role.VOLUNTEER).orElse(null);
            if (role == null) body.error("role", "须为 council 或 volunteer");
        }
        body.done();
        final Role asRole = role;
        boolean approve = "approve".equals(decision);
        Change change = Retry.onStale(() -> {
            Need need = Lookups.need(services, needId);
            Change c = services.lifecycle().review(need, reviewer, asRole, approve, reason);
            services.needs().apply(c);
            return c;
        });
        ObjectNode out = Json.object();
        out.put("decision", decision);
        out.put("role", change.review().role().group());
        out.set("need", services.disclosure().need(reviewer, change.after(), null, "need"));
        return Responses.json(200, out);
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        String id = w.pending.id();
        return List.of(Priming.request("POST", "POST /api/needs/{id}/reviews", "/api/needs/" + id + "/reviews", Map.of("id", id),
                null, "{\"decision\":\"approve\"}", w.council));
    }
}
