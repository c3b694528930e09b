package org.bangfu.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.*;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The journey of the issue: browse → open a need → its share link renders the card → a helper
 * signs in and claims → a second helper sees it gone.
 */
class ShareAndClaimTest extends BrowserTest {

    private static String meta(String html, String attr, String key) {
        Matcher m = Pattern.compile("<meta " + attr + "=\"" + Pattern.quote(key) + "\" content=\"([^\"]*)\">").matcher(html);
        assertTrue(m.find(), key + " missing in " + html);
        return m.group(1);
    }

    @Test
    void browseOpenShareClaimAndTheNextHelperFindsItGone() throws Exception {
        String title = Http.unique("助行器");
        String poster = Http.token(Http.unique("poster"), Http.DONGMEN, "poster");
        String id = Http.published(poster, Http.DONGMEN, "DISABILITY", title, 1);

        try (BrowserContext first = Site.context(Site.DESKTOP)) {
            first.grantPermissions(List.of("clipboard-read", "clipboard-write"));
            // browse → open the need
            Page page = Site.open(first, "/?text=" + title);
            page.locator("#list .card h2 a", new Page.LocatorOptions().setHasText(title)).click();
            page.waitForURL("**/need.html?id=" + id);
            assertThat(page.locator("#need-title")).containsText(title);
            assertThat(page.locator(".need-layout")).containsText("王**");
            assertThat(page.locator(".need-layout")).not().containsText("13812345678");

            // share link, copy button, QR code
            String shareUrl = Site.base() + "/share/" + id;
            assertThat(page.locator("#share-url")).hasValue(shareUrl);
            page.locator("#copy").click();
            assertThat(page.locator("#copy-status")).hasText("已复制，可以粘贴到微信了。");
            assertEquals(shareUrl, page.evaluate("navigator.clipboard.readText()"));
            assertEquals(shareUrl, decodeQr(page.locator("#qr-code").screenshot()), "the QR code says the share link");
            Site.shot(page, "need-desktop");

            // the share link renders the card (what WeChat's crawler reads), then sends people on
            var card = page.request().get(shareUrl);
            assertEquals(200, card.status());
            String html = card.text();
            assertEquals("【助残】" + title + " · 帮扶认领", meta(html, "property", "og:title"));
            assertEquals(meta(html, "property", "og:title"), meta(html, "itemprop", "name"));
            assertTrue(meta(html, "property", "og:description").startsWith("还需 1/1 个"), html);
            assertEquals(Site.base() + "/img/share/disability.png", meta(html, "property", "og:image"));
            assertEquals(meta(html, "property", "og:image"), meta(html, "itemprop", "image"));
            assertFalse(html.contains("13812345678") || html.contains("王小明") || html.contains("东门村3组18号"), "card without personal data");
            assertEquals(200, page.request().get(meta(html, "property", "og:image")).status(), "the card's image exists");
            Page viaShare = Site.open(first, "/share/" + id);
            viaShare.waitForURL("**/need.html?id=" + id);
            assertThat(viaShare.locator("#need-title")).containsText(title);

            // sign in as a helper (the claim box sends you to sign-in and back) and claim
            page.locator("#claim a.button").click();
            page.locator("#users button[data-sub='zhang-xiansheng']").click();
            page.waitForURL("**/need.html?id=" + id);
            page.locator("#claim-button").click();
            assertThat(page.locator("#claim .notice.ok")).containsText("认领成功");
            assertThat(page.locator("#claim .contact")).containsText("13812345678"); // the winner gets the contact
            assertThat(page.locator("#claim .contact")).containsText("东门村3组18号");
            Site.shot(page, "need-claimed-desktop");
        }

        try (BrowserContext second = Site.context(Site.PHONE)) {
            Page page = Site.open(second, "/");
            Site.signIn(page, "yanjing-shanghui");
            page.navigate("/need.html?id=" + id);
            assertThat(page.locator("#claim")).containsText("已被认领");
            assertThat(page.locator("#claim-button")).hasCount(0);
            assertThat(page.locator(".badge")).hasText("已被认领");
            assertThat(page.locator(".need-layout")).not().containsText("13812345678");
            Site.shot(page, "need-taken-360");
            page.navigate("/?text=" + title);
            assertThat(page.locator("#list .state")).containsText("没有符合条件的需求");
        }
    }

    @Test
    void aClaimThatLosesTheRaceSaysWhyAndNothingElse() {
        String title = Http.unique("电动轮椅");
        String poster = Http.token(Http.unique("poster"), Http.DONGMEN, "poster");
        String id = Http.published(poster, Http.DONGMEN, "DISABILITY", title, 1);
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "yunyang-yiyuan");
            page.navigate("/need.html?id=" + id);
            assertThat(page.locator("#claim-button")).isVisible();
            // Someone else is faster while this page is open.
            Http.Reply other = Http.send("POST", "/api/needs/" + id + "/claims", Http.token(Http.unique("helper"), null, "helper"), null);
            assertEquals(201, other.status(), other.raw());
            page.locator("#claim-button").click();
            Locator result = page.locator("#claim-result .notice.bad");
            assertThat(result).containsText("已被认领");
            assertThat(page.locator("#claim .contact")).hasCount(0);
        }
    }

    @Test
    void anUnknownNeedAndAnUnknownShareLinkAreFriendly() {
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/need.html?id=nzzzzzzzzzzzz");
            assertThat(page.locator("#main .state.error")).containsText("没有找到这个需求");
            Page share = Site.open(ctx, "/share/nzzzzzzzzzzzz");
            assertThat(share.getByRole(AriaRole.HEADING)).hasText("没有找到这个需求");
            assertThat(share.locator("a")).hasAttribute("href", Site.base() + "/");
        }
    }

    private static String decodeQr(byte[] png) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(img.getWidth(), img.getHeight(), px)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
