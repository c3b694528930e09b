package org.bangfu.local;

import static org.bangfu.local.Expect.conflict;
import static org.bangfu.local.Expect.forbidden;
import static org.bangfu.local.Expect.invalidExactly;
import static org.bangfu.local.Expect.notFoundByHandler;
import static org.bangfu.local.Expect.sane;
import static org.bangfu.local.Expect.status;
import static org.bangfu.local.Expect.unauthorized;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Who may do what, where, and in which order: every mutating route without a token, with a
 * forged one, with the wrong role, with the right role in the wrong area, and out of order.
 * Each refusal has its exact status, and the need is exactly as it was afterwards.
 */
class AuthorizationTest {
    private static final String HUANGTANG_TOWN = "321181102000";   // 皇塘镇: another town of the same county
    private static final String YANLING_COUNTY = "430225000000";   // 炎陵县: another province's county
    private static final String XIAYANG_TOWN = "430225100000";     // 霞阳镇: town of 沔渡村

    private static Api api;
    private static Api.Who helperA;
    private static Api.Who helperB;

    @BeforeAll
    static void start() {
        api = TestPlatform.api();
        helperB = api.who(Api.unique("helperB"), null, "helper");
    }

    /** A fresh claimer per test: the churn limits (issue 11) would otherwise carry one test's claims into the next. */
    @org.junit.jupiter.api.BeforeEach
    void freshHelper() {
        helperA = api.who(Api.unique("helperA"), null, "helper");
    }

    // ---- small helpers --------------------------------------------------------------------------

    /** A published need with an active claim of 1 by helperA (quantity 2, so one remains listed). */
    private record Scene(Api.Village v, String needId, String claimId, String pendingId) {
        String need() {
            return "/api/needs/" + needId;
        }

        String claim() {
            return need() + "/claims/" + claimId;
        }
    }

    private static Scene scene(String category) {
        Api.Village v = api.village(Api.DONGMEN);
        String id = api.publishedNeed(v, category, 2);
        Api.Reply c = status(api.post("/api/needs/" + id + "/claims", helperA, Json.object().put("quantity", 1)), 201, "claim");
        String pending = api.postNeed(v, category.equals("MEDICAL") ? "EDUCATION" : "MEDICAL", 1);
        return new Scene(v, id, c.body().path("claim").path("id").asText(), pending);
    }

    private static String publicJson(String id) {
        return status(api.get("/api/needs/" + id, null), 200, "public read of " + id).raw();
    }

    /** The poster's own view of a need (works in every state), from GET /api/me. */
    private static JsonNode posted(Api.Who poster, String id) {
        Api.Reply me = status(api.get("/api/me", poster), 200, "me");
        for (JsonNode n : me.body().path("posted")) {
            if (n.path("id").asText().equals(id)) return n;
        }
        throw new AssertionError("need " + id + " not among the poster's: " + me);
    }

    private static JsonNode claimOf(Api.Who helper, String claimId) {
        Api.Reply me = status(api.get("/api/me", helper), 200, "me");
        for (JsonNode c : me.body().path("claims")) {
            if (c.path("id").asText().equals(claimId)) return c;
        }
        throw new AssertionError("claim " + claimId + " not among the helper's: " + me);
    }

    /** The full view of a pending need (reviews, updatedAt) as the county admin's queue shows it. */
    private static String pendingSnapshot(Api.Who admin, String id) {
        String cursor = null;
        for (int i = 0; i < 200; i++) {
            Api.Reply r = status(api.get("/api/review-queue?area=" + Api.DONGMEN + "&limit=50" + (cursor == null ? "" : "&cursor=" + cursor), admin),
                    200, "admin queue");
            for (JsonNode n : r.body().path("items")) {
                if (n.path("id").asText().equals(id)) return n.toString();
            }
            if (r.body().path("next").isNull()) break;
            cursor = r.body().path("next").asText();
        }
        throw new AssertionError("pending need " + id + " not in the admin's queue");
    }

    private static String state(Api.Who poster, String id) {
        return posted(poster, id).path("state").asText();
    }

    private static ObjectNode validPost(String area) {
        return Api.needBody(area, "DISABILITY", 1, Api.newIdNumber());
    }

    private record Call(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every protected route, aimed at real ids, with a body that would otherwise be fine. */
    private static List<Call> protectedCalls(Scene s) {
        return List.of(
                new Call("POST", "/api/needs", Json.write(validPost(Api.DONGMEN))),
                new Call("POST", "/api/needs/" + s.pendingId() + "/reviews", "{\"decision\":\"approve\"}"),
                new Call("POST", s.need() + "/claims", "{\"quantity\":1}"),
                new Call("POST", s.claim() + "/delivered", "{\"note\":\"已送到\"}"),
                new Call("POST", s.claim() + "/confirm", "{}"),
                new Call("DELETE", s.claim(), null),
                new Call("GET", "/api/me", null),
                new Call("GET", "/api/review-queue", null));
    }

    private static Api.Reply call(Call c, Api.Who who) {
        return api.send(c.method(), c.path(), who, c.body(), c.body() == null ? null : "application/json");
    }

    /** A request with an arbitrary Authorization header (or none), which Api.Who cannot express. */
    private static Api.Reply withAuthorization(Call c, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + c.path()))
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c.body()));
        if (authorization != null) b.header("Authorization", authorization);
        if (c.body() != null) b.header("Content-Type", "application/json");
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json;
            try {
                json = r.body().isEmpty() ? Json.object() : Json.parse(r.body());
            } catch (java.io.IOException e) {
                json = Json.object();
            }
            return new Api.Reply(r.statusCode(), json, r.body(), r.headers());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A token with every claim our issuer would put in, signed with a key that is not the gateway's. */
    private static String signedWithAnotherKey(String sub) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(TestPlatform.platform.tokens().issuer()).subject(sub)
                .audience(TestPlatform.platform.tokens().audience()).issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                .claim("name", "伪造").claim("roles", List.of("admin:320000000000", "poster:320000000000", "council:320000000000",
                        "volunteer:320000000000", "helper")).claim("token_use", "access").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    // ---- (a) no token, (b) forged tokens ----------------------------------------------------------

    @Test
    void everyProtectedRouteRefusesAMissingOrForgedToken() throws Exception {
        Scene s = scene("HOME_IMPROVEMENT");
        String before = publicJson(s.needId());
        String pendingBefore = pendingSnapshot(s.v().admin(), s.pendingId());
        Api.Who real = helperA;
        String[] parts = real.token().split("\\.");
        String godPayload = b64("{\"iss\":\"" + TestPlatform.platform.tokens().issuer() + "\",\"aud\":\"" + TestPlatform.platform.tokens().audience()
                + "\",\"sub\":\"" + real.sub() + "\",\"exp\":" + (Instant.now().getEpochSecond() + 3600)
                + ",\"roles\":[\"admin:320000000000\",\"poster:320000000000\",\"council:320000000000\",\"volunteer:320000000000\",\"helper\"]}");
        String otherSignature = s.v().admin().token().split("\\.")[2];
        List<String> headers = new ArrayList<>();
        headers.add(null);                                                       // no header at all
        headers.add("");
        headers.add("Bearer");
        headers.add("Bearer ");
        headers.add("Bearer garbage");
        headers.add("Bearer a.b.c");
        headers.add("Bearer ...");
        headers.add("Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)));
        headers.add("Bearer " + signedWithAnotherKey(real.sub()));                // right shape, wrong key
        headers.add("Bearer " + b64("{\"alg\":\"none\"}") + "." + godPayload + ".");   // unsigned
        headers.add("Bearer " + parts[0] + "." + godPayload + "." + parts[2]);    // payload swapped, signature kept
        headers.add("Bearer " + parts[0] + "." + parts[1] + ".");                 // signature stripped
        headers.add("Bearer " + parts[0] + "." + parts[1] + "." + otherSignature); // another token's signature
        headers.add("Bearer " + b64("{\"alg\":\"HS512\"}") + "." + parts[1] + "." + parts[2]); // algorithm swapped
        headers.add("Bearer " + real.token().substring(0, real.token().length() - 2)); // truncated
        headers.add("Bearer " + real.token() + "x");                             // extended
        List<Executable> checks = new ArrayList<>();
        for (Call c : protectedCalls(s)) {
            for (String h : headers) {
                checks.add(() -> unauthorized(withAuthorization(c, h), c + " with Authorization: " + h));
            }
        }
        assertAll(checks);
        assertEquals(before, publicJson(s.needId()), "a refused request changed the published need");
        assertEquals(pendingBefore, pendingSnapshot(s.v().admin(), s.pendingId()), "a refused request changed the pending need");
        assertEquals("ACTIVE", claimOf(helperA, s.claimId()).path("state").asText());
        // the public routes stay open without a token
        status(api.get("/api/needs?area=" + Api.DONGMEN, null), 200, "public listing without a token");
        status(api.get("/api/needs/" + s.needId(), new Api.Who("x", "garbage")), 200, "public read ignores a bad token");
    }

    // ---- (c) the wrong role ------------------------------------------------------------------------

    @Test
    void wrongRoleIsForbidden() {
        Scene s = scene("EDUCATION");
        Api.Village v = s.v();
        String area = Api.DONGMEN;
        Api.Who otherPoster = api.who(Api.unique("poster"), area, "poster");
        Api.Who helperWithArea = api.who(Api.unique("helper"), area, "helper");
        Api.Who nobody = api.who(Api.unique("nobody"), area);
        String before = publicJson(s.needId());
        String pendingBefore = pendingSnapshot(v.admin(), s.pendingId());
        List<Executable> checks = new ArrayList<>();
        // posting: posters only
        for (Api.Who w : List.of(helperA, v.council(), v.volunteer(), v.admin(), nobody, helperWithArea)) {
            checks.add(() -> forbidden(api.post("/api/needs", w, validPost(area)), "POST /api/needs by " + w.sub()));
        }
        // reviewing: council and volunteers only
        for (Api.Who w : List.of(helperA, otherPoster, v.admin(), nobody, helperWithArea)) {
            checks.add(() -> forbidden(api.post("/api/needs/" + s.pendingId() + "/reviews", w, Json.object().put("decision", "approve")),
                    "review by " + w.sub()));
            checks.add(() -> forbidden(api.post("/api/needs/" + s.pendingId() + "/reviews", w,
                    Json.object().put("decision", "approve").put("role", "council")), "review as council by " + w.sub()));
        }
        // a council member asking to review as a volunteer, and the reverse
        checks.add(() -> forbidden(api.post("/api/needs/" + s.pendingId() + "/reviews", v.council(),
                Json.object().put("decision", "approve").put("role", "volunteer")), "council reviewing as volunteer"));
        checks.add(() -> forbidden(api.post("/api/needs/" + s.pendingId() + "/reviews", v.volunteer(),
                Json.object().put("decision", "reject").put("reason", "材料不全").put("role", "council")), "volunteer reviewing as council"));
        // claiming: helpers only
        for (Api.Who w : List.of(v.poster(), otherPoster, v.council(), v.volunteer(), v.admin(), nobody)) {
            checks.add(() -> forbidden(api.post(s.need() + "/claims", w, Json.object().put("quantity", 1)), "claim by " + w.sub()));
        }
        // delivering: the claim's helper only
        for (Api.Who w : List.of(v.poster(), v.admin(), v.council(), helperB, nobody)) {
            checks.add(() -> forbidden(api.post(s.claim() + "/delivered", w, Json.object().put("note", "已送到")), "deliver by " + w.sub()));
        }
        // releasing: the claim's helper or the area admin only
        for (Api.Who w : List.of(v.poster(), v.council(), v.volunteer(), helperB, otherPoster, nobody)) {
            checks.add(() -> forbidden(api.delete(s.claim(), w, Json.object().put("reason", "不想要了")), "release by " + w.sub()));
        }
        // confirming: area admin or the need's poster (the claim is still ACTIVE, so a permitted confirmer would get 409)
        for (Api.Who w : List.of(helperA, helperB, v.council(), v.volunteer(), otherPoster, nobody)) {
            checks.add(() -> forbidden(api.post(s.claim() + "/confirm", w, Json.object()), "confirm by " + w.sub()));
        }
        // review queue: reviewers and admins only
        for (Api.Who w : List.of(helperA, helperWithArea, v.poster(), nobody)) {
            checks.add(() -> forbidden(api.get("/api/review-queue", w), "review queue for " + w.sub()));
        }
        checks.add(() -> forbidden(api.get("/api/review-queue?role=volunteer", v.council()), "council asking for the volunteer queue"));
        assertAll(checks);
        assertEquals(before, publicJson(s.needId()), "a refused request changed the published need");
        assertEquals(pendingBefore, pendingSnapshot(v.admin(), s.pendingId()), "a refused request changed the pending need");
        assertEquals("ACTIVE", claimOf(helperA, s.claimId()).path("state").asText());
        // GET /api/me is for anyone signed in
        status(api.get("/api/me", nobody), 200, "me without roles");
    }

    // ---- (d) the right role in the wrong area -----------------------------------------------------

    @Test
    void rightRoleWrongAreaIsForbidden() {
        Scene s = scene("INSURANCE");
        Api.Village v = s.v();
        Api.Who posterXimen = api.who(Api.unique("poster"), Api.XIMEN, "poster");
        Api.Who posterMiandu = api.who(Api.unique("poster"), Api.MIANDU, "poster");
        Api.Who posterNoArea = api.who(Api.unique("poster"), null, "poster");
        Api.Who posterJiangshu = api.who(Api.unique("poster"), Api.JIANGSHU, "poster");
        Api.Who councilXimen = api.who(Api.unique("council"), Api.XIMEN, "council");
        Api.Who councilMiandu = api.who(Api.unique("council"), Api.MIANDU, "council");
        Api.Who councilNoArea = api.who(Api.unique("council"), null, "council");
        Api.Who volunteerOtherTown = api.who(Api.unique("volunteer"), HUANGTANG_TOWN, "volunteer");
        Api.Who volunteerMiandu = api.who(Api.unique("volunteer"), XIAYANG_TOWN, "volunteer");
        Api.Who adminXimen = api.who(Api.unique("admin"), Api.XIMEN, "admin");
        Api.Who adminOtherTown = api.who(Api.unique("admin"), HUANGTANG_TOWN, "admin");
        Api.Who adminYanling = api.who(Api.unique("admin"), YANLING_COUNTY, "admin");
        Api.Who adminNoArea = api.who(Api.unique("admin"), null, "admin");

        // deliver the claim so that confirm would otherwise succeed
        status(api.post(s.claim() + "/delivered", helperA, Json.object().put("note", "保险已缴")), 200, "deliver");
        // a second, active claim so that release would otherwise succeed
        Api.Reply second = status(api.post(s.need() + "/claims", helperB, Json.object().put("quantity", 1)), 201, "second claim");
        String activeClaim = s.need() + "/claims/" + second.body().path("claim").path("id").asText();
        String before = publicJson(s.needId());
        String pendingBefore = pendingSnapshot(v.admin(), s.pendingId());

        List<Executable> checks = new ArrayList<>();
        for (Api.Who w : List.of(posterXimen, posterMiandu, posterNoArea, posterJiangshu)) {
            checks.add(() -> forbidden(api.post("/api/needs", w, validPost(Api.DONGMEN)), "post for DONGMEN by " + w.sub()));
        }
        for (Api.Who w : List.of(councilXimen, councilMiandu, councilNoArea, volunteerOtherTown, volunteerMiandu)) {
            checks.add(() -> forbidden(api.post("/api/needs/" + s.pendingId() + "/reviews", w, Json.object().put("decision", "approve")),
                    "approve a DONGMEN need by " + w.sub()));
            checks.add(() -> forbidden(api.post("/api/needs/" + s.pendingId() + "/reviews", w,
                    Json.object().put("decision", "reject").put("reason", "不符合条件")), "reject a DONGMEN need by " + w.sub()));
        }
        for (Api.Who w : List.of(adminXimen, adminOtherTown, adminYanling, adminNoArea)) {
            checks.add(() -> forbidden(api.post(s.claim() + "/confirm", w, Json.object()), "confirm a DONGMEN claim by " + w.sub()));
            checks.add(() -> forbidden(api.delete(activeClaim, w, null), "release a DONGMEN claim by " + w.sub()));
        }
        for (String other : new String[] {Api.XIMEN, Api.MIANDU, Api.YUNYANG, Api.DANYANG}) {
            checks.add(() -> forbidden(api.get("/api/review-queue?area=" + other, v.council()), "DONGMEN council reading the queue of " + other));
        }
        checks.add(() -> forbidden(api.get("/api/review-queue?area=" + Api.DONGMEN, adminYanling), "炎陵 admin reading the DONGMEN queue"));
        checks.add(() -> forbidden(api.get("/api/review-queue", councilNoArea), "council without an area"));
        assertAll(checks);
        assertEquals(before, publicJson(s.needId()), "a refused request changed the published need");
        assertEquals(pendingBefore, pendingSnapshot(v.admin(), s.pendingId()), "a refused request changed the pending need");
        assertEquals("DELIVERED", claimOf(helperA, s.claimId()).path("state").asText());
        assertEquals("ACTIVE", claimOf(helperB, second.body().path("claim").path("id").asText()).path("state").asText());

        // controls: the same steps by people whose area does contain DONGMEN succeed
        Api.Who posterTown = api.who(Api.unique("poster"), Api.YUNYANG, "poster");
        status(api.post("/api/needs", posterTown, validPost(Api.DONGMEN)), 201, "a town-level poster posts for its village");
        status(api.post(s.claim() + "/confirm", v.admin(), Json.object()), 200, "the county admin confirms");
        status(api.delete(activeClaim, v.admin(), Json.object().put("reason", "联系不上")), 200, "the county admin releases");
    }

    // ---- (e) twice and out of order ---------------------------------------------------------------

    @Test
    void reviewsTwiceOutOfOrderAndByTheWrongPerson() {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who dual = api.who(Api.unique("dual"), Api.DONGMEN, "council", "volunteer");
        Api.Who posterCouncil = api.who(Api.unique("pc"), Api.DONGMEN, "poster", "council");
        Api.Who council2 = api.who(Api.unique("council"), Api.DONGMEN, "council");
        Api.Who volunteer2 = api.who(Api.unique("volunteer"), Api.YUNYANG, "volunteer");

        // the poster cannot review what they posted, in either role they hold
        String own = status(api.post("/api/needs", posterCouncil, validPost(Api.DONGMEN)), 201, "post by poster+council").text("id");
        forbidden(api.post("/api/needs/" + own + "/reviews", posterCouncil, Json.object().put("decision", "approve")), "poster approving own need");
        forbidden(api.post("/api/needs/" + own + "/reviews", posterCouncil, Json.object().put("decision", "reject").put("reason", "自己驳回")),
                "poster rejecting own need");
        assertEquals("PENDING_REVIEW", state(posterCouncil, own));

        // the same person cannot give both reviews
        String id = api.postNeed(v, "DAILY_LIVING", 1);
        invalidExactly(api.post("/api/needs/" + id + "/reviews", dual, Json.object().put("decision", "approve")), "dual-role reviewer without a role", "role");
        status(api.post("/api/needs/" + id + "/reviews", dual, Json.object().put("decision", "approve").put("role", "council")), 200, "dual as council");
        forbidden(api.post("/api/needs/" + id + "/reviews", dual, Json.object().put("decision", "approve").put("role", "volunteer")),
                "the same person giving the second review");
        // a second council approval is a conflict: that review is done
        conflict(api.post("/api/needs/" + id + "/reviews", council2, Json.object().put("decision", "approve")), "PENDING_REVIEW",
                "a second council approval");
        conflict(api.post("/api/needs/" + id + "/reviews", council2, Json.object().put("decision", "reject").put("reason", "我不同意")),
                "PENDING_REVIEW", "a council rejection after the council approved");
        assertEquals("PENDING_REVIEW", state(v.poster(), id));
        notFoundByHandler(api.get("/api/needs/" + id, null), "a need with one approval is not public");
        // the real volunteer publishes it; reviews after that are conflicts
        Api.Reply pub = status(api.post("/api/needs/" + id + "/reviews", v.volunteer(), Json.object().put("decision", "approve")), 200, "volunteer");
        assertEquals("PUBLISHED", pub.body().path("need").path("state").asText(), pub::toString);
        String published = publicJson(id);
        conflict(api.post("/api/needs/" + id + "/reviews", volunteer2, Json.object().put("decision", "approve")), "PUBLISHED", "review after publish");
        conflict(api.post("/api/needs/" + id + "/reviews", council2, Json.object().put("decision", "reject").put("reason", "晚了的驳回")),
                "PUBLISHED", "rejection after publish");
        conflict(api.post("/api/needs/" + id + "/reviews", v.volunteer(), Json.object().put("decision", "approve")), "PUBLISHED",
                "the same volunteer again");
        assertEquals(published, publicJson(id), "a refused review changed the published need");

        // a rejected need: hidden from the public, no further review, no claim
        String rej = api.postNeed(v, "EMPLOYMENT", 1);
        status(api.post("/api/needs/" + rej + "/reviews", v.council(), Json.object().put("decision", "reject").put("reason", "信息不实")), 200, "reject");
        conflict(api.post("/api/needs/" + rej + "/reviews", v.volunteer(), Json.object().put("decision", "approve")), "REJECTED", "approve after reject");
        notFoundByHandler(api.post("/api/needs/" + rej + "/claims", helperA, Json.object()), "claim a rejected need (its existence is not revealed)");
        notFoundByHandler(api.get("/api/needs/" + rej, null), "public read of a rejected need");
        assertEquals("REJECTED", state(v.poster(), rej));

        // a pending need cannot be claimed, and is not public
        String pending = api.postNeed(v, "INSURANCE", 1);
        notFoundByHandler(api.post("/api/needs/" + pending + "/claims", helperA, Json.object()), "claim a pending need (its existence is not revealed)");
        notFoundByHandler(api.get("/api/needs/" + pending, null), "public read of a pending need");
        assertEquals("PENDING_REVIEW", state(v.poster(), pending));
        assertTrue(api.listAll("?area=" + Api.DONGMEN).stream().noneMatch(n -> Set.of(pending, rej, own).contains(n.path("id").asText())),
                "pending or rejected needs in the public listing");
    }

    @Test
    void claimStepsTwiceAndOutOfOrder() {
        Api.Village v = api.village(Api.DONGMEN);
        String id = api.publishedNeed(v, "DISABILITY", 1);
        String needPath = "/api/needs/" + id;

        // the poster holding a helper role cannot claim their own need
        Api.Who posterHelper = api.who(Api.unique("ph"), Api.DONGMEN, "poster", "helper");
        String ownNeed = status(api.post("/api/needs", posterHelper, validPost(Api.DONGMEN)), 201, "post").text("id");
        status(api.post("/api/needs/" + ownNeed + "/reviews", v.council(), Json.object().put("decision", "approve")), 200, "council");
        status(api.post("/api/needs/" + ownNeed + "/reviews", v.volunteer(), Json.object().put("decision", "approve")), 200, "volunteer");
        String ownBefore = publicJson(ownNeed);
        forbidden(api.post("/api/needs/" + ownNeed + "/claims", posterHelper, Json.object()), "poster claiming own need");
        assertEquals(ownBefore, publicJson(ownNeed));

        Api.Reply c = status(api.post(needPath + "/claims", helperA, Json.object()), 201, "claim");
        String claim = needPath + "/claims/" + c.body().path("claim").path("id").asText();
        String claimed = publicJson(id);
        assertTrue(claimed.contains("\"state\":\"CLAIMED\""), claimed);
        conflict(api.post(needPath + "/claims", helperA, Json.object()), "CLAIMED", "the same helper claiming again");
        conflict(api.post(needPath + "/claims", helperB, Json.object().put("quantity", 1)), "CLAIMED", "another helper claiming a claimed need");
        conflict(api.post(claim + "/confirm", v.admin(), Json.object()), "CLAIMED", "confirm before deliver (admin)");
        conflict(api.post(claim + "/confirm", v.poster(), Json.object()), "CLAIMED", "confirm before deliver (poster)");
        forbidden(api.post(claim + "/delivered", helperB, Json.object().put("note", "我送的")), "another helper delivering this claim");
        assertEquals(claimed, publicJson(id), "refused steps changed the claimed need");

        status(api.post(claim + "/delivered", helperA, Json.object().put("note", "轮椅已送到")), 200, "deliver");
        String delivered = publicJson(id);
        assertTrue(delivered.contains("\"state\":\"DELIVERED\""), delivered);
        conflict(api.post(claim + "/delivered", helperA, Json.object().put("note", "再送一次")), "DELIVERED", "deliver twice");
        conflict(api.delete(claim, helperA, null), "DELIVERED", "the helper releasing a delivered claim");
        conflict(api.delete(claim, v.admin(), Json.object().put("reason", "撤销")), "DELIVERED", "the admin releasing a delivered claim");
        forbidden(api.post(claim + "/confirm", helperA, Json.object()), "the helper confirming their own claim");
        assertEquals(delivered, publicJson(id), "refused steps changed the delivered need");
        assertEquals("DELIVERED", claimOf(helperA, c.body().path("claim").path("id").asText()).path("state").asText());

        status(api.post(claim + "/confirm", v.poster(), Json.object()), 200, "the poster confirms");
        String fulfilled = publicJson(id);
        assertTrue(fulfilled.contains("\"state\":\"FULFILLED\""), fulfilled);
        conflict(api.post(claim + "/confirm", v.poster(), Json.object()), "FULFILLED", "confirm twice");
        // The area admin's confirmation after the poster's is the countersignature that releases the points (issue 11, item 2); once.
        status(api.post(claim + "/confirm", v.admin(), Json.object()), 200, "the admin countersigns");
        conflict(api.post(claim + "/confirm", v.admin(), Json.object()), "FULFILLED", "countersign twice");
        conflict(api.post(needPath + "/claims", helperB, Json.object()), "FULFILLED", "claim a fulfilled need");
        conflict(api.post(needPath + "/claims", helperB, Json.object().put("quantity", 1)), "FULFILLED", "claim 1 of a fulfilled need");
        conflict(api.post(claim + "/delivered", helperA, Json.object().put("note", "又送了")), "FULFILLED", "deliver a confirmed claim");
        conflict(api.delete(claim, helperA, null), "FULFILLED", "release a confirmed claim");
        conflict(api.post(needPath + "/reviews", v.council(), Json.object().put("decision", "reject").put("reason", "事后驳回")), "FULFILLED",
                "review a fulfilled need");
        assertEquals(fulfilled, publicJson(id), "refused steps changed the fulfilled need");
        assertTrue(api.listAll("?area=" + Api.DONGMEN + "&category=DISABILITY").stream().noneMatch(n -> n.path("id").asText().equals(id)),
                "a fulfilled need is listed");
    }

    @Test
    void releasedClaimsAndHelpersWhoAreAlsoAdmins() {
        Api.Village v = api.village(Api.DONGMEN);
        String id = api.publishedNeed(v, "EMPLOYMENT", 2);
        String needPath = "/api/needs/" + id;
        Api.Reply c = status(api.post(needPath + "/claims", helperA, Json.object().put("quantity", 1)), 201, "claim");
        String claimId = c.body().path("claim").path("id").asText();
        String claim = needPath + "/claims/" + claimId;
        status(api.delete(claim, helperA, Json.object().put("reason", "临时有事")), 200, "release");
        String released = publicJson(id);
        assertTrue(released.contains("\"remaining\":2"), released);
        conflict(api.delete(claim, helperA, null), "PUBLISHED", "release twice");
        conflict(api.post(claim + "/delivered", helperA, Json.object().put("note", "其实送了")), "PUBLISHED", "deliver a released claim");
        conflict(api.post(claim + "/confirm", v.admin(), Json.object()), "PUBLISHED", "confirm a released claim");
        assertEquals(released, publicJson(id), "refused steps on a released claim changed the need");
        assertEquals("RELEASED", claimOf(helperA, claimId).path("state").asText());

        // a helper who is also the county admin may not confirm their own claim
        Api.Who helperAdmin = api.who(Api.unique("ha"), Api.DANYANG, "helper", "admin");
        Api.Reply hc = status(api.post(needPath + "/claims", helperAdmin, Json.object().put("quantity", 1)), 201, "claim by helper+admin");
        String hClaim = needPath + "/claims/" + hc.body().path("claim").path("id").asText();
        status(api.post(hClaim + "/delivered", helperAdmin, Json.object().put("note", "已安排就业")), 200, "deliver");
        String before = publicJson(id);
        forbidden(api.post(hClaim + "/confirm", helperAdmin, Json.object()), "an admin confirming the claim they hold");
        assertEquals(before, publicJson(id));
        status(api.post(hClaim + "/confirm", v.admin(), Json.object()), 200, "another admin confirms");
    }

    // ---- privacy ----------------------------------------------------------------------------------

    @Test
    void reviewQueueIsScopedToTheReviewersAreaAndLeavesOutTheirOwnPosts() {
        Api.Who councilPoster = api.who(Api.unique("cp"), Api.DONGMEN, "council", "poster");
        Api.Village dong = api.village(Api.DONGMEN);
        Api.Village xi = api.village(Api.XIMEN);
        String own = status(api.post("/api/needs", councilPoster, validPost(Api.DONGMEN)), 201, "own post").text("id");
        String dongmen = api.postNeed(dong, "MEDICAL", 1);
        String ximen = api.postNeed(xi, "MEDICAL", 1);
        String miandu = api.postNeed(api.village(Api.MIANDU), "MEDICAL", 1);

        Set<String> queue = queueIds(councilPoster, "");
        assertTrue(queue.contains(dongmen), "the council member's queue lacks a need of their village");
        assertFalse(queue.contains(ximen), "a sibling village's need is in a DONGMEN council queue");
        assertFalse(queue.contains(miandu), "another province's need is in a DONGMEN council queue");
        assertFalse(queue.contains(own), "the reviewer's own post is in their queue");
        Set<String> xiQueue = queueIds(xi.council(), "");
        assertTrue(xiQueue.contains(ximen) && !xiQueue.contains(dongmen) && !xiQueue.contains(own), "XIMEN council queue");
        // the town volunteer sees both villages (control: the XIMEN need is in the queues at all)
        Set<String> town = queueIds(dong.volunteer(), "");
        assertTrue(town.contains(dongmen) && town.contains(ximen) && town.contains(own) && !town.contains(miandu), "town volunteer queue");
        // once reviewed in a role, a need leaves that reviewer's queue
        status(api.post("/api/needs/" + dongmen + "/reviews", councilPoster, Json.object().put("decision", "approve")), 200, "approve");
        assertFalse(queueIds(councilPoster, "").contains(dongmen), "a need the council member approved is still in their queue");
        assertFalse(queueIds(dong.council(), "").contains(dongmen), "a need approved by the council is still in another council queue");
    }

    private static Set<String> queueIds(Api.Who who, String query) {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        for (int i = 0; i < 200; i++) {
            String q = "?limit=50" + query + (cursor == null ? "" : "&cursor=" + cursor);
            Api.Reply r = status(api.get("/api/review-queue" + q, who), 200, "review queue");
            for (JsonNode n : r.body().path("items")) {
                ids.add(n.path("id").asText());
                assertEquals("PENDING_REVIEW", n.path("state").asText(), () -> "not pending in the queue: " + n);
            }
            if (r.body().path("next").isNull()) return ids;
            cursor = r.body().path("next").asText();
        }
        throw new AssertionError("queue never ended");
    }

    @Test
    void publicViewsNeverCarryTheHouseholdOrTheContact() {
        Api.Village v = api.village(Api.DONGMEN);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String name = "司马" + "春夏秋冬梅兰竹菊".charAt(r.nextInt(8)) + "娜";
        String idNumber = Api.newIdNumber();
        String phone = "137" + String.format("%08d", r.nextInt(100_000_000));
        String address = "东门村" + (1 + r.nextInt(9)) + "组" + r.nextInt(100_000) + "号院";
        String contactPhone = "159" + String.format("%08d", r.nextInt(100_000_000));
        String contactName = "欧阳" + "东南西北".charAt(r.nextInt(4)) + "主任";
        ObjectNode body = Api.needBody(Api.DONGMEN, "EDUCATION", 3, idNumber);
        String title = "隐私检查 " + Api.unique("t");
        body.put("title", title);
        body.putObject("household").put("name", name).put("idNumber", idNumber).put("phone", phone).put("address", address);
        body.putObject("contact").put("name", contactName).put("phone", contactPhone);
        Api.Reply posted = status(api.post("/api/needs", v.poster(), body), 201, "post");
        assertTrue(posted.raw().contains(phone), "the poster's own answer carries the household (control)");
        assertFalse(posted.raw().contains(idNumber), "but not the ID number: that is for the reviewers and admins");
        String id = posted.text("id");
        String[] secrets = {name, idNumber, phone, address, contactPhone, contactName};

        List<String> publicTexts = new ArrayList<>();
        Runnable snapshot = () -> {
            publicTexts.add(api.get("/api/needs/" + id, null).raw());
            publicTexts.add(api.get("/api/needs/" + id, helperB).raw());
            publicTexts.add(api.get("/api/needs?text=" + java.net.URLEncoder.encode(title.substring(0, 8), StandardCharsets.UTF_8), null).raw());
            String cursor = null;
            for (int i = 0; i < 200; i++) {
                Api.Reply page = api.get("/api/needs?area=" + Api.DONGMEN + "&category=EDUCATION&limit=50" + (cursor == null ? "" : "&cursor=" + cursor), null);
                publicTexts.add(page.raw());
                if (page.body().path("next").isNull() || page.status() != 200) break;
                cursor = page.body().path("next").asText();
            }
        };
        // pending: nothing public at all
        notFoundByHandler(api.get("/api/needs/" + id, null), "public read of a pending need");
        snapshot.run();
        // published
        status(api.post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "approve")), 200, "council");
        status(api.post("/api/needs/" + id + "/reviews", v.volunteer(), Json.object().put("decision", "approve")), 200, "volunteer");
        snapshot.run();
        JsonNode pub = status(api.get("/api/needs/" + id, null), 200, "public read").body();
        assertEquals("司马**", pub.path("beneficiary").asText(), pub::toString);
        assertTrue(api.listAll("?area=" + Api.DONGMEN + "&category=EDUCATION").stream().anyMatch(n -> n.path("id").asText().equals(id)),
                "the published need is listed (control)");
        // claimed in part: the claimer sees the household, everyone else still does not
        Api.Reply claim = status(api.post("/api/needs/" + id + "/claims", helperA, Json.object().put("quantity", 1)), 201, "claim");
        assertTrue(claim.raw().contains(phone) && claim.raw().contains(address) && claim.raw().contains(contactPhone),
                "the claimer gets the contact details (control)");
        assertFalse(claim.raw().contains(idNumber), "but never the ID number (issue 11, item 1)");
        publicTexts.add(api.get("/api/me", helperB).raw());
        publicTexts.add(api.post("/api/needs/" + id + "/claims", helperB, Json.object().put("quantity", 5)).raw()); // 409
        snapshot.run();
        // released: the former claimer loses the details
        String claimPath = "/api/needs/" + id + "/claims/" + claim.body().path("claim").path("id").asText();
        Api.Reply release = status(api.delete(claimPath, helperA, null), 200, "release");
        publicTexts.add(release.raw());
        String meAfterRelease = api.get("/api/me", helperA).raw();
        // helperA may hold open claims on other needs; only this need's details must be gone
        publicTexts.add(meAfterRelease);
        // refusals to people outside the area carry nothing either
        Api.Who councilXimen = api.who(Api.unique("council"), Api.XIMEN, "council");
        publicTexts.add(api.post("/api/needs/" + id + "/reviews", councilXimen, Json.object().put("decision", "approve")).raw());
        publicTexts.add(api.get("/api/review-queue?area=" + Api.DONGMEN, councilXimen).raw());
        // fulfilled: all three taken, delivered, confirmed
        Api.Reply all = status(api.post("/api/needs/" + id + "/claims", helperB, Json.object()), 201, "claim all");
        String allPath = "/api/needs/" + id + "/claims/" + all.body().path("claim").path("id").asText();
        status(api.post(allPath + "/delivered", helperB, Json.object().put("note", "书包已送达")), 200, "deliver");
        status(api.post(allPath + "/confirm", v.admin(), Json.object()), 200, "confirm");
        publicTexts.add(api.get("/api/needs/" + id, null).raw());
        assertTrue(publicTexts.get(publicTexts.size() - 1).contains("FULFILLED"), publicTexts.get(publicTexts.size() - 1));

        List<Executable> checks = new ArrayList<>();
        for (String text : publicTexts) {
            for (String secret : secrets) {
                checks.add(() -> assertFalse(text.contains(secret), () -> "a public answer contains '" + secret + "': " + text));
            }
        }
        assertAll(checks);
        assertNotNull(meAfterRelease);
    }

    @Test
    void neverA5xxForAnyRoleOnAnyRoute() {
        Scene s = scene("DAILY_LIVING");
        List<Api.Who> people = List.of(helperA, helperB, s.v().poster(), s.v().council(), s.v().volunteer(), s.v().admin(),
                api.who(Api.unique("all"), Api.DONGMEN, "poster", "council", "volunteer", "helper", "admin"));
        for (Call c : protectedCalls(s)) {
            for (Api.Who w : people) sane(call(c, w), c + " by " + w.sub());
        }
    }
}
