package org.bangfu.fn.answerproposal;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.Ids;
import org.bangfu.core.Need;
import org.bangfu.core.Offer;
import org.bangfu.core.Proposal;
import org.bangfu.core.Supply;
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
import org.bangfu.lambda.SupplyViews;
import org.bangfu.lambda.Views;
import org.bangfu.store.Retry;

/**
 * POST /api/offers/{id}/proposals/{proposalId}/answer {decision: "accept"|"decline", reason?}: the
 * offerer (a member of the offer's organisation, or the person who published it) answers. Accepting
 * is a claim of the proposal's quantity with every claim rule, for the offer's organisation, taken
 * from the offer's capacity in the same transaction: of any number of simultaneous acceptances only
 * as many win as the offer (and the need) have left; the rest get 409.
 */
public final class AnswerProposalHandler extends HttpHandler {
    public AnswerProposalHandler() {
        this(Services.live());
    }

    public AnswerProposalHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor actor = request.actor();
        String offerId = SupplyLookups.pathId(request, "id", 'f', "没有这个供给 (no such offer)");
        String proposalId = SupplyLookups.pathId(request, "proposalId", 'p', "没有这个对接 (no such proposal)");
        Body body = request.body().only(Set.of("decision", "reason"));
        String decision = body.text("decision");
        String reason = body.text("reason");
        if (decision == null && !body.has("decision")) body.error("decision", "必填：accept 或 decline (required)");
        else if (decision != null && !decision.equals("accept") && !decision.equals("decline")) body.error("decision", "须为 accept 或 decline");
        body.done();
        String claimId = Ids.claim();
        ObjectNode out = Retry.onStale(() -> {
            // The proposal before the offer: one a withdrawal declined is then read with its offer withdrawn (409 offer_closed).
            Proposal p = SupplyLookups.proposal(services, offerId, proposalId);
            Offer offer = SupplyLookups.offer(services, offerId);
            boolean member = offer.byOrganisation() && services.supply().isMember(offer.organisationId(), actor.id());
            ObjectNode o = Json.object();
            if (decision.equals("decline")) {
                Proposal after = services.supplyRules().decline(p, offer, actor, member, reason);
                services.supply().decline(after);
                o.set("proposal", SupplyViews.proposal(after));
                return o;
            }
            Need need = Lookups.need(services, p.needId());
            Supply.Acceptance a = services.supplyRules().accept(p, offer, need, actor, member,
                    services.needs().helperRecord(actor.id()), claimId);
            services.supply().accept(a);
            o.set("proposal", SupplyViews.proposal(a.proposalAfter()));
            o.set("offer", SupplyViews.offer(a.offerAfter(), services.areas(), services.lifecycle().today()));
            o.set("claim", Views.claim(a.claim().claim()));
            o.set("need", services.disclosure().need(actor, a.claim().after(), a.claim().claim(), "need"));
            return o;
        });
        if (out.has("claim")) Metrics.current().count("Claims");
        return Responses.json(200, out);
    }

    @Override
    protected String conflictMetric() {
        return "ClaimConflicts";
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        SupplyLookups.World s = SupplyLookups.World.in(w);
        String id = s.offer().id();
        String pid = s.proposal().id();
        return List.of(Priming.request("POST", "POST /api/offers/{id}/proposals/{proposalId}/answer",
                "/api/offers/" + id + "/proposals/" + pid + "/answer", Map.of("id", id, "proposalId", pid), null,
                "{\"decision\":\"accept\"}", w.helper));
    }
}
