package org.bangfu.browser;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bangfu.local.FakeWeChat;
import org.bangfu.wechat.JsSdkSignature;
import org.junit.jupiter.api.Test;

/**
 * A need page opened in WeChat's browser configures the JS-SDK (served from our origin, signed by
 * the API against the fake WeChat) and hands it the need's card: title, what is left, picture.
 * The SDK is stubbed (no WeixinJSBridge outside WeChat); the stub records what the page gives it.
 */
class WeChatShareTest extends BrowserTest {
    static final String WECHAT_UA = "Mozilla/5.0 (Linux; Android 14; V2309A Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Version/4.0 Chrome/130.0.6723.103 Mobile Safari/537.36 XWEB/1300289 MMWEBSDK/20241103 MMWEBID/1234 MicroMessenger/8.0.55.2780(0x28003737) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";
    static final String SDK = "/vendor/weixin-js-sdk-1.6.5.js";
    /** Exports into the module object wechat.js gives it, as the real file does; records each call. */
    static final String STUB = """
            window.__wx = { calls: [] };
            module.exports = {
              config: function (c) { window.__wx.config = c; window.__wx.calls.push('config'); },
              ready: function (f) { window.__wx.calls.push('ready'); setTimeout(f, 0); },
              updateAppMessageShareData: function (d) { window.__wx.appMessage = d; window.__wx.calls.push('appMessage'); },
              updateTimelineShareData: function (d) { window.__wx.timeline = d; window.__wx.calls.push('timeline'); }
            };""";

    private static BrowserContext weChat(List<String> requests) {
        BrowserContext ctx = Site.browser().newContext(new Browser.NewContextOptions().setBaseURL(Site.base()).setUserAgent(WECHAT_UA)
                .setViewportSize(Site.PHONE, 740).setIsMobile(true).setHasTouch(true).setLocale("zh-CN").setTimezoneId("Asia/Shanghai"));
        ctx.setDefaultTimeout(15_000);
        ctx.onRequest(r -> requests.add(r.url()));
        ctx.route("**" + SDK, route -> route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("text/javascript").setBody(STUB)));
        return ctx;
    }

    private static JsonObject shared(Page page) {
        page.waitForFunction("() => window.__wx && window.__wx.appMessage && window.__wx.timeline");
        return JsonParser.parseString((String) page.evaluate("JSON.stringify(window.__wx)")).getAsJsonObject();
    }

    @Test
    void aNeedPageInWeChatHandsTheSdkItsSignedConfigAndTheShareCard() {
        String title = Http.unique("书包");
        String id = Http.published(Http.token(Http.unique("poster"), Http.DONGMEN, "poster"), Http.DONGMEN, "EDUCATION", title, 3);
        List<String> requests = new CopyOnWriteArrayList<>();
        try (BrowserContext ctx = weChat(requests)) {
            Page page = Site.open(ctx, "/need.html?id=" + id + "#top");
            JsonObject wx = shared(page);
            JsonObject config = wx.getAsJsonObject("config");
            assertEquals(FakeWeChat.APP_ID, config.get("appId").getAsString());
            String pageUrl = Site.base() + "/need.html?id=" + id; // as WeChat signs it: without the fragment
            assertEquals(JsSdkSignature.sign(Site.platform().weChat().currentTicket(), config.get("nonceStr").getAsString(),
                    config.get("timestamp").getAsLong(), pageUrl), config.get("signature").getAsString());
            assertEquals("[\"updateAppMessageShareData\",\"updateTimelineShareData\"]", config.get("jsApiList").toString());
            assertEquals(List.of("config", "ready", "appMessage", "timeline"),
                    wx.getAsJsonArray("calls").asList().stream().map(e -> e.getAsString()).toList());

            JsonObject friend = wx.getAsJsonObject("appMessage");
            assertTrue(friend.get("title").getAsString().contains(title), friend.toString());
            assertTrue(friend.get("desc").getAsString().startsWith("还需 3/3 个"), "what is left: " + friend);
            assertEquals(Site.base() + "/share/" + id, friend.get("link").getAsString());
            assertEquals(Site.base() + "/img/share/education.png", friend.get("imgUrl").getAsString(), "the window's picture (no photo)");
            JsonObject moments = wx.getAsJsonObject("timeline");
            assertTrue(moments.get("title").getAsString().contains(title) && moments.get("title").getAsString().contains("还需 3/3 个"), moments.toString());
            assertEquals(friend.get("imgUrl"), moments.get("imgUrl"));
            assertTrue(requests.stream().allMatch(u -> u.startsWith(Site.base() + "/")), "nothing from another host: " + requests);
        }
    }

    @Test
    void theListPageInWeChatSharesItsTitleAndTheSitesPicture() {
        try (BrowserContext ctx = weChat(new CopyOnWriteArrayList<>())) {
            Page page = Site.open(ctx, "/");
            JsonObject friend = shared(page).getAsJsonObject("appMessage");
            assertEquals(page.title(), friend.get("title").getAsString());
            assertTrue(friend.get("desc").getAsString().contains("困难家庭"), friend.toString());
            assertEquals(Site.base() + "/img/share/site.png", friend.get("imgUrl").getAsString());
        }
    }

    @Test
    void outsideWeChatOrWithoutAnAccountNothingIsLoaded() {
        // Another browser: not even the js-config is asked for.
        List<String> requests = new CopyOnWriteArrayList<>();
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            ctx.onRequest(r -> requests.add(r.url()));
            Page page = Site.open(ctx, "/transparency.html");
            page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            assertTrue(requests.stream().noneMatch(u -> u.contains("/api/wechat/") || u.contains("weixin")), requests.toString());
        }
        // WeChat, but the pilot has no official account (the API answers as it does then): no SDK.
        List<String> inWeChat = new CopyOnWriteArrayList<>();
        try (BrowserContext ctx = weChat(inWeChat)) {
            ctx.route("**/api/wechat/js-config**", route -> route.fulfill(new Route.FulfillOptions().setStatus(404)
                    .setContentType("application/json").setBody("{\"error\":\"wechat_off\",\"message\":\"off\"}")));
            Page page = Site.open(ctx, "/transparency.html");
            page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            assertTrue(inWeChat.stream().anyMatch(u -> u.contains("/api/wechat/js-config")), inWeChat.toString());
            assertTrue(inWeChat.stream().noneMatch(u -> u.contains("weixin")), "no SDK without an account: " + inWeChat);
        }
    }

    @Test
    void theVendoredSdkIsServedFromOurOriginAndExportsWhatTheStubStandsIn() {
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/transparency.html");
            Object exported = page.evaluate("""
                    () => new Promise((resolve) => { window.module = { exports: {} }; const s = document.createElement('script');
                      s.src = '%s'; s.onload = () => resolve(['config', 'ready', 'updateAppMessageShareData', 'updateTimelineShareData']
                        .every((f) => typeof window.module.exports[f] === 'function')); s.onerror = () => resolve(false);
                      document.head.appendChild(s); })""".formatted(SDK));
            assertEquals(Boolean.TRUE, exported);
        }
    }
}
