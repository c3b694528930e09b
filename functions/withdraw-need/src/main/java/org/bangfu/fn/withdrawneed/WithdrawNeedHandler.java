package org.bangfu.fn.withdrawneed;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Body;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.core.Actor;
import org.bangfu.core.Change;
import org.bangfu.core.DomainException;
import org.bangfu.core.Need;
import org.bangfu.store.Retry;

/**
 * DELETE /api/needs/{id} (optional {"reason": …}): the poster withdraws a need nobody is helping
 * with. It leaves every list for good and the household may be posted for again.
 */
public final class WithdrawNeedHandler extends HttpHandler {
    public WithdrawNeedHandler() {
        this(Services.live());
    }

    public WithdrawNeedHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor poster = request.actor();
        String id = request.needId();
        Body body = request.bodyOrEmpty().only(Set.of("reason"));
        String reason = body.text("reason");
        body.done();
        Change change = Retry.onStale(() -> {
            // Someone else's need is not found: a poster learns nothing about needs that are not theirs.
            Need need = services.needs().need(id).filter(n -> n.posterId().equals(poster.id()))
                    .orElseThrow(() -> new DomainException.NotFound("没有这个需求 (no such need)"));
            Change c = services.lifecycle().withdraw(need, poster, reason);
            services.needs().apply(c);
            return c;
        });
        return Responses.json(200, services.disclosure().withoutHousehold(change.after()));
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        String id = w.pending.id();
        return List.of(Priming.request("DELETE", "DELETE /api/needs/{id}", "/api/needs/" + id, Map.of("id", id), null,
                "{\"reason\":\"家属已自行解决\"}", w.poster));
    }
}
