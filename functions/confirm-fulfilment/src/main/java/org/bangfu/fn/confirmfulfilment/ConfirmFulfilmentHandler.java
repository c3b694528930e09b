package org.bangfu.fn.confirmfulfilment;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.Metrics;
import org.bangfu.lambda.ClaimStepHandler;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Services;
import org.bangfu.core.Actor;
import org.bangfu.core.Change;
import org.bangfu.core.Claim;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;
import org.bangfu.core.NeedState;

/** POST /api/needs/{id}/claims/{claimId}/confirm: the area admin or the poster confirms; the last confirmation fulfils and delists the need. */
public final class ConfirmFulfilmentHandler extends ClaimStepHandler {
    public ConfirmFulfilmentHandler() {
        this(Services.live());
    }

    public ConfirmFulfilmentHandler(Services services) {
        super(services);
    }

    @Override
    protected Set<String> fields() {
        return Set.of();
    }

    @Override
    protected Change step(Lifecycle lifecycle, Need need, Claim claim, Actor actor, Body body) {
        return lifecycle.confirm(need, claim, actor);
    }

    /** The confirmation that fulfils (and delists) the need counts as a fulfilment. */
    @Override
    protected void written(Change change) {
        if (change.after().state() == NeedState.FULFILLED) Metrics.current().count("Fulfilments");
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        String id = w.delivered.id();
        String claimId = w.deliveredClaim.id();
        return List.of(Priming.request("POST", "POST /api/needs/{id}/claims/{claimId}/confirm", "/api/needs/" + id + "/claims/" + claimId + "/confirm",
                Map.of("id", id, "claimId", claimId), null, null, w.admin));
    }
}
