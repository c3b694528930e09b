package org.bangfu.core;

import static org.bangfu.core.Fixtures.EAST_GATE;
import static org.bangfu.core.Fixtures.NOW;
import static org.bangfu.core.Fixtures.council;
import static org.bangfu.core.Fixtures.draft;
import static org.bangfu.core.Fixtures.helper;
import static org.bangfu.core.Fixtures.lifecycleAt;
import static org.bangfu.core.Fixtures.poster;
import static org.bangfu.core.Fixtures.volunteer;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.core.Milestones.Kind;
import org.bangfu.core.Milestones.Milestone;
import org.bangfu.core.Milestones.NeedFacts;
import org.junit.jupiter.api.Test;

/** Which changes of a need count for the transparency page, walked through the real lifecycle on a moving clock. */
class MilestonesTest {
    private static Instant day(double d) {
        return NOW.plusSeconds((long) (d * 86_400));
    }

    /** Every step's milestones, in order, for one need's whole life. */
    private final List<Milestone> seen = new ArrayList<>();

    private Need step(Change c) {
        seen.addAll(Milestones.reached(c.before() == null ? null : NeedFacts.of(c.before()), NeedFacts.of(c.after())));
        return c.after();
    }

    @Test
    void aNeedsLifeReachesEachMilestoneOnceWithTheTimeSincePublication() {
        Need n = lifecycleAt(day(0)).post(draft().quantity(5).build(), poster(), "n-life").need();
        seen.addAll(Milestones.reached(null, NeedFacts.of(n)));
        assertEquals(List.of(), seen, "a posted need counts for nothing yet");

        n = step(lifecycleAt(day(0.5)).review(n, council(), null, true, null));
        assertEquals(List.of(), seen, "one approval does not publish");
        n = step(lifecycleAt(day(1)).review(n, volunteer(), null, true, null));
        assertEquals(List.of(Kind.PUBLISHED), kinds());
        assertEquals(day(1), seen.get(0).at());
        assertNull(seen.get(0).sincePublished());

        Change a = lifecycleAt(day(3.5)).claim(n, helper("h1"), 2, "c1");
        n = step(a);
        assertEquals(List.of(Kind.PUBLISHED, Kind.FIRST_CLAIM), kinds());
        assertEquals(Duration.ofHours(60), seen.get(1).sincePublished(), "published on day 1, first claimed on day 3.5");
        assertEquals(1, seen.get(1).bucket(), "2.5 days: the 1–3 day bucket");

        n = step(lifecycleAt(day(4)).release(n, a.claim(), helper("h1"), null));
        Change b = lifecycleAt(day(6)).claim(n, helper("h2"), 5, "c2");
        n = step(b);
        assertEquals(List.of(Kind.PUBLISHED, Kind.FIRST_CLAIM, Kind.FIRST_CLAIM), kinds(),
                "a claim after everything was given back looks like a first claim again…");
        assertEquals(seen.get(1).key(), seen.get(2).key(), "…with the same key, so the marker counts it once");

        Change d = lifecycleAt(day(7)).deliver(n, b.claim(), helper("h2"), "送到了", null);
        n = step(d);
        n = step(lifecycleAt(day(12)).confirm(n, d.claim(), poster()));
        assertEquals(NeedState.FULFILLED, n.state());
        Milestone done = seen.get(seen.size() - 1);
        assertEquals(Kind.FULFILLED, done.kind());
        assertEquals(Duration.ofDays(11), done.sincePublished());
        assertEquals(3, done.bucket(), "7–14 days");
        assertEquals(EAST_GATE, done.area());
        assertEquals(Category.MEDICAL, done.category());
    }

    private List<Kind> kinds() {
        return seen.stream().map(Milestone::kind).toList();
    }

    @Test
    void durationsFallIntoSixBucketsByDays() {
        assertEquals(0, Milestones.bucket(Duration.ZERO));
        assertEquals(0, Milestones.bucket(Duration.ofHours(23)));
        assertEquals(1, Milestones.bucket(Duration.ofDays(1)));
        assertEquals(1, Milestones.bucket(Duration.ofHours(71)));
        assertEquals(2, Milestones.bucket(Duration.ofDays(3)));
        assertEquals(3, Milestones.bucket(Duration.ofDays(7)));
        assertEquals(4, Milestones.bucket(Duration.ofDays(14)));
        assertEquals(4, Milestones.bucket(Duration.ofDays(30).minusSeconds(1)));
        assertEquals(5, Milestones.bucket(Duration.ofDays(30)));
        assertEquals(5, Milestones.bucket(Duration.ofDays(400)));
        assertEquals(Milestones.BUCKET_DAYS.size() + 1, 6, "six buckets");
    }

    @Test
    void aNeedFullyClaimedAtOnceReachesTheFirstClaimAndARejectedOneNothing() {
        Need pending = lifecycleAt(day(0)).post(draft().quantity(1).build(), poster(), "n-one").need();
        Need published = lifecycleAt(day(0)).review(lifecycleAt(day(0)).review(pending, council(), null, true, null).after(),
                volunteer(), null, true, null).after();
        Change all = lifecycleAt(day(0.25)).claim(published, helper("h"), 1, "c");
        List<Milestone> m = Milestones.reached(NeedFacts.of(all.before()), NeedFacts.of(all.after()));
        assertEquals(List.of(Kind.FIRST_CLAIM), m.stream().map(Milestone::kind).toList());
        assertEquals(0, m.get(0).bucket());

        Change rejected = lifecycleAt(day(0)).review(pending, council(), null, false, "信息不实");
        assertEquals(List.of(), Milestones.reached(NeedFacts.of(rejected.before()), NeedFacts.of(rejected.after())));
    }

    @Test
    void anItemSeenForTheFirstTimeAlreadyFulfilledReachesEveryMilestone() {
        // e.g. a backfill that replays current items as new ones
        NeedFacts done = new NeedFacts("n-x", Category.EDUCATION, EAST_GATE, NeedState.FULFILLED, 3, 0, day(1), day(9));
        List<Milestone> m = Milestones.reached(null, done);
        assertEquals(List.of(Kind.PUBLISHED, Kind.FIRST_CLAIM, Kind.FULFILLED), m.stream().map(Milestone::kind).toList());
        assertEquals(Duration.ofDays(8), m.get(2).sincePublished());
        NeedFacts skewed = new NeedFacts("n-y", Category.EDUCATION, EAST_GATE, NeedState.FULFILLED, 3, 0, day(2), day(1));
        assertEquals(List.of(), Milestones.reached(done, skewed), "nothing is reached again once fulfilled");
        assertEquals(Duration.ZERO, Milestones.reached(null, skewed).get(2).sincePublished(), "never negative");
    }

    @Test
    void milestonesCountForTheTownAndEveryAreaAboveItButNotTheVillage() {
        assertEquals(List.of(new AreaCode("320000000000"), new AreaCode("321100000000"), new AreaCode("321181000000"),
                new AreaCode("321181001000")), Milestones.countedAreas(EAST_GATE));
        assertEquals(List.of(new AreaCode("320000000000"), new AreaCode("321100000000"), new AreaCode("321181000000")),
                Milestones.countedAreas(new AreaCode("321181000000")));
    }
}
