package org.bangfu.fn.reportdelivered;

import java.util.Set;
import org.bangfu.api.Body;
import org.bangfu.api.ClaimStepHandler;
import org.bangfu.api.Services;
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
}
