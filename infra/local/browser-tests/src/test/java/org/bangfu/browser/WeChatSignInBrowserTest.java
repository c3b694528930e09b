package org.bangfu.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Inside WeChat (its user agent) with the fake WeChat: 微信一键登录 for a WeChat nobody linked says
 * "sign in with your phone once, then link"; after the SMS sign-in the page offers 绑定微信, which
 * goes through WeChat's (fake) authorize page and back; from then on one tap signs the person in.
 * Outside WeChat the page neither shows nor asks anything WeChat.
 */
class WeChatSignInBrowserTest extends BrowserTest {
    /** WeChat 8 on Android, as its in-app browser says. */
    static final String WECHAT_UA = "Mozilla/5.0 (Linux; Android 13; V2227A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F35) "
            + "WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";

    private static BrowserContext weChat() {
        BrowserContext ctx = Site.browser().newContext(new Browser.NewContextOptions().setUserAgent(WECHAT_UA)
                .setViewportSize(Site.PHONE, 740).setBaseURL(Site.base()).setLocale("zh-CN").setTimezoneId("Asia/Shanghai")
                .setIsMobile(true).setHasTouch(true));
        ctx.setDefaultTimeout(15_000);
        return ctx;
    }

    @Test
    void linkOnceAfterThePhoneSignInThenOneTap() {
        String openid = "oBrowser" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        Site.platform().weChat().signInAs(openid, null);
        try (BrowserContext ctx = weChat()) {
            Page page = Site.open(ctx, "/signin.html");
            assertThat(page.locator("#wechat-go")).hasText("微信一键登录");
            Site.shot(page, "signin-wechat-360");
            page.locator("#wechat-go").click();
            // WeChat's authorize page (the fake) sends the browser straight back; nobody linked this WeChat yet.
            assertThat(page.locator("#wechat-notice")).containsText("请先用手机号登录一次");
            assertEquals(Site.base() + "/signin.html", page.url(), "the used code is gone from the address");
            page.locator("#phone").fill("139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)));
            page.locator("#send").click();
            assertThat(page.locator("#outbox")).containsText("验证码");
            Matcher m = Pattern.compile("([0-9]{6})").matcher(page.locator("#outbox").textContent());
            assertTrue(m.find());
            page.locator("#code").fill(m.group(1));
            page.locator("#submit-code").click();
            assertThat(page.locator("#wechat-go")).hasText("绑定微信");
            String name = (String) page.evaluate("JSON.parse(sessionStorage.getItem('bangfu.session')).user.name");
            page.locator("#wechat-go").click();
            assertThat(page.locator("#wechat-notice")).containsText("已绑定微信");
            assertThat(page.locator("#wechat-go")).hasCount(0);
            page.locator("#out").click();
            page.locator("#wechat-go").click();
            page.waitForURL(url -> url.startsWith(Site.base() + "/") && !url.contains("/signin.html"));
            assertThat(page.locator(".site-header .who")).hasText(name);

            // 我的 says the WeChat is linked and unlinks it; then one tap no longer signs in, and 我的 links it again.
            page.navigate("/mine.html");
            assertThat(page.locator("#wechat-state")).containsText("已绑定微信");
            Site.shot(page, "mine-wechat-360");
            page.locator("#wechat-unlink").click();
            page.locator(".confirm-box .yes").click();
            assertThat(page.locator("#flash")).containsText("已解除微信绑定");
            assertThat(page.locator("#wechat-go")).hasText("绑定微信");
            page.locator("#wechat-go").click();
            page.waitForURL(Site.base() + "/mine.html");
            assertThat(page.locator("#wechat-state")).containsText("已绑定微信");
        }
    }

    @Test
    void anUnlinkedWeChatNoLongerSignsIn() {
        String openid = "oBrowser" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        try (BrowserContext ctx = weChat()) {
            Page page = Site.open(ctx, "/signin.html");
            String phone = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
            page.locator("#phone").fill(phone);
            page.locator("#send").click();
            assertThat(page.locator("#outbox")).containsText("验证码");
            Matcher m = Pattern.compile("([0-9]{6})").matcher(page.locator("#outbox").textContent());
            assertTrue(m.find());
            page.locator("#code").fill(m.group(1));
            page.locator("#submit-code").click();
            Site.platform().weChat().signInAs(openid, null);
            assertThat(page.locator("#wechat-go")).hasText("绑定微信");
            page.locator("#wechat-go").click();
            assertThat(page.locator("#wechat-notice")).containsText("已绑定微信");
            page.navigate("/mine.html");
            page.locator("#wechat-unlink").click();
            page.locator(".confirm-box .yes").click();
            assertThat(page.locator("#flash")).containsText("已解除微信绑定");
            page.navigate("/signin.html");
            page.locator("#out").click();
            page.locator("#wechat-go").click();
            assertThat(page.locator("#wechat-notice")).containsText("请先用手机号登录一次");
        }
    }

    @Test
    void outsideWeChatNothingWeChatIsShownOrAsked() {
        List<String> asked = new CopyOnWriteArrayList<>();
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = ctx.newPage();
            page.onRequest(r -> {
                if (r.url().contains("/wechat")) asked.add(r.url());
            });
            page.navigate("/signin.html");
            assertThat(page.locator("#phone")).isVisible();
            page.waitForLoadState();
            assertThat(page.locator("#wechat-go")).hasCount(0);
        }
        assertEquals(List.of(), asked);
    }
}
