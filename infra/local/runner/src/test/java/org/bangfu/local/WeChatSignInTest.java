package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/**
 * One-tap sign-in inside WeChat against the fake WeChat: a phone-verified person links their
 * openid once and then signs in with it (the same tokens as the SMS sign-in); an unlinked openid,
 * a used code, a state not made for this browser, purpose or person are refused with a 4xx; of two
 * people linking one openid at once exactly one wins.
 */
class WeChatSignInTest {
    private final Api api = TestPlatform.api();
    private final FakeWeChat weChat = TestPlatform.platform.weChat();

    /** What the page keeps between leaving for WeChat and coming back. */
    record Started(String url, String state, String verifier) {
        JsonNode finish(String code) {
            return Json.object().put("code", code).put("state", state).put("verifier", verifier);
        }
    }

    @Test
    void aLinkedWeChatSignsInAsThePhoneVerifiedPersonThroughWeChatsAuthorizePage() throws Exception {
        Api.Session me = api.signIn(Api.newPhone());
        String openid = openid();
        weChat.signInAs(openid, "union-" + openid);
        Started link = start(me.who());
        // The URL is WeChat's authorize page for snsapi_base, back to our sign-in page.
        String fake = weChat.settings().get("WECHAT_OPEN_BASE");
        assertEquals(fake + "/connect/oauth2/authorize?appid=" + FakeWeChat.APP_ID + "&redirect_uri="
                + URLEncoder.encode(api.base() + "/signin.html", StandardCharsets.UTF_8)
                + "&response_type=code&scope=snsapi_base&state=" + link.state() + "#wechat_redirect", link.url());
        Map<String, String> back = browse(link.url());
        assertEquals(link.state(), back.get("state"), "WeChat hands the state back unchanged");
        Api.Reply linked = api.post("/api/me/wechat", me.who(), link.finish(back.get("code")));
        assertEquals(200, linked.status(), linked.toString());
        assertTrue(linked.body().path("linked").asBoolean());

        Started signIn = start(null);
        back = browse(signIn.url());
        Api.Reply in = api.post("/api/auth/wechat", null, signIn.finish(back.get("code")));
        assertEquals(200, in.status(), in.toString());
        Api.Session session = Api.session(in);
        assertEquals(me.personId(), session.personId(), "the person who linked it");
        assertEquals("Bearer", in.text("tokenType"));
        assertEquals("no-store", in.headers().firstValue("cache-control").orElse(""));
        // Real tokens of our issuer: the access token works at the API, the refresh token rotates.
        assertEquals(200, api.get("/api/me", session.who()).status());
        assertEquals(200, api.post("/api/auth/refresh", null, Json.object().put("refreshToken", session.refreshToken())).status());
    }

    @Test
    void anUnlinkedWeChatIsToldToSignInWithThePhoneOnce() {
        Started s = start(null);
        Api.Reply r = api.post("/api/auth/wechat", null, s.finish(weChat.codeFor(openid())));
        assertEquals(404, r.status(), r.toString());
        assertEquals("wechat_not_linked", r.text("error"), r.toString());
        assertFalse(r.body().has("accessToken"));
    }

    @Test
    void aCodeWorksOnceTheSecondUseIsRefusedWithA400() {
        Api.Session me = api.signIn(Api.newPhone());
        String openid = openid();
        link(me, openid);
        Started s = start(null);
        String code = weChat.codeFor(openid);
        assertEquals(200, api.post("/api/auth/wechat", null, s.finish(code)).status());
        Api.Reply again = api.post("/api/auth/wechat", null, s.finish(code));
        assertEquals(400, again.status(), again.toString());
        assertEquals("code", again.body().path("fields").path(0).path("field").asText());
        assertEquals("rejected", again.body().path("fields").path(0).path("code").asText());
        // Linking with a used code: the same.
        Started l = start(me.who());
        String used = weChat.codeFor(openid);
        assertEquals(200, api.post("/api/me/wechat", me.who(), l.finish(used)).status(), "linking again is harmless");
        assertEquals(400, api.post("/api/me/wechat", me.who(), l.finish(used)).status());
    }

    @Test
    void ofTwoPeopleLinkingOneWeChatAtOnceExactlyOneWins() throws Exception {
        for (int round = 0; round < 4; round++) {
            Api.Session a = api.signIn(Api.newPhone()), b = api.signIn(Api.newPhone());
            String openid = openid();
            Started sa = start(a.who()), sb = start(b.who());
            String ca = weChat.codeFor(openid), cb = weChat.codeFor(openid);
            List<Api.Reply> replies = concurrently(List.of(
                    () -> api.post("/api/me/wechat", a.who(), sa.finish(ca)),
                    () -> api.post("/api/me/wechat", b.who(), sb.finish(cb))));
            List<Integer> statuses = replies.stream().map(Api.Reply::status).sorted().toList();
            assertEquals(List.of(200, 409), statuses, replies.toString());
            Api.Reply lost = replies.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
            assertEquals("wechat_linked_elsewhere", lost.text("error"));
            String winner = replies.get(0).status() == 200 ? a.personId() : b.personId();
            Api.Reply in = api.post("/api/auth/wechat", null, start(null).finish(weChat.codeFor(openid)));
            assertEquals(winner, Api.session(in).personId(), "the openid signs in as the one who won");
        }
    }

    @Test
    void aPersonLinksOneWeChatAndAWeChatBelongsToOnePerson() {
        Api.Session a = api.signIn(Api.newPhone()), b = api.signIn(Api.newPhone());
        String first = openid();
        link(a, first);
        Api.Reply other = api.post("/api/me/wechat", a.who(), start(a.who()).finish(weChat.codeFor(openid())));
        assertEquals(409, other.status(), other.toString());
        assertEquals("person_has_another_wechat", other.text("error"));
        Api.Reply taken = api.post("/api/me/wechat", b.who(), start(b.who()).finish(weChat.codeFor(first)));
        assertEquals(409, taken.status(), taken.toString());
        assertEquals("wechat_linked_elsewhere", taken.text("error"));
    }

    @Test
    void aPersonSeesTheirLinkAndUnlinksItAfterwhichThatWeChatNoLongerSignsIn() {
        Api.Session a = api.signIn(Api.newPhone()), b = api.signIn(Api.newPhone());
        String openid = openid();
        Api.Reply none = api.get("/api/me/wechat", a.who());
        assertEquals(200, none.status(), none.toString());
        assertFalse(none.body().path("linked").asBoolean());
        assertFalse(none.body().has("linkedAt"));
        link(a, openid);
        Api.Reply status = api.get("/api/me/wechat", a.who());
        assertTrue(status.body().path("linked").asBoolean(), status.toString());
        assertFalse(status.body().path("linkedAt").asText().isEmpty());
        assertFalse(status.toString().contains(openid), "the openid is WeChat's: no page shows it");
        assertEquals("no-store", status.headers().firstValue("cache-control").orElse(""));
        // Someone else unlinking removes nothing of A's.
        Api.Reply notB = api.delete("/api/me/wechat", b.who(), null);
        assertEquals(404, notB.status(), notB.toString());
        assertEquals("wechat_not_linked", notB.text("error"));
        assertEquals(a.personId(), Api.session(api.post("/api/auth/wechat", null, start(null).finish(weChat.codeFor(openid)))).personId());

        Api.Reply off = api.delete("/api/me/wechat", a.who(), null);
        assertEquals(200, off.status(), off.toString());
        assertFalse(off.body().path("linked").asBoolean());
        assertFalse(api.get("/api/me/wechat", a.who()).body().path("linked").asBoolean());
        Api.Reply in = api.post("/api/auth/wechat", null, start(null).finish(weChat.codeFor(openid)));
        assertEquals(404, in.status(), in.toString());
        assertEquals("wechat_not_linked", in.text("error"));
        assertEquals(404, api.delete("/api/me/wechat", a.who(), null).status(), "unlinking twice");
        assertEquals(400, api.delete("/api/me/wechat", a.who(), Json.object().put("openid", openid)).status(), "the unlink takes no fields");
        assertEquals(401, api.delete("/api/me/wechat", null, null).status());
        assertEquals(401, api.get("/api/me/wechat", null).status());
        // The WeChat is free again, and A may link another.
        link(b, openid);
        assertEquals(b.personId(), Api.session(api.post("/api/auth/wechat", null, start(null).finish(weChat.codeFor(openid)))).personId());
        link(a, openid());
    }

    @Test
    void anUnlinkRacingAnotherPersonsLinkOfThatWeChatLeavesOneConsistentOwner() throws Exception {
        for (int round = 0; round < 4; round++) {
            Api.Session a = api.signIn(Api.newPhone()), b = api.signIn(Api.newPhone());
            String openid = openid();
            link(a, openid);
            Started sb = start(b.who());
            String cb = weChat.codeFor(openid);
            List<Api.Reply> replies = concurrently(List.of(
                    () -> api.delete("/api/me/wechat", a.who(), null),
                    () -> api.post("/api/me/wechat", b.who(), sb.finish(cb))));
            assertEquals(200, replies.get(0).status(), replies.toString());
            int bLinked = replies.get(1).status();
            assertTrue(bLinked == 200 || bLinked == 409, replies.toString());
            assertFalse(api.get("/api/me/wechat", a.who()).body().path("linked").asBoolean());
            assertEquals(bLinked == 200, api.get("/api/me/wechat", b.who()).body().path("linked").asBoolean(), replies.toString());
            Api.Reply in = api.post("/api/auth/wechat", null, start(null).finish(weChat.codeFor(openid)));
            if (bLinked == 200) assertEquals(b.personId(), Api.session(in).personId());
            else assertEquals(404, in.status(), "nobody's: " + in);
        }
    }

    @Test
    void aStateNotMadeForThisBrowserPurposeOrPersonIsRefused() {
        Api.Session a = api.signIn(Api.newPhone()), b = api.signIn(Api.newPhone());
        Started forA = start(a.who());
        Started signIn = start(null);
        // Login CSRF / link CSRF: someone else's started authorisation (their state, their verifier) fails here.
        assertBadState(api.post("/api/me/wechat", b.who(), forA.finish(weChat.codeFor(openid()))), "A's link state used by B");
        assertBadState(api.post("/api/me/wechat", a.who(), signIn.finish(weChat.codeFor(openid()))), "a sign-in state used to link");
        assertBadState(api.post("/api/auth/wechat", null, forA.finish(weChat.codeFor(openid()))), "a link state used to sign in");
        Started other = start(null);
        JsonNode mixed = Json.object().put("code", weChat.codeFor(openid())).put("state", signIn.state()).put("verifier", other.verifier());
        assertBadState(api.post("/api/auth/wechat", null, mixed), "a state with another browser's verifier");
        String v = signIn.verifier();
        JsonNode later = Json.object().put("code", weChat.codeFor(openid())).put("state", signIn.state())
                .put("verifier", (Long.parseLong(v.substring(0, v.indexOf('.'))) + 3600) + v.substring(v.indexOf('.')));
        assertBadState(api.post("/api/auth/wechat", null, later), "a verifier whose expiry was moved");
    }

    @Test
    void badOrMissingInputIs400AndLinkingNeedsAPhoneVerifiedSignIn() {
        Started s = start(null);
        for (String body : List.of("{}", "[]", "not json", "{\"code\":\"c\",\"state\":\"s\",\"verifier\":\"v\",\"openid\":\"o\"}",
                Json.write(s.finish("bad code!")), Json.write(s.finish("x".repeat(200))),
                Json.write(Json.object().put("code", 12).put("state", s.state()).put("verifier", s.verifier())))) {
            Api.Reply r = api.post("/api/auth/wechat", null, body);
            assertEquals(400, r.status(), body + ": " + r);
        }
        Api.Reply none = api.send("POST", "/api/auth/wechat", null, null, null);
        assertEquals(400, none.status(), none.toString());
        Api.Reply fields = api.post("/api/auth/wechat", null, "{}");
        assertEquals(List.of("code", "state", "verifier"), fieldsOf(fields));
        assertEquals(400, api.post("/api/auth/wechat/authorize", null, "{\"purpose\":\"x\"}").status(), "the start takes no fields");
        assertEquals(401, api.post("/api/me/wechat", null, s.finish(weChat.codeFor(openid()))).status());
        assertEquals(401, api.post("/api/me/wechat/authorize", null, null).status());
        // A dev-token person (no phone) cannot make their WeChat a way in.
        Api.Who noPhone = api.who(Api.unique("helper"), null, "helper");
        Api.Reply r = api.post("/api/me/wechat", noPhone, start(noPhone).finish(weChat.codeFor(openid())));
        assertEquals(403, r.status(), r.toString());
        assertEquals("phone_required", r.text("error"));
    }

    @Test
    void withoutAnAccountEveryRouteIsOffAndTheFunctionIsNotDeployed() {
        var handler = new org.bangfu.fn.wechatsignin.WeChatSignInHandler(org.bangfu.lambda.Services.live(), java.util.Optional.empty());
        for (String route : List.of("POST /api/auth/wechat/authorize", "POST /api/auth/wechat")) {
            var response = handler.handleRequest(org.bangfu.lambda.Priming.request("POST", route, route.substring(5), null, null,
                    "{\"code\":\"c\",\"state\":\"s\",\"verifier\":\"v\"}", null), null);
            assertEquals(404, response.getStatusCode(), route);
            assertTrue(response.getBody().contains("\"wechat_off\""), response.getBody());
        }
        var fn = org.bangfu.local.dynamodb.Template.ofProject().resources().path("WeChatSignInFunction");
        assertEquals("HasWeChat", fn.path("Condition").asText(), "only with an account");
    }

    /** The calls the policy check needs to see: a link and a sign-in. */
    static void exercise(Api api) {
        FakeWeChat weChat = TestPlatform.platform.weChat();
        Api.Session me = api.signIn(Api.newPhone());
        String openid = openid();
        Started l = start(api, me.who());
        assertEquals(200, api.post("/api/me/wechat", me.who(), l.finish(weChat.codeFor(openid))).status());
        Started s = start(api, null);
        assertEquals(200, api.post("/api/auth/wechat", null, s.finish(weChat.codeFor(openid))).status());
        assertEquals(200, api.get("/api/me/wechat", me.who()).status());
        assertEquals(200, api.delete("/api/me/wechat", me.who(), null).status());
    }

    private void link(Api.Session who, String openid) {
        Api.Reply r = api.post("/api/me/wechat", who.who(), start(who.who()).finish(weChat.codeFor(openid)));
        assertEquals(200, r.status(), r.toString());
    }

    private Started start(Api.Who who) {
        return start(api, who);
    }

    private static Started start(Api api, Api.Who who) {
        Api.Reply r = api.post(who == null ? "/api/auth/wechat/authorize" : "/api/me/wechat/authorize", who, null);
        assertEquals(200, r.status(), r.toString());
        return new Started(r.text("url"), r.text("state"), r.text("verifier"));
    }

    private static String openid() {
        return "o" + Api.unique("wx").replaceAll("[^A-Za-z0-9]", "");
    }

    private static void assertBadState(Api.Reply r, String what) {
        assertEquals(400, r.status(), what + ": " + r);
        assertEquals("state", r.body().path("fields").path(0).path("field").asText(), what);
        assertEquals("bad_state", r.body().path("fields").path(0).path("code").asText(), what);
    }

    private static List<String> fieldsOf(Api.Reply r) {
        List<String> out = new ArrayList<>();
        r.body().path("fields").forEach(f -> out.add(f.path("field").asText()));
        return out;
    }

    /** The browser at WeChat's authorize page: where it is sent back to, as query parameters (of our sign-in page). */
    private Map<String, String> browse(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String withoutFragment = url.substring(0, url.indexOf('#')); // a browser keeps the fragment to itself
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(withoutFragment)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, r.statusCode(), r.body());
        URI back = URI.create(r.headers().firstValue("location").orElseThrow());
        assertEquals(URI.create(api.base()).getPort(), back.getPort());
        assertEquals("/signin.html", back.getPath());
        Map<String, String> q = new HashMap<>();
        for (String kv : back.getRawQuery().split("&")) {
            int eq = kv.indexOf('=');
            q.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static List<Api.Reply> concurrently(List<java.util.concurrent.Callable<Api.Reply>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Reply>> futures = new ArrayList<>();
            for (var c : calls) futures.add(pool.submit(() -> {
                go.await();
                return c.call();
            }));
            go.countDown();
            List<Api.Reply> out = new ArrayList<>();
            for (Future<Api.Reply> f : futures) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
