package org.bangfu.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.bangfu.lambda.Json;
import org.bangfu.core.ChineseIdNumber;
import org.bangfu.local.Gateway;

/** The API straight over HTTP, to set up what a browser journey starts from. */
final class Http {
    static final String DONGMEN = "321181001201";
    static final String XIMEN = "321181001202";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    record Reply(int status, JsonNode json, String raw) {
    }

    static Reply send(String method, String path, String token, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Site.base() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8))
                .header("content-type", "application/json");
        if (token != null) b.header("authorization", "Bearer " + token);
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json;
            try {
                json = r.body().isEmpty() ? Json.object() : Json.parse(r.body());
            } catch (IOException notJson) {
                json = Json.object();
            }
            return new Reply(r.statusCode(), json, r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A dev token for anyone (demo users included: same sub, same person). */
    static String token(String sub, String area, String... groups) {
        ObjectNode req = Json.object().put("sub", sub).put("name", sub);
        if (area != null) req.put("area", area);
        var g = req.putArray("groups");
        for (String x : groups) g.add(x);
        Reply r = send("POST", "/api/dev/token", null, req);
        if (r.status() != 200) throw new IllegalStateException(r.raw());
        return r.json().path("token").asText();
    }

    /** A dev token for a demo user of the sign-in page, with the name, groups and area the page would use. */
    static String demoToken(String sub) {
        for (JsonNode u : send("GET", "/api/dev/users", null, null).json()) {
            if (!u.path("sub").asText().equals(sub)) continue;
            ObjectNode req = Json.object().put("sub", sub).put("name", u.path("name").asText());
            if (u.hasNonNull("area")) req.put("area", u.path("area").asText());
            req.set("groups", u.path("groups"));
            return send("POST", "/api/dev/token", null, req).json().path("token").asText();
        }
        throw new IllegalArgumentException("no demo user " + sub);
    }

    static String unique(String prefix) {
        return prefix + SEQ.incrementAndGet() + Long.toString(ThreadLocalRandom.current().nextLong() & 0xfffff, 36);
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    static String newIdNumber() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return ChineseIdNumber.withCheck(String.format("321181%04d%02d%02d%03d", 1940 + r.nextInt(60), 1 + r.nextInt(12),
                1 + r.nextInt(28), SEQ.incrementAndGet() % 1000));
    }

    static ObjectNode needBody(String area, String category, String title, int quantity) {
        ObjectNode o = Json.object().put("category", category).put("title", title)
                .put("description", "浏览器测试用的需求说明：" + title + "，内容足够长。")
                .put("quantity", quantity).put("unit", "个").put("valueYuan", 300)
                .put("deadline", today().plusDays(30).toString()).put("areaCode", area);
        o.putObject("household").put("name", "王小明").put("idNumber", newIdNumber()).put("phone", "13812345678").put("address", "东门村3组18号");
        o.putObject("contact").put("name", "李书记").put("phone", "13900001111");
        return o;
    }

    /** Posts with the given poster token and takes the need through both reviews; returns its id. */
    static String published(String posterToken, String area, String category, String title, int quantity) {
        Reply posted = send("POST", "/api/needs", posterToken, needBody(area, category, title, quantity));
        if (posted.status() != 201) throw new AssertionError(posted.raw());
        String id = posted.json().path("id").asText();
        String town = area.substring(0, 9) + "000";
        String council = token(unique("council"), area, "council");
        String volunteer = token(unique("volunteer"), town, "volunteer");
        for (String who : new String[] {council, volunteer}) {
            Reply r = send("POST", "/api/needs/" + id + "/reviews", who, Json.object().put("decision", "approve"));
            if (r.status() != 200) throw new AssertionError(r.raw());
        }
        return id;
    }

    /** Waits until the stream has written the public snapshot at path with the given text in it. */
    static void awaitSnapshot(String path, String contains) throws InterruptedException {
        long until = System.nanoTime() + 20_000_000_000L;
        while (true) {
            Http.Reply r = send("GET", path, null, null);
            if (r.status() == 200 && r.raw().contains(contains) && !path.startsWith("/share/")) return;
            // /share/* falls back to its function: wait until the gateway answered it from the bucket
            if (path.startsWith("/share/") && r.status() == 200 && Site.platform().gateway().servedFromSnapshots() > 0
                    && snapshotAnswered(path)) return;
            if (System.nanoTime() > until) throw new AssertionError(path + " not written: " + r.status() + " " + r.raw());
            Thread.sleep(200);
        }
    }

    /** True when one more GET of the path adds no function invocation. */
    static boolean snapshotAnswered(String path) {
        Gateway gateway = Site.platform().gateway();
        long before = gateway.invocations();
        send("GET", path, null, null);
        return gateway.invocations() == before;
    }

    /** Waits until the snapshot at path says what the API answers at apiPath (the stream rewrites it a moment after a change). */
    static void awaitSnapshotOf(String path, String apiPath) throws InterruptedException {
        long until = System.nanoTime() + 20_000_000_000L;
        while (true) {
            Reply snapshot = send("GET", path, null, null);
            Reply api = send("GET", apiPath, null, null);
            if (snapshot.status() == 200 && snapshot.json() != null && snapshot.json().equals(api.json())) return;
            if (System.nanoTime() > until) throw new AssertionError(path + " never said what " + apiPath + " says: " + snapshot.raw());
            Thread.sleep(200);
        }
    }
}
