package org.bangfu.fn.reviewqueue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.Disclosure;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.SupplyViews;
import org.bangfu.lambda.Views;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.DomainException;
import java.util.Map;
import org.bangfu.core.HelpRecord;
import org.bangfu.core.Need;
import org.bangfu.core.Privacy;
import org.bangfu.core.Role;
import org.bangfu.store.Page;

/**
 * GET /api/review-queue (area, role, cursor, limit): needs waiting for this reviewer in their
 * area, with the household details needed to check them. Needs they posted, already reviewed in
 * this role, or gave the other review for are left out. Admins see everything pending.
 */
public final class ReviewQueueHandler extends HttpHandler {
    public ReviewQueueHandler() {
        this(Services.live());
    }

    public ReviewQueueHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Actor actor = request.actor();
        boolean reviewer = actor.has(Role.COUNCIL) || actor.has(Role.VOLUNTEER) || actor.has(Role.ADMIN);
        Role role = reviewer ? reviewRole(actor, request) : null;
        // The queue of the role asked for is in that role's area; an admin's in the admin's.
        AreaCode own = role == null ? actor.areaOf(Role.ADMIN) : actor.areaOf(role);
        if (!reviewer || own == null || !Privacy.mayReview(actor, own)) {
            throw new DomainException.Forbidden("只有本辖区的审核人员可以查看 (reviewers and admins only)");
        }
        AreaCode area = request.areaQuery("area", services.areas()).orElse(own);
        if (!own.contains(area)) throw new DomainException.Forbidden("只能查看本辖区 (outside your area)");
        int limit = request.intQuery("limit", 20, 1, 50);
        Page<Need> page = services.listings().reviewQueue(area, role, actor.id(), request.query("cursor").orElse(null), limit);
        ObjectNode out = Json.object();
        out.put("role", role == null ? "admin" : role.group());
        out.set("area", Views.area(area, services.areas()));
        ArrayNode items = out.putArray("items");
        // What each household received lately: a need in a window where it was helped is flagged (not blocked).
        Map<String, List<HelpRecord>> help = services.help().histories(page.items().stream().map(Need::householdId).toList());
        for (Disclosure.Shown shown : services.disclosure().needs(actor, page.items(), false, "review-queue")) {
            Need n = shown.need();
            if (!shown.withHousehold()) {
                items.add(shown.view());
                continue;
            }
            items.add(shown.view().set("helpHistory", SupplyViews.helpHistory(help.getOrDefault(n.householdId(), List.of()),
                    n.category(), services.lifecycle().today())));
        }
        if (page.next() != null) out.put("next", page.next());
        else out.putNull("next");
        // Needs the public reported, whatever the reviewer's role: any reviewer or admin of the area may look into them.
        List<Need> reported = services.reports().reported(area, 50);
        ArrayNode reports = out.putArray("reported");
        for (Disclosure.Shown shown : services.disclosure().needs(actor, reported, false, "review-queue:reported")) {
            Need n = shown.need();
            ObjectNode o = reports.addObject();
            o.set("need", shown.view());
            o.put("openReports", n.openReports());
            ArrayNode reasons = o.putArray("reports");
            services.reports().of(n.id(), 5).forEach(r -> reasons.addObject().put("reason", r.reason()).put("at", r.at()));
        }
        return Responses.json(200, out);
    }

    /** Which review this queue is for; an admin without a reviewer role sees all (null). */
    private static Role reviewRole(Actor actor, ApiRequest request) {
        if (request.query("role").isPresent()) {
            Role r = Role.fromGroup(request.query("role").get()).filter(x -> x == Role.COUNCIL || x == Role.VOLUNTEER)
                    .orElseThrow(() -> new DomainException.Invalid("role", "须为 council 或 volunteer"));
            if (!actor.has(r)) throw new DomainException.Forbidden("你没有 " + r.group() + " 审核角色");
            return r;
        }
        if (actor.has(Role.COUNCIL) && actor.has(Role.VOLUNTEER)) {
            throw new DomainException.Invalid("role", "你有两种审核角色，请指明 council 或 volunteer");
        }
        if (actor.has(Role.COUNCIL)) return Role.COUNCIL;
        if (actor.has(Role.VOLUNTEER)) return Role.VOLUNTEER;
        return null;
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        return List.of(Priming.request("GET", "GET /api/review-queue", "/api/review-queue", null, null, null, w.council));
    }
}
