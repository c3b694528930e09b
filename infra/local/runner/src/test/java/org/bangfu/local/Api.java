package org.bangfu.local;

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
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.bangfu.lambda.Json;
import org.bangfu.core.ChineseIdNumber;

/** A small HTTP client for the local gateway, with the people and needs the tests act with. */
final class Api {
    static final String DONGMEN = "321181001201";   // 东门村
    static final String XIMEN = "321181001202";     // 西门村, same town
    static final String YUNYANG = "321181001000";   // 云阳街道 (town)
    static final String JIANGSHU = "321181102201";  // 蒋墅村, another town
    static final String DANYANG = "321181000000";   // 丹阳市 (county-level city)
    static final String MIANDU = "430225100201";    // 沔渡村, another province
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final String base;
    /** One client for all tests, so connections are pooled once rather than per test instance. */
    // Child-process functions (LAMBDA_PROCESSES=true) start cold, one JVM each, on a shared machine: allow for it.
    private static final Duration TIMEOUT = Duration.ofSeconds(Boolean.getBoolean("LAMBDA_PROCESSES") ? 150 : 30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpClient http = HTTP;

    Api(String base) {
        this.base = base;
    }

    String base() {
        return base;
    }

    record Reply(int status, JsonNode body, String raw, java.net.http.HttpHeaders headers) {
        String text(String field) {
            return body.path(field).asText();
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    /** A person, as a signed token. */
    record Who(String sub, String token) {
    }

    Who who(String sub, String area, String... groups) {
        ObjectNode req = Json.object().put("sub", sub).put("name", "测试" + sub);
        if (area != null) req.put("area", area);
        var g = req.putArray("groups");
        for (String x : groups) g.add(x);
        Reply r = send("POST", "/api/dev/token", null, Json.write(req), "application/json");
        if (r.status() != 200) throw new IllegalStateException(r.toString());
        return new Who(sub, r.text("token"));
    }

    /** A signed-in session by phone and SMS code, as the site does it (the code read from the local outbox). */
    record Session(String personId, String accessToken, String refreshToken, JsonNode person) {
        Who who() {
            return new Who(personId, accessToken);
        }
    }

    /** A phone number nobody else in the test JVM uses. */
    static String newPhone() {
        return "+86139" + String.format("%08d", SEQ.incrementAndGet() * 7919L % 100_000_000L);
    }

    private static final java.util.Map<String, String> PHONES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A helper who has signed in by phone before (so the phone item names them, as a first sign-in
     * writes it), as a dev token: a colleague a manager can add by that phone.
     */
    Who withPhone(String prefix) {
        String phone = newPhone();
        String id = org.bangfu.core.Ids.person();
        new org.bangfu.store.PeopleStore(org.bangfu.store.Dynamo.client(), LocalPlatform.TABLE)
                .getOrCreate(phone, id, "测试" + prefix, java.time.Instant.now());
        PHONES.put(id, phone);
        return who(id, null, "helper");
    }

    /** The phone {@code who} signs in with (made by {@link #withPhone}). */
    static String phoneOf(Who who) {
        String phone = PHONES.get(who.sub());
        if (phone == null) throw new IllegalArgumentException(who.sub() + " was not made with withPhone");
        return phone;
    }

    /** The body that adds {@code who} to an organisation, by their phone. */
    static ObjectNode asMember(Who who, String name) {
        return Json.object().put("phone", phoneOf(who)).put("name", name);
    }

    /** The latest code the outbox holds for the phone. */
    String codeFor(String phone) {
        Reply r = get("/api/dev/sms?phone=" + java.net.URLEncoder.encode(phone, StandardCharsets.UTF_8), null);
        if (r.status() != 200 || r.body().path("messages").isEmpty()) throw new IllegalStateException("no SMS to " + phone + ": " + r);
        return r.body().path("messages").path(0).path("params").path("code").asText();
    }

    /** Asks for a code from an address of its own (tests share one machine; the per-source limit is tested on its own). */
    Reply askCode(String phone) {
        String source = "10." + (SEQ.incrementAndGet() % 250) + "." + ThreadLocalRandom.current().nextInt(250) + "." + ThreadLocalRandom.current().nextInt(250);
        return sendBytes("POST", "/api/auth/sms-code", null, Json.write(Json.object().put("phone", phone)).getBytes(StandardCharsets.UTF_8),
                "application/json", java.util.Map.of("X-Forwarded-For", source));
    }

    Session signIn(String phone) {
        Reply sent = askCode(phone);
        if (sent.status() != 202) throw new IllegalStateException(sent.toString());
        Reply t = post("/api/auth/token", null, Json.object().put("phone", phone).put("code", codeFor(phone)));
        if (t.status() != 200) throw new IllegalStateException(t.toString());
        return session(t);
    }

    static Session session(Reply t) {
        return new Session(t.body().path("person").path("id").asText(), t.text("accessToken"), t.text("refreshToken"), t.body().path("person"));
    }

    /** A fresh unique person id, so tests never collide in the shared table. */
    static String unique(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet() + "-" + Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffff, 36);
    }

    Reply get(String path, Who who) {
        return send("GET", path, who, null, null);
    }

    Reply post(String path, Who who, Object body) {
        return send("POST", path, who, body == null ? null : body instanceof String s ? s : Json.write((JsonNode) body), "application/json");
    }

    Reply delete(String path, Who who, Object body) {
        return send("DELETE", path, who, body == null ? null : body instanceof String s ? s : Json.write((JsonNode) body), "application/json");
    }

    Reply send(String method, String path, Who who, String body, String contentType) {
        return sendBytes(method, path, who, body == null ? null : body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    /** A write carrying an Idempotency-Key. */
    Reply sendOnce(String method, String path, Who who, Object body, String key) {
        String text = body == null ? null : body instanceof String s ? s : Json.write((JsonNode) body);
        return sendBytes(method, path, who, text == null ? null : text.getBytes(StandardCharsets.UTF_8), "application/json",
                java.util.Map.of("Idempotency-Key", key));
    }

    Reply sendBytes(String method, String path, Who who, byte[] body, String contentType) {
        return sendBytes(method, path, who, body, contentType, java.util.Map.of());
    }

    Reply sendBytes(String method, String path, Who who, byte[] body, String contentType, java.util.Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        if (who != null) b.header("Authorization", "Bearer " + who.token());
        if (contentType != null) b.header("Content-Type", contentType);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = null;
            try {
                json = r.body().isEmpty() ? Json.object() : Json.parse(r.body());
            } catch (IOException notJson) {
                json = Json.object();
            }
            return new Reply(r.statusCode(), json, r.body(), r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- needs -------------------------------------------------------------------------------

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    /** A valid, unique resident ID number, so each need gets its own household unless a test wants otherwise. */
    static String newIdNumber() {
        int n = SEQ.incrementAndGet();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String first17 = String.format("321181%04d%02d%02d%03d", 1940 + r.nextInt(60), 1 + r.nextInt(12), 1 + r.nextInt(28), n % 1000);
        return ChineseIdNumber.withCheck(first17);
    }

    /** A complete, valid posting body for a village; tweak fields with the returned node. */
    static ObjectNode needBody(String area, String category, int quantity, String idNumber) {
        ObjectNode o = Json.object();
        o.put("category", category);
        o.put("title", "测试需求 " + SEQ.incrementAndGet());
        o.put("description", "这是一条用于自动化测试的需求说明，内容足够长。");
        o.put("quantity", quantity);
        o.put("unit", "个");
        o.put("valueYuan", 300);
        o.put("deadline", today().plusDays(30).toString());
        o.put("areaCode", area);
        o.putObject("household").put("name", "王小明").put("idNumber", idNumber).put("phone", "13812345678")
                .put("address", "东门村3组18号");
        o.putObject("contact").put("name", "李书记").put("phone", "13900001111");
        return o;
    }

    /** The people of one village for one test: poster, council reviewer, volunteer (town level), admin (county). */
    Village village(String area) {
        String town = area.substring(0, 9) + "000";
        return new Village(area,
                who(unique("poster"), area, "poster"),
                who(unique("council"), area, "council"),
                who(unique("volunteer"), town, "volunteer"),
                who(unique("admin"), DANYANG.substring(0, 4).equals(area.substring(0, 4)) ? DANYANG : area.substring(0, 6) + "000000", "admin"));
    }

    record Village(String area, Who poster, Who council, Who volunteer, Who admin) {
    }

    /** Posts and returns the new need's id, failing loudly if that didn't work. */
    String postNeed(Village v, String category, int quantity) {
        Reply r = post("/api/needs", v.poster(), needBody(v.area(), category, quantity, newIdNumber()));
        if (r.status() != 201) throw new AssertionError("post failed: " + r);
        return r.text("id");
    }

    /** Posts a need and takes it through both reviews. */
    String publishedNeed(Village v, String category, int quantity) {
        String id = postNeed(v, category, quantity);
        Reply a = post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "approve"));
        Reply b = post("/api/needs/" + id + "/reviews", v.volunteer(), Json.object().put("decision", "approve"));
        if (a.status() != 200 || b.status() != 200 || !"PUBLISHED".equals(b.body().path("need").path("state").asText())) {
            throw new AssertionError("publish failed: " + a + " / " + b);
        }
        return id;
    }

    /** Every public listing page for a filter, following cursors to the end. */
    List<JsonNode> listAll(String query) {
        List<JsonNode> out = new java.util.ArrayList<>();
        String cursor = null;
        for (int i = 0; i < 500; i++) {
            String q = query + (cursor == null ? "" : (query.contains("?") ? "&" : "?") + "cursor=" + cursor);
            Reply r = get("/api/needs" + q, null);
            if (r.status() != 200) throw new AssertionError("list failed: " + r);
            r.body().path("items").forEach(out::add);
            cursor = r.body().path("next").isNull() ? null : r.body().path("next").asText();
            if (cursor == null) return out;
        }
        throw new AssertionError("listing never ended");
    }
}
