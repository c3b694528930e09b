package org.bangfu.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the transparency page counts: the milestones a change of a need reaches. Pure: the same
 * change always gives the same milestones with the same keys, which is what makes counting them
 * exactly once possible downstream (one marker per need and milestone).
 */
public final class Milestones {
    private Milestones() {
    }

    public enum Kind {
        /** Published for the first time (both reviews passed). */
        PUBLISHED,
        /** Someone claimed part of it for the first time; a later claim after a release is not a first claim. */
        FIRST_CLAIM,
        /** All of it confirmed delivered. */
        FULFILLED
    }

    /** Upper bounds of the duration buckets, in days: under 1, 1–3, 3–7, 7–14, 14–30, and 30 or more. */
    public static final List<Integer> BUCKET_DAYS = List.of(1, 3, 7, 14, 30);

    /** The facts of a need the counting needs; nothing personal. */
    public record NeedFacts(String id, Category category, AreaCode area, NeedState state, int total, int remaining,
                            Instant publishedAt, Instant updatedAt) {
        public static NeedFacts of(Need n) {
            return new NeedFacts(n.id(), n.category(), n.area(), n.state(), n.quantities().total(), n.quantities().remaining(),
                    n.publishedAt(), n.updatedAt());
        }
    }

    /** One milestone of one need; {@code sincePublished} is null for PUBLISHED itself. */
    public record Milestone(String needId, Kind kind, Category category, AreaCode area, Instant at, Duration sincePublished) {
        /** The same for every sighting of this milestone, however often the stream delivers it. */
        public String key() {
            return needId + "#" + kind.name();
        }

        public int bucket() {
            return Milestones.bucket(sincePublished);
        }
    }

    /** The milestones reached between two images of a need ({@code before} null for a new item). */
    public static List<Milestone> reached(NeedFacts before, NeedFacts after) {
        List<Milestone> out = new ArrayList<>();
        if (after == null || after.publishedAt() == null) return out;
        Instant published = after.publishedAt();
        if (before == null || before.publishedAt() == null) {
            out.add(new Milestone(after.id(), Kind.PUBLISHED, after.category(), after.area(), published, null));
        }
        boolean claimedNow = after.remaining() < after.total();
        boolean claimedBefore = before != null && before.publishedAt() != null && before.remaining() < before.total();
        if (claimedNow && !claimedBefore) {
            out.add(new Milestone(after.id(), Kind.FIRST_CLAIM, after.category(), after.area(), after.updatedAt(),
                    since(published, after.updatedAt())));
        }
        if (after.state() == NeedState.FULFILLED && (before == null || before.state() != NeedState.FULFILLED)) {
            out.add(new Milestone(after.id(), Kind.FULFILLED, after.category(), after.area(), after.updatedAt(),
                    since(published, after.updatedAt())));
        }
        return out;
    }

    /** 0 for under a day … 5 for 30 days or more. */
    public static int bucket(Duration d) {
        if (d == null) return 0;
        long seconds = d.getSeconds();
        for (int i = 0; i < BUCKET_DAYS.size(); i++) {
            if (seconds < BUCKET_DAYS.get(i) * 86_400L) return i;
        }
        return BUCKET_DAYS.size();
    }

    /**
     * The areas a milestone counts towards: its province, city, county and town. Not the village:
     * a pilot has hundreds, too many to chart, and the public feed already names the village.
     */
    public static List<AreaCode> countedAreas(AreaCode area) {
        List<AreaCode> out = new ArrayList<>();
        for (AreaCode at = area; at != null; at = at.parent().orElse(null)) {
            if (!at.isVillage()) out.add(0, at);
        }
        return out;
    }

    /** A clock that went backwards between two writes counts as no time, not negative time. */
    private static Duration since(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
