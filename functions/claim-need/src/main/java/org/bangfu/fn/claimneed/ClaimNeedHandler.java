package org.bangfu.fn.claimneed;

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
import org.bangfu.lambda.Metrics;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.SupplyLookups;
import org.bangfu.lambda.Views;
import org.bangfu.core.Actor;
import org.bangfu.core.Change;
import org.bangfu.core.ClaimOrigin;
import org.bangfu.core.Ids;
import org.bangfu.core.Need;
import org.bangfu.store.Retry;

/**
 * POST /api/needs/{id}/claims with {"quantity": n} (omitted: all that remains) and, to claim for a
 * verified organisation one is a member of, {"organisationId": "o…"}. Of any number of
 * simultaneous claimers, exactly as many win as the quantity allows; the rest get 409 with the
 * need's current state. The winner's answer carries the household's contact details. A helper
 * with too many unfinished claims gets 409 until they finish some (the cap is in points-rules).
 */
public final class ClaimNeedHandler extends HttpHandler {
    public ClaimNeedHandler() {
        this(Services.live());
    }

    public ClaimNeedHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor helper = request.actor();
        String needId = request.needId();
        Body body = request.bodyOrEmpty().only(Set.of("quantity", "organisationId"));
        Integer quantity = body.integer("quantity");
        String organisationId = body.text("organisationId");
        if (organisationId != null && !Ids.looksValid(organisationId, 'o')) body.error("organisationId", "没有这个单位 (no such organisation)");
        if (body.has("quantity") && quantity != null && quantity < 1) body.error("quantity", "须为正整数 (a positive whole number)");
        body.done();
        // With an Idempotency-Key the claim's id comes from the key: a retry whose first attempt's
        // answer was lost finds that claim already made and answers with it, instead of claiming twice.
        java.util.Optional<String> seed = request.idempotencySeed();
        String claimId = seed.map(Ids::claimFrom).orElseGet(Ids::claim);
        if (seed.isPresent()) {
            var done = services.needs().claim(needId, claimId).filter(c -> c.helperId().equals(helper.id()));
            if (done.isPresent()) {
                ObjectNode out = Json.object();
                out.set("claim", Views.claim(done.get()));
                out.set("need", services.disclosure().need(helper, Lookups.need(services, needId), done.get(), "need"));
                return Responses.json(201, out);
            }
        }
        Change change = Retry.onStale(() -> {
            Need need = Lookups.need(services, needId);
            int q = quantity != null ? quantity : Math.max(1, need.quantities().remaining());
            ClaimOrigin origin = organisationId == null ? null : services.supplyRules().onBehalf(
                    SupplyLookups.organisation(services, organisationId).organisation(), helper,
                    services.supply().isMember(organisationId, helper.id()));
            // The helper's first claim on this need starts its one clock: giving it back and claiming
            // it again never restarts it.
            java.time.Instant heldSince = services.needs().claimsOn(needId).stream().filter(x -> x.helperId().equals(helper.id()))
                    .map(org.bangfu.core.Claim::createdAt).min(java.time.Instant::compareTo).orElse(null);
            Change c = services.lifecycle().claim(need, helper, q, claimId, services.needs().helperRecord(helper.id()), origin, heldSince);
            services.needs().claim(c, services.supply().actsFor(origin, helper.id()));
            return c;
        });
        Metrics.current().count("Claims");
        ObjectNode out = Json.object();
        out.set("claim", Views.claim(change.claim()));
        out.set("need", services.disclosure().need(helper, change.after(), change.claim(), "need"));
        return Responses.json(201, out);
    }

    @Override
    protected String conflictMetric() {
        return "ClaimConflicts";
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        String id = w.published.id();
        return List.of(Priming.request("POST", "POST /api/needs/{id}/claims", "/api/needs/" + id + "/claims", Map.of("id", id),
                null, "{\"quantity\":1}", w.helper));
    }
}
