package org.bangfu.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.*;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/**
 * An offerer changes their offer in 供给与单位 at 360 px: edits it (prefilled), is told in plain words
 * when it changed meanwhile (and reloads) or would go below what is committed, then withdraws it
 * (asked once, with a reason): it leaves their list and the public one, and its page says withdrawn.
 */
class OfferChangesJourneyTest extends BrowserTest {
    private static final String DANYANG = "321181000000";

    @Test
    void anOffererEditsIsToldOfAStaleEditAndOfWhatIsCommittedThenWithdraws() {
        String title = Http.unique("助学书包");
        String helper = Http.demoToken("zhang-xiansheng");
        Http.Reply published = Http.send("POST", "/api/offers", helper, Json.object().put("kind", "GOODS").put("category", "EDUCATION")
                .put("title", title).put("description", "新书包和文具，送给全市困难家庭的学生。").put("quantity", 10).put("unit", "个")
                .put("areaCode", DANYANG).put("until", Http.today().plusDays(60).toString()));
        assertEquals(201, published.status(), published.raw());
        String offerId = published.json().path("id").asText();
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "zhang-xiansheng");
            page.navigate("/supply.html");
            Locator item = page.locator(".item[data-offer='" + offerId + "']");
            item.locator("button.edit-offer").click();
            Locator form = page.locator("#edit-" + offerId);
            assertThat(form.locator("[name=title]")).hasValue(title);
            assertThat(form.locator("[name=quantity]")).hasValue("10");
            form.locator("[name=quantity]").fill("8");
            Site.shot(page, "offer-edit-360");
            assertEquals(0, Site.overflow(page));
            form.locator("button[type=submit]").click();
            assertThat(page.locator("#flash")).containsText("已保存修改");
            assertThat(page.locator(".item[data-offer='" + offerId + "']")).containsText("剩余 8 / 8 个");

            // Someone else changes it meanwhile (here: the same offerer on another phone): this page's edit is stale.
            page.locator(".item[data-offer='" + offerId + "'] button.edit-offer").click();
            long version = Http.send("GET", "/api/offers/" + offerId, null, null).json().path("version").asLong();
            assertEquals(200, Http.send("PATCH", "/api/offers/" + offerId, helper, Json.object().put("version", version).put("unit", "套")).status());
            form = page.locator("#edit-" + offerId);
            form.locator("[name=quantity]").fill("6");
            form.locator("button[type=submit]").click();
            assertThat(form.locator(".edit-status")).containsText("已被改动");
            form.locator("button.reload").click();
            assertThat(page.locator(".item[data-offer='" + offerId + "']")).containsText("剩余 8 / 8 套");

            // Two are committed: the quantity cannot go below 2, and the page says so.
            String needId = Http.published(Http.demoToken("li-shuji"), Http.DONGMEN, "EDUCATION", Http.unique("书包两个"), 2);
            Http.Reply proposed = Http.send("POST", "/api/offers/" + offerId + "/proposals", Http.demoToken("li-shuji"), Json.object().put("needId", needId));
            assertEquals(201, proposed.status(), proposed.raw());
            Http.Reply accepted = Http.send("POST", "/api/offers/" + offerId + "/proposals/" + proposed.json().path("id").asText() + "/answer", helper,
                    Json.object().put("decision", "accept"));
            assertEquals(200, accepted.status(), accepted.raw());
            page.reload();
            page.locator(".item[data-offer='" + offerId + "'] button.edit-offer").click();
            form = page.locator("#edit-" + offerId);
            form.locator("[name=quantity]").fill("1");
            form.locator("button[type=submit]").click();
            assertThat(form.locator(".edit-status")).containsText("已有 2 套被认领");

            // Withdrawn, asked once with a reason: gone from this list.
            page.onceDialog(d -> d.accept("书包已发完"));
            page.locator(".item[data-offer='" + offerId + "'] button.withdraw-offer").click();
            assertThat(page.locator("#flash")).containsText("已撤下");
            assertThat(page.locator(".item[data-offer='" + offerId + "']")).hasCount(0);
        }
        assertEquals("WITHDRAWN", Http.send("GET", "/api/offers/" + offerId, null, null).json().path("state").asText());
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/offers.html?category=EDUCATION");
            page.waitForSelector("#list:not([aria-busy])");
            assertThat(page.locator(".card.offer", new Page.LocatorOptions().setHasText(title))).hasCount(0);
            page.navigate("/offer.html?id=" + offerId);
            assertThat(page.locator(".badge").first()).containsText("已撤下");
            assertThat(page.locator(".notice.withdrawn")).containsText("不再接受对接");
            assertEquals(0, Site.overflow(page));
        }
    }
}
