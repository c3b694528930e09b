package org.bangfu.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.*;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/** 我的: the helper reports delivery (note + photo reference) or gives a claim back; the poster or the area admin confirms. */
class DeliverConfirmTest extends BrowserTest {

    @Test
    void theHelperReportsDeliveryAndThePosterConfirmsIt() {
        String title = Http.unique("助听器");
        String id = Http.published(Http.demoToken("li-shuji"), Http.DONGMEN, "MEDICAL", title, 1);
        Http.Reply claim = Http.send("POST", "/api/needs/" + id + "/claims", Http.demoToken("yunyang-yiyuan"), null);
        assertEquals(201, claim.status(), claim.raw());

        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "yunyang-yiyuan");
            page.navigate("/mine.html");
            Locator item = page.locator(".item", new Page.LocatorOptions().setHasText(title));
            assertThat(item.locator(".badge")).hasText("帮扶中");
            assertThat(item.locator(".contact")).containsText("13812345678"); // whom to visit
            item.locator("button[type=submit]").click();
            assertThat(item.locator(".field-error").first()).containsText("请填写送达说明"); // a note is required
            item.locator("textarea").fill("助听器已验配并送到家中，老人试戴效果良好。");
            item.locator("input[id^=photo-]").fill("相册 2026-03 第12张");
            Site.shot(page, "mine-helper-360");
            item.locator("button[type=submit]").click();
            assertThat(page.locator("#flash")).containsText("已报告送达");
            Locator after = page.locator(".item", new Page.LocatorOptions().setHasText(title));
            assertThat(after.locator(".badge")).hasText("已送达，待确认");
            assertThat(after).containsText("相册 2026-03 第12张");
        }

        try (BrowserContext ctx = Site.context(Site.DESKTOP)) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "li-shuji");
            page.waitForURL("**/mine.html");
            Locator item = page.locator(".item", new Page.LocatorOptions().setHasText(title));
            assertThat(item.locator(".badge")).hasText("已送达，待确认");
            assertThat(item).containsText("云阳人民医院志愿队");
            assertThat(item).containsText("助听器已验配并送到家中");
            Site.shot(page, "mine-poster-desktop");
            item.locator("button.confirm").click();
            assertThat(item.locator(".confirm-box")).containsText("确认后不能撤销"); // asks once
            item.locator(".confirm-box button.yes").click();
            assertThat(page.locator("#flash")).containsText("已确认完成");
            assertThat(page.locator(".item", new Page.LocatorOptions().setHasText(title)).locator(".badge")).hasText("已完成帮扶");
        }
        assertEquals("FULFILLED", Http.send("GET", "/api/needs/" + id, null, null).json().path("state").asText());
    }

    @Test
    void theAreaAdminSeesTheDeliveredClaimsOfTheCountyChecksWithTheFamilyAndConfirms() {
        String title = Http.unique("电饭煲");
        String id = Http.published(Http.token(Http.unique("poster"), Http.XIMEN, "poster"), Http.XIMEN, "DAILY_LIVING", title, 1);
        String helper = Http.token(Http.unique("helper"), null, "helper");
        Http.Reply claim = Http.send("POST", "/api/needs/" + id + "/claims", helper, null);
        assertEquals(201, claim.status(), claim.raw());
        String claimId = claim.json().path("claim").path("id").asText();
        assertEquals(200, Http.send("POST", "/api/needs/" + id + "/claims/" + claimId + "/delivered", helper,
                Json.object().put("note", "电饭煲已送到，教会老人使用。")).status());

        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "danyang-minzheng"); // 丹阳市民政局, admin of the county: lands on the admin page
            page.waitForURL("**/admin.html");
            Locator section = page.locator("section[aria-labelledby=admin-h]");
            assertThat(section.locator("h2")).hasText("待我确认的帮扶");
            Locator item = section.locator(".item", new Locator.LocatorOptions().setHasText(title));
            assertThat(item.locator(".badge")).hasText("已送达，待确认");
            assertThat(item).containsText("电饭煲已送到，教会老人使用。");
            assertThat(item).containsText("西门村");
            assertThat(item.locator(".contact")).containsText("13812345678"); // the family, to check with before confirming
            assertEquals(0, Site.overflow(page));
            Site.shot(page, "mine-admin-confirm-360");
            item.locator("button.confirm").click();
            item.locator(".confirm-box button.no").click(); // changed their mind: nothing happened
            assertEquals("DELIVERED", Http.send("GET", "/api/needs/" + id, null, null).json().path("state").asText());
            item.locator("button.confirm").click();
            item.locator(".confirm-box button.yes").click();
            assertThat(page.locator("#flash")).containsText("已确认完成");
            assertThat(section.locator(".item", new Locator.LocatorOptions().setHasText(title))).hasCount(0);
            assertEquals("FULFILLED", Http.send("GET", "/api/needs/" + id, null, null).json().path("state").asText());

            // And the public sees it at the top of the transparency page's feed, once the stream has
            // rebuilt the figures' snapshot (a moment: the page reads that file).
            long until = System.nanoTime() + 20_000_000_000L;
            while (!Http.send("GET", "/snapshots/stats/all.json", null, null).raw().contains(title) && System.nanoTime() < until) {
                page.waitForTimeout(200);
            }
            page.navigate("/transparency.html");
            assertThat(page.locator("ol.feed li").first()).containsText(title);
            assertThat(page.locator("ol.feed li").first()).containsText("王**");
        }
    }

    @Test
    void aHelperCanGiveAClaimBackAndTheNeedIsOpenAgain() {
        String title = Http.unique("学习台灯");
        String id = Http.published(Http.token(Http.unique("poster"), Http.DONGMEN, "poster"), Http.DONGMEN, "EDUCATION", title, 3);
        assertEquals(201, Http.send("POST", "/api/needs/" + id + "/claims", Http.demoToken("zhang-xiansheng"),
                Json.object().put("quantity", 2)).status());
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "zhang-xiansheng");
            page.navigate("/mine.html");
            Locator item = page.locator(".item", new Page.LocatorOptions().setHasText(title));
            item.locator("details.release-box summary").click();
            item.locator("input[id^=reason-]").fill("临时出差，无法按时送达");
            item.locator("button.release").click();
            assertThat(page.locator("#flash")).containsText("已取消认领");
            assertThat(page.locator(".item", new Page.LocatorOptions().setHasText(title)).locator(".badge")).hasText("已取消");
        }
        assertEquals(3, Http.send("GET", "/api/needs/" + id, null, null).json().path("remaining").asInt());
    }
}
