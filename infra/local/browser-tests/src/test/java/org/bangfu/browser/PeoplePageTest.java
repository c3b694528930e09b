package org.bangfu.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * 人员管理 as a county admin uses it: appoint a village's cadre from the site, who signs in with
 * that phone and can post at once; the list and the change log show it; dismissing takes it away.
 */
class PeoplePageTest extends BrowserTest {
    @Test
    void aCountyAdminAppointsAVillageCadreWhoCanPostAtOnce() {
        String phone = "137" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        try (BrowserContext admin = Site.context(Site.DESKTOP)) {
            Page page = Site.open(admin, "/");
            Site.signIn(page, "danyang-minzheng");
            page.locator(".site-nav a[href='/people.html']").click();
            page.waitForURL("**/people.html");
            page.locator("#p-phone").fill(phone);
            page.locator("#p-name").fill("新任采集员");
            page.locator("#p-role").selectOption("poster");
            page.locator("#p-area-town").selectOption("321181001000");
            page.locator("#p-area-village").selectOption("321181001201");
            page.locator("#p-submit").click();
            assertThat(page.locator("#p-ok")).containsText("新任采集员");
            assertThat(page.locator("#list")).containsText("新任采集员");
            assertThat(page.locator("#list")).containsText(phone);
            assertThat(page.locator("#changes")).containsText("任命");
            Site.shot(page, "people-desktop");
        }
        try (BrowserContext cadre = Site.context(Site.PHONE)) {
            Page page = Site.open(cadre, "/signin.html");
            page.locator("#phone").fill(phone);
            page.locator("#send").click();
            assertThat(page.locator("#outbox")).containsText("验证码");
            Matcher m = Pattern.compile("([0-9]{6})").matcher(page.locator("#outbox").textContent());
            assertTrue(m.find());
            page.locator("#code").fill(m.group(1));
            page.locator("#submit-code").click();
            page.waitForURL("**/mine.html");
            assertThat(page.locator(".site-nav a[href='/post.html']")).isVisible();
        }
        try (BrowserContext admin = Site.context(Site.PHONE)) {
            Page page = Site.open(admin, "/");
            Site.signIn(page, "danyang-minzheng");
            page.navigate("/people.html");
            page.onDialog(d -> d.accept());
            page.locator("#list button[data-role='poster']", new Page.LocatorOptions().setHasText("撤销"))
                    .and(page.locator("xpath=//tr[contains(., '" + phone + "')]//button")).click();
            assertThat(page.locator("#list")).not().containsText(phone);
            assertThat(page.locator("#changes")).containsText("撤销");
            Site.shot(page, "people-360");
        }
    }
}
