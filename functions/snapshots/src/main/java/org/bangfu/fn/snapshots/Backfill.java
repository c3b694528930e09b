package org.bangfu.fn.snapshots;


import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bangfu.core.OrganisationState;
import org.bangfu.core.PublicNeed;
import org.bangfu.lambda.Services;
import org.bangfu.store.Listings;
import org.bangfu.store.Page;

/**
 * The one-off backfill: snapshots for what predates the feature (or a bucket emptied by mistake).
 * Walks the whole public listing (every claimable need) and the fulfilled feed, and rebuilds their
 * files, every list they are in and every figure. Needs neither claimable nor fulfilled (claimed,
 * delivered) get theirs at their next change; until then the site falls back to the API. The
 * alliance's lists are rebuilt from every verified organisation; leaderboards are not walked (a
 * board's file appears with its next point, the API answers until then).
 * Run with the function's environment: TABLE_NAME, SNAPSHOT_BUCKET, AWS_REGION, SITE_URL.
 */
public final class Backfill {
    private Backfill() {
    }

    public static Snapshots.Result run(Services services, SnapshotBucket bucket, String site) {
        Set<String> ids = new LinkedHashSet<>();
        String cursor = null;
        do {
            Page<PublicNeed> page = services.listings().publicNeeds(null, null, null, cursor, 50, services.lifecycle().today());
            page.items().forEach(n -> ids.add(n.id()));
            cursor = page.next();
        } while (cursor != null);
        do {
            Page<Listings.Fulfilled> page = services.listings().fulfilled(null, cursor, 50);
            page.items().forEach(f -> ids.add(f.id()));
            cursor = page.next();
        } while (cursor != null);
        Snapshots snapshots = new Snapshots(services, bucket, site);
        Snapshots.Result needs = snapshots.rebuild(ids);
        List<String> organisations = services.supply().organisations(OrganisationState.VERIFIED, null, 10_000).stream()
                .map(v -> v.organisation().id()).toList();
        Snapshots.Result lists = snapshots.rebuildOrganisations(organisations);
        return new Snapshots.Result(needs.written() + lists.written(), needs.deleted());
    }

    public static void main(String[] args) {
        String site = System.getenv("SITE_URL");
        Snapshots.Result r = run(Services.live(), SnapshotBucket.live(), site == null ? "" : site.replaceAll("/+$", ""));
        System.out.printf("backfill: %d files written, %d deleted%n", r.written(), r.deleted());
    }
}
