package org.bangfu.fn.releaseclaim;

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

/** DELETE /api/needs/{id}/claims/{claimId} (optional {"reason": …}): the claim is given back and the need relisted. */
public final class ReleaseClaimHandler extends ClaimStepHandler {
    public ReleaseClaimHandler() {
        this(Services.live());
    }

    public ReleaseClaimHandler(Services services) {
        super(services);
    }

    @Override
    protected Set<String> fields() {
        return Set.of("reason");
    }

    @Override
    protected Change step(Lifecycle lifecycle, Need need, Claim claim, Actor actor, Body body) {
        // The helper's own record, so the audit line can say how often they gave claims back lately.
        var record = actor.id().equals(claim.helperId()) ? services.needs().helperRecord(claim.helperId()) : org.bangfu.core.HelperRecord.NEW;
        return lifecycle.release(need, claim, actor, body.text("reason"), record);
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        String id = w.claimed.id();
        String claimId = w.activeClaim.id();
        return List.of(Priming.request("DELETE", "DELETE /api/needs/{id}/claims/{claimId}", "/api/needs/" + id + "/claims/" + claimId,
                Map.of("id", id, "claimId", claimId), null, "{\"reason\":\"时间冲突\"}", w.helper));
    }
}
