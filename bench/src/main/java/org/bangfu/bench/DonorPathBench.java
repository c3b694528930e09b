package org.bangfu.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bangfu.lambda.Json;
import org.bangfu.local.Gateway;
import org.bangfu.local.LocalPlatform;

/**
 * Issue 17's figures, in one run on the whole local platform with every function as a custom-runtime
 * process (as Lambda runs it): the donor's path (share card → need → its list) answered from snapshot
 * files, against the same three answers from the functions after a cold start and warm; function
 * invocations on each; and staleness, from a claim that takes the last unit to the need's absence
 * from every list snapshot it was in.
 *
 * Run by ./bench/run.sh donor (needs the custom-runtime packages the bench build makes).
 */
public final class DonorPathBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String VILLAGE = "321181001201"; // 东门村 of the demo data
    private static String base;
    private static int SEQ = (int) (System.nanoTime() % 997);

    private DonorPathBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        try (LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Options("127.0.0.1", 0, null, true, true, 0, true))) {
            base = platform.baseUrl();
            Gateway gateway = platform.gateway();
            Stats snapshots = new Stats(), cold = new Stats(), warm = new Stats(), stale = new Stats();
            long snapshotCalls = 0, coldCalls = 0;
            for (int r = 0; r < rounds; r++) {
                String id = publishedNeed("快照基准" + r);
                List<String> paths = List.of("/share/" + id, "/snapshots/needs/" + id + ".json", "/snapshots/lists/" + VILLAGE + "/DISABILITY.json");
                List<String> api = List.of("/share/" + id, "/api/needs/" + id, "/api/needs?area=" + VILLAGE + "&category=DISABILITY");
                await(paths.get(2), id);
                await(paths.get(1), id);
                awaitShareFromSnapshot(gateway, paths.get(0));
                // Alternate the order so neither path always runs on a machine warmed by the other.
                for (boolean snapshotFirst : new boolean[] {r % 2 == 0, r % 2 != 0}) {
                    if (snapshotFirst) {
                        long before = gateway.invocations();
                        snapshots.add(path(paths));
                        snapshotCalls += gateway.invocations() - before;
                    } else {
                        platform.serveSnapshots(false);
                        try {
                            platform.coldStartFunctions();
                            long before = gateway.invocations();
                            cold.add(path(api));
                            coldCalls += gateway.invocations() - before;
                            warm.add(path(api));
                        } finally {
                            platform.serveSnapshots(true);
                        }
                    }
                }
                stale.add(staleness(id));
            }
            StringBuilder md = new StringBuilder("## The donor's path from snapshots (issue 17)\n\n");
            md.append("The whole local platform (DynamoDB Local, S3Proxy, the gateway), every function a custom-runtime process as Lambda runs ")
                    .append("it; ").append(rounds).append(" rounds, each with a fresh need of 东门村. The path: the share card, the need, its list ")
                    .append("(area and category), over HTTP on the loopback.\n\n");
            md.append("| path | p50 ms | p99 ms | ratio (p50) to snapshots | function invocations per path |\n|---|---:|---:|---:|---:|\n");
            row(md, "snapshot files (/share/, /snapshots/…)", snapshots, snapshots, (double) snapshotCalls / rounds);
            row(md, "functions, cold (processes just stopped)", cold, snapshots, (double) coldCalls / rounds);
            row(md, "functions, warm", warm, snapshots, 3);
            md.append("\nStaleness: from the claim that takes a need's last unit (201) to its absence from every list snapshot it was in: p50 ")
                    .append(Stats.ms(stale.median())).append(" ms, p99 ").append(Stats.ms(stale.percentile(99))).append(" ms, max ")
                    .append(Stats.ms(stale.max())).append(" ms (the local stream pump polls when idle every 150 ms; Lambda's mapping adds its ")
                    .append("1 s batching window, so expect about a second more in AWS).\n");
            Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
            System.out.println(md);
        }
    }

    private static void row(StringBuilder md, String name, Stats s, Stats base, double calls) {
        md.append("| ").append(name).append(" | ").append(Stats.ms(s.median())).append(" | ").append(Stats.ms(s.percentile(99))).append(" | ")
                .append(String.format("%.1f×", s.median() / base.median())).append(" | ").append(String.format("%.1f", calls)).append(" |\n");
    }

    /** The three GETs of a path, one after another as the page makes them; ms. */
    private static double path(List<String> paths) throws Exception {
        long t0 = System.nanoTime();
        for (String p : paths) {
            int status = get(p).statusCode();
            if (status != 200) throw new IllegalStateException(p + " answered " + status);
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    /** ms from the claim of the need's only unit to its absence from the list snapshots of its village, town, county and everywhere. */
    private static double staleness(String id) throws Exception {
        List<String> lists = List.of(VILLAGE + "/DISABILITY", VILLAGE + "/all", "321181001000/DISABILITY", "321181000000/all", "all/all", "all/DISABILITY");
        String helper = token("bench-helper-" + id, null, "helper");
        HttpResponse<String> claim = send("POST", "/api/needs/" + id + "/claims", helper, "{}");
        long t0 = System.nanoTime();
        if (claim.statusCode() != 201) throw new IllegalStateException("claim: " + claim.statusCode() + " " + claim.body());
        long until = t0 + 30_000_000_000L;
        while (true) {
            boolean anywhere = false;
            for (String l : lists) anywhere |= get("/snapshots/lists/" + l + ".json").body().contains(id);
            if (!anywhere) return (System.nanoTime() - t0) / 1e6;
            if (System.nanoTime() > until) throw new IllegalStateException(id + " still listed 30 s after its claim");
            Thread.sleep(10);
        }
    }

    private static String publishedNeed(String title) throws Exception {
        String poster = token("li-shuji", VILLAGE, "poster");
        String idNumber = org.bangfu.core.ChineseIdNumber.withCheck(String.format("321181%04d%02d%02d%03d", 1950 + SEQ % 50, 1 + SEQ % 12, 1 + SEQ % 28, SEQ++ % 1000));
        String body = "{\"areaCode\":\"" + VILLAGE + "\",\"category\":\"DISABILITY\",\"title\":\"" + title + "\",\"description\":\"基准测试用的需求说明，足够长的一段文字。\","
                + "\"quantity\":1,\"unit\":\"台\",\"valueYuan\":300,\"deadline\":\"" + java.time.LocalDate.now().plusDays(30) + "\","
                + "\"household\":{\"name\":\"测试户\",\"idNumber\":\"" + idNumber + "\",\"phone\":\"13700000000\",\"address\":\"东门村1组\"},"
                + "\"contact\":{\"name\":\"李书记\",\"phone\":\"13900000000\"}}";
        HttpResponse<String> posted = send("POST", "/api/needs", poster, body);
        if (posted.statusCode() != 201) throw new IllegalStateException("post: " + posted.body());
        String id = Json.parse(posted.body()).path("id").asText();
        for (String[] who : new String[][] {{"council", VILLAGE}, {"volunteer", "321181001000"}}) {
            HttpResponse<String> r = send("POST", "/api/needs/" + id + "/reviews", token("bench-" + who[0] + "-" + id, who[1], who[0]), "{\"decision\":\"approve\"}");
            if (r.statusCode() != 200) throw new IllegalStateException("review: " + r.body());
        }
        return id;
    }

    private static void await(String path, String contains) throws Exception {
        long until = System.nanoTime() + 30_000_000_000L;
        while (!(get(path).body().contains(contains))) {
            if (System.nanoTime() > until) throw new IllegalStateException(path + " not written");
            Thread.sleep(50);
        }
    }

    /** /share/* falls back to its function: wait until a GET adds no invocation (the card's snapshot exists). */
    private static void awaitShareFromSnapshot(Gateway gateway, String path) throws Exception {
        long until = System.nanoTime() + 30_000_000_000L;
        while (true) {
            long before = gateway.invocations();
            get(path);
            if (gateway.invocations() == before) return;
            if (System.nanoTime() > until) throw new IllegalStateException(path + " has no snapshot");
            Thread.sleep(50);
        }
    }

    private static String token(String sub, String area, String group) throws Exception {
        String body = "{\"sub\":\"" + sub + "\",\"name\":\"基准\",\"groups\":[\"" + group + "\"]" + (area == null ? "" : ",\"area\":\"" + area + "\"") + "}";
        JsonNode r = Json.parse(send("POST", "/api/dev/token", null, body).body());
        return r.path("token").asText();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("authorization", "Bearer " + token);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
