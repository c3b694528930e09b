package org.bangfu.fn.confirmfulfilment;

import java.util.Set;
import org.bangfu.api.Body;
import org.bangfu.api.ClaimStepHandler;
import org.bangfu.api.Services;
import org.bangfu.core.Actor;
import org.bangfu.core.Change;
import org.bangfu.core.Claim;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;

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
}
