package org.bangfu.fn.stats;

import org.bangfu.lambda.Priming;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.Views;
import org.bangfu.core.AreaCode;
import org.bangfu.core.AreaLevel;
import org.bangfu.core.Category;
import org.bangfu.core.DomainException;
import org.bangfu.core.Milestones;
import org.bangfu.store.Listings.Fulfilled;
import org.bangfu.store.Page;
import org.bangfu.store.StatsStore;
import org.bangfu.store.StatsStore.Counts;

/**
 * GET /api/stats?area=&limit=&cursor=: the transparency page's data. Counters precomputed from
 * the change stream (two queries) and the newest fulfilled needs from their sparse index (one
 * query a page), never a scan. Public, and nothing in it identifies a household: counts, windows,
 * areas down to the town, and the fulfilled needs' public facts (masked name, village).
 */
public final class StatsHandler extends HttpHandler {
    public StatsHandler() {
        this(Services.live());
    }

    public StatsHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        AreaCode area = request.areaQuery("area", services.areas()).orElse(null);
        if (area != null && area.isVillage()) {
            throw new DomainException.Invalid("area", "统计到乡镇一级，请选择乡镇或以上 (counted down to towns: choose a town or above)");
        }
        int limit = request.intQuery("limit", 10, 1, 50);
        Page<Fulfilled> recent = services.listings().fulfilled(area, request.query("cursor").orElse(null), limit);
        StatsStore.Snapshot snapshot = services.stats().read(area);

        ObjectNode out = Json.object();
        ObjectNode scope = out.putObject("scope");
        if (area != null) scope.set("area", Views.area(area, services.areas()));
        else scope.putNull("area");
        Counts total = snapshot.total();
        out.set("totals", counts(total));
        ObjectNode durations = out.putObject("durations");
        durations.set("toFirstClaim", duration(total.firstClaims(), total.claimSecs(), total.claimHistogram()));
        durations.set("toFulfilment", duration(total.fulfilled(), total.fulfilSecs(), total.fulfilHistogram()));
        ArrayNode byCategory = out.putArray("byCategory");
        for (Category c : Category.values()) {
            byCategory.add(counts(snapshot.byCategory().get(c)).put("category", c.name()).put("label", c.label()));
        }
        ArrayNode byArea = out.putArray("byArea");
        snapshot.byArea().entrySet().stream()
                .filter(e -> e.getKey().areaLevel() == AreaLevel.COUNTY || e.getKey().areaLevel() == AreaLevel.TOWN)
                .filter(e -> services.areas().exists(e.getKey()))
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(AreaCode::code)))
                .forEach(e -> {
                    ObjectNode o = counts(e.getValue());
                    o.set("area", Views.area(e.getKey(), services.areas()));
                    o.put("level", e.getKey().areaLevel().name().toLowerCase());
                    byArea.add(o);
                });
        ObjectNode feed = out.putObject("recent");
        ArrayNode items = feed.putArray("items");
        for (Fulfilled f : recent.items()) {
            ObjectNode o = items.addObject();
            o.put("id", f.id());
            o.put("category", f.category().name());
            o.put("categoryLabel", f.category().label());
            o.put("title", f.title());
            o.put("quantity", f.quantity());
            o.put("unit", f.unit());
            o.set("area", Views.area(f.area(), services.areas()));
            o.put("beneficiary", f.beneficiary());
            o.put("publishedAt", f.publishedAt().toString());
            o.put("fulfilledAt", f.fulfilledAt().toString());
            o.put("daysToFulfil", days(Duration.between(f.publishedAt(), f.fulfilledAt()).getSeconds(), 1));
        }
        if (recent.next() != null) feed.put("next", recent.next());
        else feed.putNull("next");
        return Responses.json(200, out, Map.of("cache-control", "public, max-age=60"));
    }

    private static ObjectNode counts(Counts c) {
        ObjectNode o = Json.object();
        o.put("published", c.published());
        o.put("claimed", c.firstClaims());
        o.put("fulfilled", c.fulfilled());
        if (c.fulfilled() > 0) o.put("averageDaysToFulfil", days(c.fulfilSecs(), c.fulfilled()));
        else o.putNull("averageDaysToFulfil");
        return o;
    }

    /** How long it took: how many, the average in days, and the six buckets (toDays null for the last, open-ended one). */
    private static ObjectNode duration(long count, long seconds, List<Long> histogram) {
        ObjectNode o = Json.object();
        o.put("count", count);
        if (count > 0) o.put("averageDays", days(seconds, count));
        else o.putNull("averageDays");
        ArrayNode buckets = o.putArray("buckets");
        int from = 0;
        for (int i = 0; i < histogram.size(); i++) {
            ObjectNode b = buckets.addObject().put("fromDays", from);
            if (i < Milestones.BUCKET_DAYS.size()) {
                b.put("toDays", Milestones.BUCKET_DAYS.get(i));
                from = Milestones.BUCKET_DAYS.get(i);
            } else {
                b.putNull("toDays");
            }
            b.put("count", histogram.get(i));
        }
        return o;
    }

    /** Seconds per item as days, to one decimal. */
    private static double days(long seconds, long count) {
        return Math.round(seconds * 10.0 / count / 86_400) / 10.0;
    }

    /** SnapStart priming: the typical request, on the canned in-memory table. */
    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        return List.of(Priming.request("GET", "GET /api/stats", "/api/stats", null, null, null, null));
    }
}
