package org.bangfu.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.*;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/** Poster → two reviewers → the need appears publicly; a rejection reaches the poster. */
class PostReviewTest extends BrowserTest {

    static void fillValidForm(Page page, String title, String idNumber) {
        page.locator("#f-category").selectOption("HOME_IMPROVEMENT");
        page.locator("#f-title").fill(title);
        page.locator("#f-description").fill("老人独居，厨房地面湿滑，需要铺设防滑地砖并安装扶手。\n第二行说明。");
        page.locator("#f-quantity").fill("1");
        page.locator("#f-unit").fill("项");
        page.locator("#f-valueYuan").fill("1200");
        page.locator("#f-deadline").fill(Http.today().plusDays(20).toString());
        page.locator("#f-household-name").fill("赵大爷");
        page.locator("#f-household-idNumber").fill(idNumber);
        page.locator("#f-household-phone").fill("13700001234");
        page.locator("#f-household-address").fill("东门村6组12号");
        page.locator("#f-contact-phone").fill("13900001111");
    }

    @Test
    void aPostedNeedIsPublicOnlyAfterTheCouncilAndAVolunteerApprove() {
        String title = Http.unique("厨房防滑");
        try (BrowserContext posterCtx = Site.context(Site.PHONE)) {
            Page page = Site.open(posterCtx, "/");
            Site.signIn(page, "li-shuji");
            page.navigate("/post.html");
            // The poster's village is fixed: 李书记 posts for 东门村 only.
            assertThat(page.locator("#area-village")).hasValue(Http.DONGMEN);
            assertThat(page.locator("#area-village")).isDisabled();
            assertThat(page.locator("#f-contact-name")).hasValue("李书记");
            fillValidForm(page, title, Http.newIdNumber());
            Site.shot(page, "post-form-360");
            page.locator("#submit").click();
            assertThat(page.locator("#main .notice.ok")).containsText("已提交，等待审核");
            page.navigate("/mine.html");
            Locator mine = page.locator(".item", new Page.LocatorOptions().setHasText(title));
            assertThat(mine.locator(".badge")).hasText("待审核");
        }
        assertNotPublic(title);

        try (BrowserContext councilCtx = Site.context(Site.DESKTOP)) {
            Page page = Site.open(councilCtx, "/");
            Site.signIn(page, "wang-dabo");
            page.waitForURL("**/review.html");
            Locator item = page.locator("#queue .item", new Page.LocatorOptions().setHasText(title));
            assertThat(item).containsText("赵大爷"); // reviewers see the household to check it
            assertThat(item).containsText("13700001234");
            Site.shot(page, "review-council-desktop");
            item.locator("button.approve").click();
            // The answer takes the card's place.
            assertThat(item.locator(".notice.ok")).containsText("已通过，等待另一方审核");
            assertThat(item.locator("button.approve")).hasCount(0);
        }
        assertNotPublic(title);

        try (BrowserContext volunteerCtx = Site.context(Site.PHONE)) {
            Page page = Site.open(volunteerCtx, "/");
            Site.signIn(page, "chen-xiao");
            page.waitForURL("**/review.html");
            Locator item = page.locator("#queue .item", new Page.LocatorOptions().setHasText(title));
            assertThat(item).containsText("村民议事小组 已通过 · 志愿者 待审核");
            Site.shot(page, "review-volunteer-360");
            item.locator("button.approve").click();
            assertThat(item.locator(".notice.ok")).containsText("已通过，需求已公开");
            assertThat(item.locator("a")).hasText("查看已公开的需求");
        }

        try (BrowserContext publicCtx = Site.context(Site.PHONE)) {
            Page page = Site.open(publicCtx, "/?text=" + title);
            Locator card = page.locator("#list .card");
            assertThat(card).hasCount(1);
            assertThat(card.locator(".tag")).hasText("家居微改善");
            assertThat(card).containsText("东门村");
            assertThat(card).not().containsText("赵大爷");
        }
    }

    @Test
    void aRejectionNeedsAReasonAndThePosterSeesIt() {
        String title = Http.unique("旧沙发");
        String poster = Http.demoToken("li-shuji");
        Http.Reply posted = Http.send("POST", "/api/needs", poster, Http.needBody(Http.DONGMEN, "DAILY_LIVING", title, 1));
        assertEquals(201, posted.status(), posted.raw());
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "wang-dabo");
            Locator item = page.locator("#queue .item", new Page.LocatorOptions().setHasText(title));
            item.locator("button.reject").click();
            assertThat(item.locator(".field-error")).containsText("驳回必须说明理由"); // checked before sending
            item.locator("textarea").fill("经核实家中已有可用的沙发");
            item.locator("button.reject").click();
            assertThat(item.locator(".notice")).containsText("已驳回");

            Site.signIn(page, "li-shuji");
            page.navigate("/mine.html");
            Locator mine = page.locator(".item", new Page.LocatorOptions().setHasText(title));
            assertThat(mine.locator(".badge")).hasText("未通过审核");
            assertThat(mine).containsText("经核实家中已有可用的沙发");
        }
    }

    private static void assertNotPublic(String title) {
        Http.Reply r = Http.send("GET", "/api/needs?text=" + java.net.URLEncoder.encode(title, java.nio.charset.StandardCharsets.UTF_8), null, null);
        assertEquals(0, r.json().path("items").size(), title + " must not be public yet");
    }
}
