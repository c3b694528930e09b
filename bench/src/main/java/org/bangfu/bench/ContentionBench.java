package org.bangfu.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Services;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.AuditEntry;
import org.bangfu.core.Category;
import org.bangfu.core.Ids;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;
import org.bangfu.core.Role;
import org.bangfu.local.LocalPlatform;

/**
 * Contention and scale through the local gateway (real HTTP, real API v2 events, DynamoDB Local),
 * in a JVM of its own: {@code ContentionBench <result.md> <claimRounds> <needs>}.
 * <ul>
 *   <li>500 helpers claim one need at the same instant (connections opened beforehand, so the
 *       race is the requests, not TCP handshakes): exactly one 201, 499 × 409, p50/p99 latency.</li>
 *   <li>10,000 published needs in 9 villages and 7 windows, listed by window and area (and text,
 *       and deep pages) from 8 concurrent clients: p50/p99 per kind of listing, and the count of
 *       every DynamoDB operation made meanwhile: Query only, never Scan.</li>
 * </ul>
 */
public final class ContentionBench {
    private static final int CLAIMERS = 500;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).executor(Executors.newFixedThreadPool(16)).build();
    private final String base;

    private ContentionBench(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        Path result = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int needs = Integer.parseInt(args[2]);
        LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Options("127.0.0.1", 0, null, false, true, 0));
        StringBuilder md = new StringBuilder();
        try {
            ContentionBench bench = new ContentionBench(platform.baseUrl());
            if (rounds > 0) bench.claims(md, rounds);
            if (needs > 0) bench.listing(md, needs);
        } finally {
            platform.close();
            platform.stopDynamo();
        }
        Files.writeString(result, md.toString(), StandardCharsets.UTF_8);
        System.exit(0);
    }

    // ---- 500 simultaneous claims ------------------------------------------------------------

    private void claims(StringBuilder md, int rounds) throws Exception {
        Services services = Services.live();
        Fixtures fixtures = new Fixtures(services);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < CLAIMERS; i++) {
            tokens.add(token("racer-" + i, "帮扶者" + i, "helper", null));
        }
        Stats all = new Stats();
        StringBuilder rows = new StringBuilder();
        ExecutorService pool = Executors.newFixedThreadPool(CLAIMERS);
        try {
            for (int round = 1; round <= rounds; round++) {
                Need need = fixtures.published(services, Fixtures.VILLAGE, Category.values()[round % Category.values().length], 1);
                // Open (and keep alive) one connection per claimer first: the race is then about the requests.
                race(pool, CLAIMERS, i -> send("GET", "/api/needs/" + need.id(), null, null));
                List<Timed> replies = race(pool, CLAIMERS, i -> send("POST", "/api/needs/" + need.id() + "/claims", tokens.get(i), "{}"));
                Stats s = new Stats();
                Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
                for (Timed t : replies) {
                    s.add(t.ms());
                    all.add(t.ms());
                    byStatus.merge(t.status(), 1, Integer::sum);
                }
                JsonNode after = Json.parse(send("GET", "/api/needs/" + need.id(), null, null).body());
                boolean ok = byStatus.getOrDefault(201, 0) == 1 && byStatus.getOrDefault(409, 0) == CLAIMERS - 1
                        && after.path("state").asText().equals("CLAIMED") && after.path("remaining").asInt() == 0;
                rows.append("| ").append(round).append(" | ").append(byStatus).append(" | ").append(after.path("state").asText())
                        .append(", remaining ").append(after.path("remaining").asInt()).append(" | ").append(ok ? "yes" : "**NO**")
                        .append(" | ").append(Stats.ms(s.median())).append(" | ").append(Stats.ms(s.percentile(99))).append(" | ")
                        .append(Stats.ms(s.max())).append(" |\n");
                if (!ok) System.err.println("CLAIM RACE FAILED in round " + round + ": " + byStatus + " " + after);
            }
        } finally {
            pool.shutdownNow();
        }
        md.append("## Contention: ").append(CLAIMERS).append(" simultaneous claims on one need, through the local gateway\n\n");
        md.append("Each round: a published need of quantity 1; ").append(CLAIMERS).append(" helpers, each with their own token and an open ")
                .append("keep-alive connection, released by one latch. Latency = latch release → response, in ms, measured by the ")
                .append("clients (which share the 2 cores with the gateway, every function and DynamoDB Local).\n\n");
        md.append("| round | statuses | need after | exactly one winner | p50 | p99 | max |\n|---|---|---|:-:|---:|---:|---:|\n");
        md.append(rows);
        md.append("\nAll rounds: p50 ").append(Stats.ms(all.median())).append(" ms, p90 ").append(Stats.ms(all.percentile(90)))
                .append(" ms, **p99 ").append(Stats.ms(all.percentile(99))).append(" ms** over ").append(all.count()).append(" claims.\n\n");
    }

    record Timed(int status, String body, double ms) {
    }

    interface Call {
        Timed run(int i) throws Exception;
    }

    private List<Timed> race(ExecutorService pool, int n, Call call) throws Exception {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Timed>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final int k = i;
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                long t = System.nanoTime();
                Timed r = call.run(k);
                return new Timed(r.status(), r.body(), (System.nanoTime() - t) / 1e6);
            }));
        }
        ready.await();
        go.countDown();
        List<Timed> out = new ArrayList<>();
        for (Future<Timed> f : futures) out.add(f.get());
        return out;
    }

    // ---- 10,000 needs listed by window and area ---------------------------------------------

    private void listing(StringBuilder md, int needs) throws Exception {
        Services services = Services.live();
        Map<String, Integer> seeded = seed(services, needs);
        long scansBefore = CallCounter.count("Scan");
        Map<String, Long> callsBefore = CallCounter.snapshot();

        String county = "321181000000";
        String town = Fixtures.TOWN;
        List<String[]> kinds = List.of(
                new String[] {"window (category) only", "?category=%C"},
                new String[] {"area: county", "?area=" + county},
                new String[] {"area: town", "?area=" + town},
                new String[] {"window + village", "?category=%C&area=%V"},
                new String[] {"window + town", "?category=%C&area=" + town},
                new String[] {"text + town", "?text=" + URLEncoder.encode("轮椅", StandardCharsets.UTF_8) + "&area=" + town},
                new String[] {"5 pages deep (window + county, limit 20)", "PAGES?category=%C&area=" + county});
        Map<String, Stats> stats = new LinkedHashMap<>();
        kinds.forEach(k -> stats.put(k[0], new Stats()));
        Stats all = new Stats();
        int clients = 8;
        int perClient = 150;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger errors = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            final int seed = c;
            fs.add(pool.submit(() -> {
                Random r = new Random(seed);
                for (int i = 0; i < perClient; i++) {
                    String[] kind = kinds.get(r.nextInt(kinds.size()));
                    String q = kind[1].replace("%C", Category.values()[r.nextInt(Category.values().length)].name())
                            .replace("%V", Fixtures.VILLAGES[r.nextInt(Fixtures.VILLAGES.length)]);
                    try {
                        if (q.startsWith("PAGES")) {
                            String cursor = null;
                            for (int p = 0; p < 5; p++) {
                                String url = "/api/needs" + q.substring(5) + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                                Timed t = timed("GET", url);
                                if (t.status() != 200) errors.incrementAndGet();
                                stats.get(kind[0]).add(t.ms());
                                all.add(t.ms());
                                JsonNode next = Json.parse(t.body()).path("next");
                                if (next.isNull() || next.isMissingNode()) break;
                                cursor = next.asText();
                            }
                        } else {
                            Timed t = timed("GET", "/api/needs" + q);
                            if (t.status() != 200) errors.incrementAndGet();
                            stats.get(kind[0]).add(t.ms());
                            all.add(t.ms());
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) f.get();
        pool.shutdownNow();

        // Completeness: paging through one window of one village returns exactly what was seeded there.
        String village = Fixtures.VILLAGES[0];
        String cat = Category.MEDICAL.name();
        int listed = 0;
        String cursor = null;
        do {
            String url = "/api/needs?limit=50&category=" + cat + "&area=" + village
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = Json.parse(send("GET", url, null, null).body());
            listed += page.path("items").size();
            cursor = page.path("next").isNull() ? null : page.path("next").asText();
        } while (cursor != null);
        int expected = seeded.getOrDefault(village + "/" + cat, 0);

        Map<String, Long> callsAfter = CallCounter.snapshot();
        Map<String, Long> delta = new LinkedHashMap<>();
        callsAfter.forEach((k, v) -> {
            long d = v - callsBefore.getOrDefault(k, 0L);
            if (d > 0) delta.put(k, d);
        });
        long scans = CallCounter.count("Scan") - scansBefore;

        md.append("## Listing ").append(needs).append(" published needs by window and area, through the local gateway\n\n");
        md.append(needs).append(" needs made by the real lifecycle (post, council and volunteer approval) in 9 villages of 2 pilots and 7 windows; then ")
                .append(clients).append(" concurrent clients × ").append(perClient).append(" listings of the kinds below (limit 20). Times in ms.\n\n");
        md.append("| listing | requests | p50 | p90 | p99 |\n|---|---:|---:|---:|---:|\n");
        stats.forEach((k, s) -> md.append("| ").append(k).append(" | ").append(s.count()).append(" | ").append(Stats.ms(s.median()))
                .append(" | ").append(Stats.ms(s.percentile(90))).append(" | ").append(Stats.ms(s.percentile(99))).append(" |\n"));
        md.append("| **all** | ").append(all.count()).append(" | ").append(Stats.ms(all.median())).append(" | ")
                .append(Stats.ms(all.percentile(90))).append(" | **").append(Stats.ms(all.percentile(99))).append("** |\n\n");
        md.append("- errors (non-200): ").append(errors.get()).append('\n');
        md.append("- DynamoDB operations while listing (counted by an SDK ExecutionInterceptor): ").append(delta)
                .append(" — **Scan: ").append(scans).append("**").append(scans == 0 ? " (indexes only)" : " (A SCAN HAPPENED)").append('\n');
        md.append("- completeness: paging through ").append(cat).append(" in village ").append(village).append(" (limit 50) listed ")
                .append(listed).append(" needs; seeded there: ").append(expected).append(listed == expected ? " ✔" : " ✘").append("\n\n");
        if (scans != 0 || listed != expected || errors.get() > 0) System.err.println("LISTING CHECK FAILED: scans=" + scans + " listed=" + listed + "/" + expected + " errors=" + errors);
    }

    /** Published needs written the way the repository writes them: made by the lifecycle in memory, one transaction each. */
    private Map<String, Integer> seed(Services services, int needs) throws Exception {
        Fixtures fixtures = new Fixtures(services);
        Map<String, Integer> seeded = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> fs = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        for (int w = 0; w < 4; w++) {
            fs.add(pool.submit(() -> {
                Lifecycle life = new Lifecycle(Clock.systemUTC(), services.areas(), services.lifecycle().rules());
                int i;
                while ((i = next.getAndIncrement()) < needs) {
                    String village = Fixtures.VILLAGES[i % Fixtures.VILLAGES.length];
                    Category category = Category.values()[(i / Fixtures.VILLAGES.length) % Category.values().length];
                    AreaCode area = new AreaCode(village);
                    Actor poster = Fixtures.actor("seed-poster-" + village, "采集员", village, Role.POSTER);
                    Actor council = Fixtures.actor("seed-council-" + village, "议事小组", village, Role.COUNCIL);
                    Actor volunteer = Fixtures.actor("seed-volunteer-" + village, "志愿者", village, Role.VOLUNTEER);
                    Lifecycle.Posting p = life.post(fixtures.draft(area.code(), category, 1 + i % 3, life.today()), poster, Ids.need());
                    Need n = life.review(p.need(), council, Role.COUNCIL, true, null).after();
                    n = life.review(n, volunteer, Role.VOLUNTEER, true, null).after();
                    services.needs().create(new Lifecycle.Posting(n, p.household(), new AuditEntry(n.id(), n.updatedAt(), "bench",
                            "seed", null, n.state(), "benchmark seed: posted and approved twice"), p.registersHousehold()));
                    seeded.merge(village + "/" + category.name(), 1, Integer::sum);
                }
                return null;
            }));
        }
        for (Future<?> f : fs) f.get();
        pool.shutdownNow();
        System.err.printf("  seeded %d needs in %.0f s%n", needs, (System.nanoTime() - t0) / 1e9);
        return seeded;
    }

    // ---- HTTP -------------------------------------------------------------------------------

    private String token(String sub, String name, String group, String area) throws Exception {
        var req = Json.object().put("sub", sub).put("name", name);
        req.putArray("groups").add(group);
        if (area != null) req.put("area", area);
        Timed t = send("POST", "/api/dev/token", null, Json.write(req));
        return Json.parse(t.body()).path("token").asText();
    }

    private Timed timed(String method, String path) throws Exception {
        long t = System.nanoTime();
        Timed r = send(method, path, null, null);
        return new Timed(r.status(), r.body(), (System.nanoTime() - t) / 1e6);
    }

    private Timed send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (body != null) b.header("Content-Type", "application/json");
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Timed(r.statusCode(), r.body(), 0);
    }
}
