package org.bangfu.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bangfu.core.AreaCode;
import org.bangfu.core.AreaLevel;
import org.bangfu.core.Category;
import org.bangfu.core.Milestones;
import org.bangfu.store.Listings.Fulfilled;
import org.bangfu.store.Page;
import org.bangfu.store.StatsStore;
import org.bangfu.store.StatsStore.Counts;

/**
 * The transparency figures (GET /api/stats and its snapshots), built in one place: the counters
 * precomputed from the stream (two queries) and a page of the newest fulfilled needs (one query).
 * Nothing in it identifies a household: counts, windows, areas down to the town, the fulfilled
 * needs' public facts (masked name, village).
 */
public final class Transparency {
    private Transparency() {
    }

    /** @param area null for everywhere; a town or above (the caller refuses villages) */
    public static ObjectNode figures(Services services, AreaCode area, String cursor, int limit) {
        Page<Fulfilled> recent = services.listings().fulfilled(area, cursor, limit);
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
        return out;
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

}
