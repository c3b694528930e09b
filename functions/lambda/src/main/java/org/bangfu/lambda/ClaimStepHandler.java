package org.bangfu.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.Change;
import org.bangfu.core.Claim;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;
import org.bangfu.store.Retry;

/**
 * The steps taken on one existing claim (deliver, confirm, release): read the need and the claim,
 * let the lifecycle decide, write only if nothing changed meanwhile, answer with both.
 */
public abstract class ClaimStepHandler extends HttpHandler {
    protected ClaimStepHandler(Services services) {
        super(services);
    }

    /** Body fields this step accepts (all strings). */
    protected abstract Set<String> fields();

    protected abstract Change step(Lifecycle lifecycle, Need need, Claim claim, Actor actor, Body body);

    /** Called once the step is written (e.g. to count it in the metrics). */
    protected void written(Change change) {
    }

    @Override
    protected final APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor actor = request.actor();
        String needId = request.needId();
        String claimId = request.claimId();
        Body body = request.bodyOrEmpty().only(fields());
        fields().forEach(body::text); // all step fields are strings: report wrong types before acting
        body.done();
        Change change = Retry.onStale(() -> {
            Need need = Lookups.need(services, needId);
            Claim claim = Lookups.claim(services, need, claimId);
            Change c = step(services.lifecycle(), need, claim, actor, body);
            services.needs().apply(c);
            return c;
        });
        written(change);
        ObjectNode out = Json.object();
        out.set("claim", Views.claim(change.claim()));
        out.set("need", services.disclosure().need(actor, change.after(), change.claim(), "need"));
        return Responses.json(200, out);
    }
}
