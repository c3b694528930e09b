package org.bangfu.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's "done when", in the browser: a county admin appoints a village's cadre and its two
 * reviewers (议事小组 and 志愿者) in 人员管理; each signs in with their phone and the code from the
 * local outbox, and at once the cadre posts, both review, and the need is public.
 */
class VillageTeamTest extends BrowserTest {

    @Test
    void aCountyAdminAppointsAVillageTeamThatWorksAtOnce() {
        String cadre = phone(), council = phone(), volunteer = phone();
        try (BrowserContext admin = Site.context(Site.DESKTOP)) {
            Page page = Site.open(admin, "/");
            Site.signIn(page, "danyang-minzheng");
            page.navigate("/people.html");
            appoint(page, cadre, "新任采集员", "poster");
            appoint(page, council, "新任议事员", "council");
            appoint(page, volunteer, "新任志愿者", "volunteer");
        }
        String title = Http.unique("新团队");
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = phoneSignIn(ctx, cadre);
            page.navigate("/post.html");
            assertThat(page.locator("#area-village")).hasValue(Http.DONGMEN);
            PostReviewTest.fillValidForm(page, title, Http.newIdNumber());
            page.locator("#submit").click();
            assertThat(page.locator("#main .notice.ok")).containsText("已提交，等待审核");
        }
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = phoneSignIn(ctx, council);
            page.navigate("/review.html");
            Locator item = page.locator("#queue .item", new Page.LocatorOptions().setHasText(title));
            item.locator("button.approve").click();
            assertThat(item.locator(".notice.ok")).containsText("已通过，等待另一方审核");
        }
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = phoneSignIn(ctx, volunteer);
            page.navigate("/review.html");
            Locator item = page.locator("#queue .item", new Page.LocatorOptions().setHasText(title));
            item.locator("button.approve").click();
            assertThat(item.locator(".notice.ok")).containsText("已通过，需求已公开");
        }
        Http.Reply r = Http.send("GET", "/api/needs?text=" + java.net.URLEncoder.encode(title, java.nio.charset.StandardCharsets.UTF_8), null, null);
        assertEquals(1, r.json().path("items").size(), r.raw());
    }

    private static String phone() {
        return "136" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private static void appoint(Page page, String phone, String name, String role) {
        page.locator("#p-phone").fill(phone);
        page.locator("#p-name").fill(name);
        page.locator("#p-role").selectOption(role);
        page.locator("#p-area-town").selectOption("321181001000");
        page.locator("#p-area-village").selectOption(Http.DONGMEN);
        page.locator("#p-submit").click();
        assertThat(page.locator("#p-ok")).containsText(name);
    }

    /** signin.html as a person does it: phone, 获取验证码, the code the local outbox shows. */
    private static Page phoneSignIn(BrowserContext ctx, String phone) {
        Page page = Site.open(ctx, "/signin.html");
        page.locator("#phone").fill(phone);
        page.locator("#send").click();
        assertThat(page.locator("#outbox")).containsText("验证码");
        Matcher m = Pattern.compile("([0-9]{6})").matcher(page.locator("#outbox").textContent());
        assertTrue(m.find());
        page.locator("#code").fill(m.group(1));
        page.locator("#submit-code").click();
        page.waitForURL(url -> !url.contains("/signin.html")); // each role lands on its own page
        return page;
    }
}
