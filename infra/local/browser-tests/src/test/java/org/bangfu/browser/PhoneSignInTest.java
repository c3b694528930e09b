package org.bangfu.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bangfu.local.Gateway;
import org.junit.jupiter.api.Test;

/**
 * Sign-in as a new person would do it: a phone number, the code (locally the page shows it from
 * the SMS outbox), then becoming a helper, back to the need, claimed. And the redirect after
 * sign-in stays on the site whatever `next` says (checked by URL parsing, not by prefix).
 */
class PhoneSignInTest extends BrowserTest {
    private static String phone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    @Test
    void aNewPersonSignsInWithTheOutboxCodeBecomesAHelperAndClaims() {
        String title = Http.unique("助听器");
        String poster = Http.token(Http.unique("poster"), Http.DONGMEN, "poster");
        String id = Http.published(poster, Http.DONGMEN, "DISABILITY", title, 1);
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/need.html?id=" + id);
            page.locator("#claim a.button").click();
            page.waitForURL("**/signin.html?next=**");
            page.locator("#phone").fill(phone());
            page.locator("#send").click();
            assertThat(page.locator("#outbox")).containsText("验证码");
            Matcher m = Pattern.compile("([0-9]{6})").matcher(page.locator("#outbox").textContent());
            assertTrue(m.find(), "the local outbox shows the code");
            page.locator("#code").fill(m.group(1));
            page.locator("#submit-code").click();
            assertThat(page.locator("#helper-form")).isVisible();
            Site.shot(page, "signin-become-helper-360");
            page.locator("#helper-name").fill("热心市民小李");
            page.locator("#become-helper").click();
            page.waitForURL("**/need.html?id=" + id);
            page.locator("#claim-button").click();
            assertThat(page.locator("#claim .notice.ok")).containsText("认领成功");
            assertThat(page.locator(".site-header .who")).hasText("热心市民小李");
        }
    }

    @Test
    void aWrongCodeSaysSoAndTheRightOneStillWorks() {
        try (BrowserContext ctx = Site.context(Site.DESKTOP)) {
            Page page = Site.open(ctx, "/signin.html");
            page.locator("#phone").fill(phone());
            page.locator("#send").click();
            assertThat(page.locator("#outbox")).containsText("验证码");
            Matcher m = Pattern.compile("([0-9]{6})").matcher(page.locator("#outbox").textContent());
            assertTrue(m.find());
            String wrong = String.format("%06d", (Integer.parseInt(m.group(1)) + 1) % 1_000_000);
            page.locator("#code").fill(wrong);
            page.locator("#submit-code").click();
            assertThat(page.locator("#code-msg")).hasText("验证码错误或已过期。");
            page.locator("#code").fill(m.group(1));
            page.locator("#submit-code").click();
            assertThat(page.locator("#helper-form")).isVisible();
        }
    }

    @Test
    void withoutTheLocalOutboxAndDemoUsersThePageIsPhoneAndCodeOnly() {
        Gateway.hideDevUsers(true); // as in AWS: no /api/dev/*
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/signin.html");
            page.locator("#phone").fill(phone());
            page.locator("#send").click();
            assertThat(page.locator("#code-form")).isVisible();
            assertThat(page.locator("#outbox")).hasText("");
            assertThat(page.locator("#users button")).hasCount(0);
            Site.shot(page, "signin-aws-360");
        } finally {
            Gateway.hideDevUsers(false);
        }
    }

    /** Trust item 7: `next` after sign-in can't be made to leave the site. */
    @Test
    void nextAfterSignInStaysOnTheSite() {
        String host = URI.create(Site.base()).getAuthority();
        List<String> hostile = List.of("//evil.example/x", "/\\evil.example/x", "/\\/evil.example", "https://evil.example/",
                "javascript:alert(1)", "/%2F%2Fevil.example", " //evil.example", "\t/\t/evil.example", "http:evil.example");
        try (BrowserContext ctx = Site.context(Site.DESKTOP)) {
            for (String next : hostile) {
                Page page = Site.open(ctx, "/signin.html?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
                page.locator("#users button[data-sub='zhang-xiansheng']").click();
                page.waitForURL(url -> !url.contains("/signin.html"));
                URI landed = URI.create(page.url());
                assertEquals(host, landed.getAuthority(), "next=" + next + " left the site: " + page.url());
                page.close();
            }
            // The control: a page of the site is where you go back to.
            Page page = Site.open(ctx, "/signin.html?next=" + URLEncoder.encode("/transparency.html?area=321181000000", StandardCharsets.UTF_8));
            page.locator("#users button[data-sub='zhang-xiansheng']").click();
            page.waitForURL("**/transparency.html?area=321181000000");
        }
    }
}
