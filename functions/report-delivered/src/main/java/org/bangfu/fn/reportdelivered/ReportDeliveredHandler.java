package org.bangfu.fn.reportdelivered;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.ClaimStepHandler;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Services;
import org.bangfu.core.Actor;
import org.bangfu.core.Change;
import org.bangfu.core.Claim;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;

/** POST /api/needs/{id}/claims/{claimId}/delivered with {"note": …, "photoRef": …}: the helper says it is done. */
public final class ReportDeliveredHandler extends ClaimStepHandler {
    public ReportDeliveredHandler() {
        this(Services.live());
    }

    public ReportDeliveredHandler(Services services) {
        super(services);
    }

    @Override
    protected Set<String> fields() {
        return Set.of("note", "photoRef");
    }

    @Override
    protected Change step(Lifecycle lifecycle, Need need, Claim claim, Actor actor, Body body) {
        return lifecycle.deliver(need, claim, actor, body.text("note"), body.text("photoRef"));
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        String id = w.claimed.id();
        String claimId = w.activeClaim.id();
        return List.of(Priming.request("POST", "POST /api/needs/{id}/claims/{claimId}/delivered", "/api/needs/" + id + "/claims/" + claimId + "/delivered",
                Map.of("id", id, "claimId", claimId), null, "{\"note\":\"已送到\"}", w.helper));
    }
}
