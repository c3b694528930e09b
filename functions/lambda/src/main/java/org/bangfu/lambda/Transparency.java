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


    /** GET /api/leaderboard and its snapshots: a precomputed board, display names only. */
    public static ObjectNode leaderboard(Services services, AreaCode area, java.time.YearMonth month, int limit) {
        ObjectNode out = Json.object();
        ObjectNode scope = out.putObject("scope");
        if (area != null) scope.set("area", Views.area(area, services.areas()));
        else scope.putNull("area");
        if (month != null) scope.put("month", month.toString());
        else scope.putNull("month");
        ArrayNode entries = out.putArray("entries");
        for (org.bangfu.store.PointsLedger.Standing s : services.points().leaderboard(area, month, limit)) {
            entries.addObject().put("rank", s.rank()).put("name", s.displayName()).put("points", s.points());
        }
        return out;
    }

    /** The verified member units of an area (null: all), most help first. */
    private static List<org.bangfu.store.SupplyRepository.OrganisationView> organisationsRanked(Services services, AreaCode area) {
        List<org.bangfu.store.SupplyRepository.OrganisationView> all = new java.util.ArrayList<>(
                services.supply().organisations(org.bangfu.core.OrganisationState.VERIFIED, area, 1000));
        all.sort(java.util.Comparator.comparingInt(org.bangfu.store.SupplyRepository.OrganisationView::helpedClaims).reversed()
                .thenComparing(java.util.Comparator.comparingInt(org.bangfu.store.SupplyRepository.OrganisationView::helpedUnits).reversed())
                .thenComparing(v -> v.organisation().name()));
        return all;
    }

    /** GET /api/organisations and its snapshots: the first limit of {@link #organisationsRanked}, ties sharing a rank. */
    public static ObjectNode organisations(Services services, AreaCode area, int limit) {
        var all = organisationsRanked(services, area);
        ObjectNode out = Json.object();
        if (area != null) out.set("area", Views.area(area, services.areas()));
        ArrayNode items = out.putArray("items");
        int rank = 0;
        int lastClaims = -1;
        for (int i = 0; i < all.size() && i < limit; i++) {
            var v = all.get(i);
            if (v.helpedClaims() != lastClaims) rank = i + 1;
            lastClaims = v.helpedClaims();
            items.add(SupplyViews.organisation(v, services.areas()).put("rank", rank));
        }
        return out;
    }
}
