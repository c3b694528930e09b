package org.bangfu.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/** The points table, as data: read from points-rules.properties so a pilot can tune it without code. */
public record PointsRules(int reviewDone, int fulfilledBase, Map<Category, Double> weights, int yuanPerPoint, int valueMax,
                          int fastDays, int fastBonus, int claimDays, int freeOpenClaims, int maxOpenClaims,
                          int releaseCooldownMinutes, int releasesBeforeCooldown, int releaseWeighsDays, int claimsPerDay,
                          int needMaxPoints, int reviewsPerDay) {
    private static volatile PointsRules bundled;

    public static PointsRules bundled() {
        PointsRules r = bundled;
        if (r == null) {
            try (InputStream in = PointsRules.class.getResourceAsStream("/org/bangfu/core/points-rules.properties")) {
                Properties p = new Properties();
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                bundled = r = from(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return r;
    }

    public static PointsRules from(Properties p) {
        Map<Category, Double> weights = new EnumMap<>(Category.class);
        for (Category c : Category.values()) weights.put(c, Double.parseDouble(p.getProperty("weight." + c.name(), "1.0")));
        return new PointsRules(i(p, "review.done"), i(p, "fulfilled.base"), weights, i(p, "value.yuanPerPoint"), i(p, "value.max"),
                i(p, "fast.days"), i(p, "fast.bonus"), i(p, "claim.days"), i(p, "claim.freeOpen"), i(p, "claim.maxOpen"),
                i(p, "claim.releaseCooldownMinutes"), i(p, "claim.releasesBeforeCooldown"), i(p, "claim.releaseWeighsDays"), i(p, "claim.perDay"),
                i(p, "need.maxPoints"), i(p, "review.perDay"));
    }

    private static int i(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) throw new IllegalStateException("points rule " + key + " is missing");
        return Integer.parseInt(v.strip());
    }

    /** May a helper with this many open and completed claims take one more? */
    public boolean mayClaimMore(int open, int completed) {
        if (open >= maxOpenClaims) return false;
        return open < freeOpenClaims || completed >= open;
    }
}
