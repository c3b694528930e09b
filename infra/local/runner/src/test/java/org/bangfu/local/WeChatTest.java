package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bangfu.fn.wechatjsconfig.WeChatJsConfigHandler;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Services;
import org.bangfu.local.dynamodb.Template;
import org.bangfu.store.Dynamo;
import org.bangfu.store.TableDesign;
import org.bangfu.wechat.Credentials;
import org.bangfu.wechat.JsSdkSignature;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * GET /api/wechat/js-config against the fake WeChat (which, as WeChat, invalidates the previous
 * access_token at every refresh): cold and expired caches are refreshed by one caller while the
 * others wait, the signature is WeChat's, only our own pages are signed, and without an account
 * the feature is off.
 */
class WeChatTest {
    private final Api api = TestPlatform.api();
    private final FakeWeChat weChat = TestPlatform.platform.weChat();

    @Test
    void fiftyConcurrentColdCallersCauseOneRefreshAndAllGetWeChatsSignature() throws Exception {
        forgetCache();
        int tokens = weChat.tokenRefreshes(), tickets = weChat.ticketRefreshes(), refused = weChat.refusedTokens();
        List<Api.Reply> replies = concurrently(50, i -> page("/need.html?id=n" + i + "#share"));
        assertEquals(1, weChat.tokenRefreshes() - tokens, "one access_token refresh for 50 cold callers");
        assertEquals(1, weChat.ticketRefreshes() - tickets, "one jsapi_ticket refresh for 50 cold callers");
        assertEquals(0, weChat.refusedTokens() - refused, "nobody used a token another refresh had invalidated");
        for (int i = 0; i < replies.size(); i++) {
            Api.Reply r = replies.get(i);
            assertEquals(200, r.status(), r.toString());
            JsonNode b = r.body();
            assertEquals(FakeWeChat.APP_ID, b.path("appId").asText());
            assertTrue(b.path("timestamp").isIntegralNumber(), "wx.config wants the timestamp as a number");
            // Signed without the fragment, with the ticket WeChat issued last.
            assertEquals(JsSdkSignature.sign(weChat.currentTicket(), b.path("nonceStr").asText(), b.path("timestamp").asLong(),
                    api.base() + "/need.html?id=n" + i), b.path("signature").asText());
        }
        assertEquals(FakeWeChat.SECRET_ARN, weChat.lastSecretId(), "the account is read from the template's secret, nothing else");
    }

    @Test
    void anExpiredTicketIsRefreshedOnceWithTheCachedToken() throws Exception {
        assertEquals(200, page("/").status());
        expire(Credentials.JSAPI_TICKET);
        int tokens = weChat.tokenRefreshes(), tickets = weChat.ticketRefreshes();
        List<Api.Reply> replies = concurrently(20, i -> page("/list.html"));
        replies.forEach(r -> assertEquals(200, r.status(), r.toString()));
        assertEquals(1, weChat.ticketRefreshes() - tickets, "the expired ticket is refreshed once");
        assertEquals(0, weChat.tokenRefreshes() - tokens, "the still valid access_token is not");
        // And the cache serves from now on: no more refreshes.
        assertEquals(200, page("/transparency.html").status());
        assertEquals(1, weChat.ticketRefreshes() - tickets);
    }

    @Test
    void onlyPagesOfTheSitesOwnOriginAreSigned() {
        for (String url : List.of("https://evil.example.cn/need.html", api.base().replace("127.0.0.1", "localhost") + "/",
                api.base() + ".evil.cn/", "/need.html", "javascript:alert(1)")) {
            Api.Reply r = api.get("/api/wechat/js-config?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8), null);
            assertEquals(400, r.status(), url + ": " + r);
            assertEquals("url", r.body().path("fields").path(0).path("field").asText());
        }
        Api.Reply missing = api.get("/api/wechat/js-config", null);
        assertEquals(400, missing.status(), missing.toString());
        assertEquals("required", missing.body().path("fields").path(0).path("code").asText());
    }

    @Test
    void withoutAnAccountTheFeatureIsOffAndNothingWeChatIsDeployed() {
        var handler = new WeChatJsConfigHandler(Services.live(), Optional.empty());
        var response = handler.handleRequest(Priming.request("GET", "GET /api/wechat/js-config", "/api/wechat/js-config", null,
                Map.of("url", api.base() + "/"), null, null), null);
        assertEquals(404, response.getStatusCode());
        assertTrue(response.getBody().contains("\"wechat_off\""), response.getBody());
        // The template: WeChatSecretArn empty by default, and every WeChat resource exists only with it.
        Template template = Template.ofProject();
        assertEquals("", template.root().path("Parameters").path("WeChatSecretArn").path("Default").asText("x"));
        List<String> wechat = new ArrayList<>();
        template.resources().fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("WeChat")) {
                wechat.add(e.getKey());
                assertEquals("HasWeChat", e.getValue().path("Condition").asText(), e.getKey() + " only with an account");
            }
        });
        assertTrue(wechat.containsAll(List.of("WeChatJsConfigFunction", "WeChatJsConfigAlarm")), wechat.toString());
    }

    /** The calls the policy check needs to see: a cold cache (lease, refresh) and a warm one. */
    static void exercise(Api api) {
        forgetCache();
        assertEquals(200, api.get("/api/wechat/js-config?url=" + URLEncoder.encode(api.base() + "/", StandardCharsets.UTF_8), null).status());
    }

    private Api.Reply page(String path) {
        return api.get("/api/wechat/js-config?url=" + URLEncoder.encode(api.base() + path, StandardCharsets.UTF_8), null);
    }

    private static List<Api.Reply> concurrently(int n, java.util.function.IntFunction<Api.Reply> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.apply(k);
                }));
            }
            go.countDown();
            List<Api.Reply> out = new ArrayList<>();
            for (Future<Api.Reply> f : futures) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, AttributeValue> key(String kind) {
        return Map.of(TableDesign.PK, AttributeValue.fromS("WECHAT#" + FakeWeChat.APP_ID), TableDesign.SK, AttributeValue.fromS(kind));
    }

    /** As if the platform had never asked WeChat: nothing cached. */
    private static void forgetCache() {
        for (String kind : List.of(Credentials.ACCESS_TOKEN, Credentials.JSAPI_TICKET)) {
            Dynamo.client().deleteItem(r -> r.tableName(LocalPlatform.TABLE).key(key(kind)));
        }
    }

    /** As if two hours had passed for one cached credential. */
    private static void expire(String kind) {
        long past = java.time.Instant.now().getEpochSecond() - 1;
        Dynamo.client().updateItem(r -> r.tableName(LocalPlatform.TABLE).key(key(kind)).updateExpression("SET validUntil = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromN(Long.toString(past)))));
    }
}
