package org.bangfu.fn.snapshots;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Category;
import org.bangfu.core.Milestones;
import org.bangfu.core.Need;
import org.bangfu.core.NeedState;
import org.bangfu.core.PublicNeed;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.ShareCardPage;
import org.bangfu.lambda.Services;
import org.bangfu.lambda.Transparency;
import org.bangfu.lambda.Views;
import org.bangfu.store.PointsLedger;
import org.bangfu.store.SupplyRepository.OrganisationView;

/**
 * The public files, each rebuilt whole from the table (strongly consistent reads) with the same
 * converters the API answers with, so a snapshot says what the API would say when it was written.
 * Nothing is patched from a stream event: replays, duplicates and reordered batches all end in
 * the table's truth. Given many changed needs, each file is written once.
 *
 * <pre>
 * snapshots/needs/{id}.json                       = GET /api/needs/{id}          (deleted when the API says 404)
 * snapshots/lists/{area|all}/{CATEGORY|all}.json  = GET /api/needs?area=&category= (first page, 20; next continues in the API)
 * snapshots/stats/{area|all}.json                 = GET /api/stats?area=          (towns and up)
 * share/{id}                                      = GET /share/{id}               (deleted when not public: the function's 404 page)
 * snapshots/boards/{area|all}/{YYYY-MM|all}.json   = GET /api/leaderboard?area=&month=&limit=10
 * snapshots/organisations/{area|all}.json         = GET /api/organisations?area=&limit=10
 * </pre>
 */
public final class Snapshots {
    public static final String NEEDS = "snapshots/needs/";
    public static final String LISTS = "snapshots/lists/";
    public static final String STATS = "snapshots/stats/";
    public static final String SHARE = "share/";
    public static final String BOARDS = "snapshots/boards/";
    public static final String ORGANISATIONS = "snapshots/organisations/";
    public static final String ALL = "all";
    /** The API's default page sizes: a snapshot is the page a request without limit gets. */
    static final int LIST_LIMIT = 20;
    static final int STATS_LIMIT = 10;
    /** What the transparency page shows of a leaderboard and of the alliance's list. */
    static final int BOARD_LIMIT = 10;
    /** The API's own lifetimes (PublicNeedsHandler, StatsHandler, ShareCardHandler). */
    static final String NEED_CACHE = "public, max-age=15";
    static final String STATS_CACHE = "public, max-age=60";
    static final String SHARE_CACHE = "public, max-age=60";
    private static final String JSON = "application/json; charset=utf-8";
    private static final String HTML = "text/html; charset=utf-8";

    private final Services services;
    private final SnapshotBucket bucket;
    private final String site;

    /** @param site the site's origin for the share cards' absolute URLs ("" when unknown) */
    public Snapshots(Services services, SnapshotBucket bucket, String site) {
        this.services = services;
        this.bucket = bucket;
        this.site = site == null ? "" : site;
    }

    /** How often a shared file is built again after another writer came first, before the batch fails (and Lambda retries it). */
    static final int SHARED_TRIES = 5;

    /**
     * Writes a file other stream shards may be rebuilding at the same moment (a list, figures, a
     * board): its version is read before the table, and the write succeeds only if nobody wrote the
     * file since. Otherwise it is built again from fresh reads (first {@code reread}: the changed items
     * the build checks the indexes against); so the last write is always built from reads made after the
     * previous write, and a slower shard never puts back what it read first. (A need's own files need
     * none of this: all of a need's items are in one partition, so one shard.)
     */
    private void putShared(String key, java.util.function.Supplier<String> build, String cacheControl, Runnable reread) {
        for (int attempt = 1; ; attempt++) {
            String seen = bucket.version(key);
            if (attempt > 1) reread.run();
            if (bucket.putIfUnchanged(key, bytes(build.get()), JSON, cacheControl, seen)) return;
            if (attempt == SHARED_TRIES) throw new IllegalStateException(key + " was rewritten by another shard " + attempt + " times in a row");
        }
    }

    /** The changed needs as they are now (another shard's write said they may have moved on). */
    private void reread(java.util.Map<String, Need> changed) {
        changed.replaceAll((id, n) -> services.needs().need(id).orElse(n));
    }

    /** What a rebuild did: files written and files deleted. */
    public record Result(int written, int deleted) {
    }

    /** Rebuilds every file the given needs appear in (their own, their lists, their areas' figures), each once. */
    public Result rebuild(Collection<String> needIds) {
        int written = 0;
        int deleted = 0;
        java.util.Map<String, Need> changed = new java.util.HashMap<>();
        Set<String> lists = new TreeSet<>();
        Set<String> stats = new TreeSet<>();
        for (String id : new TreeSet<>(needIds)) {
            Optional<Need> need = services.needs().need(id);
            if (need.isPresent() && need.get().state().isPublic()) {
                Need n = need.get();
                bucket.put(NEEDS + id + ".json", bytes(Json.write(Views.publicNeedPage(n, services.photos().photos(id), services.areas()))), JSON, NEED_CACHE);
                bucket.put(SHARE + id, bytes(ShareCardPage.of(services, n, site)), HTML, SHARE_CACHE);
                written += 2;
            } else {
                bucket.delete(NEEDS + id + ".json");
                bucket.delete(SHARE + id);
                deleted += 2;
            }
            // A need that never was public is in no list and no figure.
            need.ifPresent(n -> changed.put(n.id(), n));
            if (need.isPresent() && wasEverPublic(need.get().state())) {
                lists.addAll(listsOf(need.get()));
                stats.add(ALL);
                Milestones.countedAreas(need.get().area()).forEach(a -> stats.add(a.code()));
            }
        }
        for (String list : lists) {
            putShared(LISTS + list + ".json", () -> list(list, changed), NEED_CACHE, () -> reread(changed));
            written++;
        }
        for (String scope : stats) {
            AreaCode area = ALL.equals(scope) ? null : new AreaCode(scope);
            putShared(STATS + scope + ".json", () -> figures(scope, area, changed), STATS_CACHE, () -> reread(changed));
            written++;
        }
        return new Result(written, deleted);
    }

    /** A person whose points on a board just changed (a board item of the stream). */
    public record BoardChange(PointsLedger.Board board, String personId) {
    }

    /** Rebuilds each changed leaderboard once, from its index, checked against the changed people's consistent points. */
    public Result rebuildBoards(Collection<BoardChange> changes) {
        java.util.Map<PointsLedger.Board, List<String>> byBoard = new java.util.LinkedHashMap<>();
        for (BoardChange c : changes) byBoard.computeIfAbsent(c.board(), b -> new ArrayList<>()).add(c.personId());
        int written = 0;
        for (var e : byBoard.entrySet()) {
            PointsLedger.Board b = e.getKey();
            String key = BOARDS + (b.area() == null ? ALL : b.area().code()) + "/" + (b.month() == null ? ALL : b.month().toString()) + ".json";
            putShared(key, () -> board(b, e.getValue()), STATS_CACHE, () -> { });
            written++;
        }
        return new Result(written, 0);
    }

    String board(PointsLedger.Board b, List<String> people) {
        for (int attempt = 1; ; attempt++) {
            var out = Transparency.leaderboard(services, b.area(), b.month(), BOARD_LIMIT);
            java.util.Map<String, Integer> shown = new java.util.HashMap<>();
            var standings = services.points().leaderboard(b.area(), b.month(), BOARD_LIMIT);
            standings.forEach(st -> shown.put(st.personId(), st.points()));
            int last = standings.isEmpty() ? 0 : standings.get(standings.size() - 1).points();
            String stale = null;
            for (String person : people) {
                int points = services.points().boardPoints(b, person);
                Integer seen = shown.get(person);
                if (seen != null && seen != points) stale = person + " shown with " + seen + ", has " + points;
                if (seen == null && points > 0 && (standings.size() < BOARD_LIMIT || points > last)) stale = person + " missing";
            }
            if (stale == null) return Json.write(out);
            if (attempt == INDEX_TRIES) throw new IllegalStateException("leaderboard " + b + " still behind the table: " + stale);
            pause(attempt);
        }
    }

    /** Rebuilds the alliance's list of every area an organisation counts in (its own up to everywhere), each once. */
    public Result rebuildOrganisations(Collection<String> organisationIds) {
        java.util.Map<String, OrganisationView> changed = new java.util.HashMap<>();
        Set<String> scopes = new TreeSet<>();
        for (String id : new TreeSet<>(organisationIds)) {
            services.supply().organisation(id).ifPresent(v -> {
                changed.put(id, v);
                scopes.add(ALL);
                for (AreaCode at = v.organisation().area(); at != null; at = at.parent().orElse(null)) scopes.add(at.code());
            });
        }
        for (String scope : scopes) {
            AreaCode area = ALL.equals(scope) ? null : new AreaCode(scope);
            putShared(ORGANISATIONS + scope + ".json", () -> organisations(scope, area, changed.values()), STATS_CACHE,
                    () -> changed.replaceAll((id, v) -> services.supply().organisation(id).orElse(v)));
        }
        return new Result(scopes.size(), 0);
    }

    String organisations(String scope, AreaCode area, Collection<OrganisationView> changed) {
        for (int attempt = 1; ; attempt++) {
            var out = Transparency.organisations(services, area, BOARD_LIMIT);
            java.util.Map<String, Integer> shown = new java.util.HashMap<>();
            out.path("items").forEach(i -> shown.put(i.path("id").asText(), i.path("contribution").path("claimsConfirmed").asInt()));
            String stale = null;
            for (OrganisationView v : changed) {
                if (area != null && !area.contains(v.organisation().area())) continue;
                Integer seen = shown.get(v.organisation().id());
                if (seen != null && !v.organisation().isVerified()) stale = v.organisation().id() + " shown but not verified";
                if (seen != null && seen != v.helpedClaims()) stale = v.organisation().id() + " shown as it was";
                if (seen == null && v.organisation().isVerified() && shown.size() < BOARD_LIMIT) stale = v.organisation().id() + " missing";
            }
            if (stale == null) return Json.write(out);
            if (attempt == INDEX_TRIES) throw new IllegalStateException("organisations " + scope + " still behind the table: " + stale);
            pause(attempt);
        }
    }

    /** "{area|all}/{CATEGORY|all}" of every listing a need can appear in: each of its areas and everywhere, its window and all windows. */
    static List<String> listsOf(Need n) {
        List<String> areas = new ArrayList<>(List.of(ALL));
        for (AreaCode at = n.area(); at != null; at = at.parent().orElse(null)) areas.add(at.code());
        Set<String> out = new LinkedHashSet<>();
        for (String a : areas) {
            out.add(a + "/" + ALL);
            out.add(a + "/" + n.category().name());
        }
        return List.copyOf(out);
    }

    /**
     * The body GET /api/needs?area=&category= answers for one list name. The listing reads indexes,
     * which DynamoDB updates after the item (and after its stream record may be delivered): a page
     * that contradicts the consistent read of a need just changed is read again a moment later,
     * and after a few tries the batch fails, so Lambda retries it.
     */
    String list(String name, java.util.Map<String, Need> changed) {
        String[] parts = name.split("/");
        AreaCode area = ALL.equals(parts[0]) ? null : new AreaCode(parts[0]);
        Category category = ALL.equals(parts[1]) ? null : Category.valueOf(parts[1]);
        for (int attempt = 1; ; attempt++) {
            java.time.LocalDate today = services.lifecycle().today();
            var page = services.listings().publicNeeds(category, area, null, null, LIST_LIMIT, today);
            String stale = contradiction(page, area, category, changed, today);
            if (stale == null) return Json.write(Views.needPage(page, services.areas()));
            if (attempt == INDEX_TRIES) throw new IllegalStateException("listing " + name + " still behind the table: " + stale);
            pause(attempt);
        }
    }

    /** GET /api/stats?area= for one scope; its fulfilled feed is an index too, checked as the lists are. */
    String figures(String scope, AreaCode area, java.util.Map<String, Need> changed) {
        for (int attempt = 1; ; attempt++) {
            var out = Transparency.figures(services, area, null, STATS_LIMIT);
            Set<String> recent = new java.util.HashSet<>();
            out.path("recent").path("items").forEach(i -> recent.add(i.path("id").asText()));
            String stale = null;
            for (Need n : changed.values()) {
                boolean inScope = area == null || area.contains(n.area());
                // The newest fulfilled first: a need fulfilled just now is on a short first page.
                if (inScope && n.state() == NeedState.FULFILLED && !recent.contains(n.id()) && recent.size() < STATS_LIMIT) stale = n.id();
            }
            if (stale == null) return Json.write(out);
            if (attempt == INDEX_TRIES) throw new IllegalStateException("fulfilled feed " + scope + " still behind the table: " + stale);
            pause(attempt);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(INDEX_WAIT_MS * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static final int INDEX_TRIES = 6;
    static final long INDEX_WAIT_MS = 100;

    /** Why this page disagrees with the needs read consistently, or null if it does not. */
    static String contradiction(org.bangfu.store.Page<PublicNeed> page, AreaCode area, Category category,
                                java.util.Map<String, Need> changed, java.time.LocalDate today) {
        java.util.Map<String, PublicNeed> shown = new java.util.HashMap<>();
        page.items().forEach(p -> shown.put(p.id(), p));
        for (Need n : changed.values()) {
            boolean inFilter = (category == null || n.category() == category) && (area == null || area.contains(n.area()));
            if (!inFilter) continue;
            boolean listed = n.isClaimable() && !n.deadline().isBefore(today);
            PublicNeed seen = shown.get(n.id());
            if (seen != null && !listed) return n.id() + " shown but no longer listed";
            if (seen != null && !seen.equals(PublicNeed.of(n))) return n.id() + " shown as it was";
            // Missing from a full page is right only if it sorts after the page's last need.
            if (seen == null && listed) {
                var items = page.items();
                boolean after = page.next() != null && !items.isEmpty()
                        && org.bangfu.store.Listings.listingOrder(PublicNeed.of(n)).compareTo(
                        org.bangfu.store.Listings.listingOrder(items.get(items.size() - 1))) > 0;
                if (!after) return n.id() + " missing";
            }
        }
        return null;
    }

    private static boolean wasEverPublic(NeedState s) {
        return s != NeedState.PENDING_REVIEW && s != NeedState.REJECTED;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
