package org.bangfu.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/**
 * Each role's whole job at 360 px, in Chinese and in English, with a screenshot of every step in
 * target/screenshots (…-360-zh.png, …-360-en.png): the poster's draft, warnings, lost answer and
 * correction; the poster's rejected need edited, resubmitted and withdrawn; the helper's claim, due
 * date, points and the fulfilled page; a report from the public and the reviewer's answer; the
 * admin's landing with the audit trail and the export.
 */
class RoleJourneysTest extends BrowserTest {

    private static BrowserContext phone(String lang) {
        BrowserContext ctx = Site.context(Site.PHONE);
        if (lang.equals("en")) ctx.addInitScript("try { localStorage.setItem('lang', 'en'); } catch (e) {}");
        return ctx;
    }

    private static void shot(Page page, String name, String lang) {
        assertEquals(0, Site.overflow(page), name + ": no sideways scrolling at 360 px");
        Site.shot(page, name + "-360-" + lang);
    }

    /** The poster types, loses the page, gets the draft back, is warned and stopped, and a lost answer is not a second posting. */
    @Test
    void aPostersDraftSurvivesAReloadWarningsShowAndARetryAfterALostAnswerPostsOnce() {
        String title = Http.unique("助行器");
        try (BrowserContext ctx = phone("zh")) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "li-shuji");
            page.navigate("/post.html");
            PostReviewTest.fillValidForm(page, title, Http.newIdNumber());
            page.locator("#f-household-name").fill("王德福");
            page.locator("#f-description").fill("王大爷今年72岁，腿脚不便，需要一个助行器。联系电话 13700001234。");
            assertThat(page.locator("#f-description-warn")).containsText("王**"); // the name would go public
            page.waitForTimeout(600); // the draft is saved on a pause in typing
            page.reload();
            assertThat(page.locator("#draft-note")).containsText("已恢复");
            assertThat(page.locator("#f-title")).hasValue(title);
            assertThat(page.locator("#f-household-name")).hasValue("王德福");
            page.locator("#submit").click();
            assertThat(page.locator("#f-description-error")).containsText("不能有电话号码");
            assertThat(page.locator("#form-status .notice.bad")).containsText("有 1 处需要修改"); // beside the button
            shot(page, "poster-warnings", "zh");
            page.locator("#f-description").fill("老人今年72岁，腿脚不便，需要一个助行器，方便在家活动。");

            // The first answer is lost on the way back: the server acted, the page saw a dropped line.
            AtomicInteger sent = new AtomicInteger();
            java.util.List<String> keys = new java.util.concurrent.CopyOnWriteArrayList<>();
            page.route("**/api/needs", route -> {
                keys.add(route.request().headerValue("idempotency-key"));
                if (sent.incrementAndGet() <= 2) {
                    route.fetch();
                    route.abort("connectionreset");
                } else {
                    route.resume();
                }
            });
            page.locator("#submit").click();
            assertThat(page.locator("#form-status .notice.bad")).containsText("不会重复登记");
            shot(page, "poster-lost-answer", "zh");
            page.locator("#submit").click();
            assertThat(page.locator("#main .notice.ok")).containsText("已提交，等待审核");
            assertEquals(1, keys.stream().distinct().count(), "every try carried the same Idempotency-Key: " + keys);
        }
        JsonNode mine = Http.send("GET", "/api/me", Http.demoToken("li-shuji"), null).json();
        long same = 0;
        for (JsonNode n : mine.path("posted")) if (n.path("title").asText().equals(title)) same++;
        assertEquals(1, same, "one posting, however often it was sent");
    }

    @Test
    void aPosterOpensTheirRejectedNeedEditsAndResubmitsItThenWithdrawsItInEnglish() {
        String title = Http.unique("Walker");
        String poster = Http.demoToken("li-shuji");
        Http.Reply posted = Http.send("POST", "/api/needs", poster, Http.needBody(Http.DONGMEN, "DISABILITY", title, 1));
        String id = posted.json().path("id").asText();
        assertEquals(200, Http.send("POST", "/api/needs/" + id + "/reviews", Http.token(Http.unique("council"), Http.DONGMEN, "council"),
                Json.object().put("decision", "reject").put("reason", "数量写错了，应为两个")).status());
        try (BrowserContext ctx = phone("en")) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "li-shuji");
            page.navigate("/need.html?id=" + id);
            assertThat(page.locator(".badge").first()).hasText("Not approved");
            assertThat(page.locator("#poster")).containsText("数量写错了，应为两个");
            shot(page, "poster-rejected", "en");
            page.locator("#edit").click();
            page.waitForURL("**/post.html?edit=" + id);
            assertThat(page.locator("#f-title")).hasValue(title);
            page.locator("#f-quantity").fill("2");
            shot(page, "poster-edit", "en");
            page.locator("#submit").click();
            assertThat(page.locator("#main .notice.ok")).containsText("Resubmitted");
            page.navigate("/need.html?id=" + id);
            assertThat(page.locator(".badge").first()).hasText("Waiting for review");
            assertThat(page.locator("#poster")).containsText("waiting");
            page.locator("#withdraw").click();
            assertThat(page.locator("#poster .confirm-box")).containsText("Withdraw it?");
            page.locator("#poster .confirm-box button.yes").click();
            assertThat(page.locator("#poster-result")).containsText("Withdrawn");
            assertThat(page.locator(".badge").first()).hasText("Withdrawn");
            shot(page, "poster-withdrawn", "en");
        }
        assertEquals(404, Http.send("GET", "/api/needs/" + id, null, null).status());
    }

    @Test
    void aHelperClaimsSeesTheDueDateAndPointsAndAFulfilledNeedSaysSo() throws InterruptedException {
        for (String lang : new String[] {"en", "zh"}) {
            String title = Http.unique("书包");
            String id = Http.published(Http.token(Http.unique("poster"), Http.DONGMEN, "poster"), Http.DONGMEN, "EDUCATION", title, 1);
            try (BrowserContext ctx = phone(lang)) {
                Page page = Site.open(ctx, "/");
                Site.signIn(page, "zhang-xiansheng");
                page.navigate("/need.html?id=" + id);
                page.locator("#claim-button").click();
                assertThat(page.locator("#claim .notice.ok")).containsText(lang.equals("en") ? "Please report delivery by" : "前报告送达");
                // The need's own panel says what is left now, without a reload.
                assertThat(page.locator(".remaining")).containsText(lang.equals("en") ? "All claimed" : "已全部认领");
                assertThat(page.locator("#copy")).hasCount(0); // no longer invites shares as if open
                shot(page, "helper-claimed", lang);
                page.navigate("/mine.html");
                Locator item = page.locator(".item", new Page.LocatorOptions().setHasText(title));
                assertThat(item.locator(".due")).containsText(lang.equals("en") ? "days left" : "还有");
                assertThat(page.locator("section[aria-labelledby=points-h]")).isVisible();
                shot(page, "helper-mine", lang);
            }
            // Delivered and confirmed: the page says it was done.
            String helper = Http.demoToken("zhang-xiansheng");
            JsonNode claims = Http.send("GET", "/api/me", helper, null).json().path("claims");
            String claimId = null;
            for (JsonNode c : claims) if (c.path("needId").asText().equals(id)) claimId = c.path("id").asText();
            String path = "/api/needs/" + id + "/claims/" + claimId;
            assertEquals(200, Http.send("POST", path + "/delivered", helper, Json.object().put("note", "书包已送到。")).status());
            assertEquals(200, Http.send("POST", path + "/confirm", Http.demoToken("danyang-minzheng"), null).status());
            // A shared link's first read is the snapshot, which the stream rewrites a moment later.
            Http.awaitSnapshot("/snapshots/needs/" + id + ".json", "\"FULFILLED\"");
            try (BrowserContext ctx = phone(lang)) {
                Page page = Site.open(ctx, "/need.html?id=" + id);
                assertThat(page.locator(".notice.ok").first()).containsText(lang.equals("en") ? "has been met" : "已经完成帮扶");
                assertThat(page.locator("#claim-button")).hasCount(0);
                assertThat(page.locator("#share-url")).hasCount(0);
                assertThat(page.locator(".remaining")).not().containsText("0 /");
                shot(page, "need-fulfilled", lang);
            }
        }
    }

    @Test
    void anyoneReportsANeedAndAReviewerDismissesTheReportOnTheReviewPage() {
        String title = Http.unique("轮椅");
        String id = Http.published(Http.token(Http.unique("poster"), Http.DONGMEN, "poster"), Http.DONGMEN, "DISABILITY", title, 1);
        try (BrowserContext ctx = phone("zh")) {
            Page page = Site.open(ctx, "/need.html?id=" + id);
            page.locator("#report-box summary").click();
            page.locator("#report-send").click();
            assertThat(page.locator("#report-error")).containsText("5 到 300 字");
            page.locator("#report-reason").fill("听说这户人家上个月已经领到了轮椅");
            page.locator("#report-send").click();
            assertThat(page.locator("#report .notice.ok")).containsText("审核人员会尽快核实");
            shot(page, "public-report", "zh");
        }
        try (BrowserContext ctx = phone("en")) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "wang-dabo");
            page.waitForURL("**/review.html");
            Locator card = page.locator("#reported article", new Page.LocatorOptions().setHasText(title));
            assertThat(card).containsText("听说这户人家上个月已经领到了轮椅");
            shot(page, "review-reports", "en");
            card.locator("textarea").fill("Checked at home: not true");
            card.locator("button.dismiss").click();
            assertThat(card.locator(".notice.ok")).containsText("Report dismissed");
        }
        assertEquals("PUBLISHED", Http.send("GET", "/api/needs/" + id, null, null).json().path("state").asText());
    }

    @Test
    void theAdminLandsOnTheirWorkReadsTheAuditTrailAndDownloadsTheExport() throws Exception {
        for (String lang : new String[] {"zh", "en"}) {
            try (BrowserContext ctx = phone(lang)) {
                Page page = Site.open(ctx, "/");
                Site.signIn(page, "danyang-minzheng");
                page.waitForURL("**/admin.html");
                assertThat(page.locator("#admin-h")).isVisible();
                assertThat(page.locator("ol.audit li").first()).isVisible();
                Download download = page.waitForDownload(() -> page.locator("#export-button").click());
                String csv = Files.readString(download.path());
                assertTrue(csv.contains("人员编号,姓名,积分"), csv);
                assertThat(page.locator("#export-result .notice.ok")).isVisible();
                shot(page, "admin-landing", lang);
            }
        }
        try (BrowserContext ctx = Site.context(Site.DESKTOP)) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "danyang-minzheng");
            page.waitForURL("**/admin.html");
            assertThat(page.locator("ol.audit li").first()).isVisible();
            Site.shot(page, "admin-landing-desktop-zh");
        }
    }

    /** The header stays within two rows at 360 px in English, and the language button never sits alone on a row. */
    @Test
    void theHeaderFitsAPhoneInBothLanguages() {
        for (String lang : new String[] {"zh", "en"}) {
            try (BrowserContext ctx = phone(lang)) {
                Page page = Site.open(ctx, "/");
                Site.signIn(page, "danyang-minzheng");
                page.navigate("/");
                page.locator(".site-header #lang").waitFor(); // the header is drawn once the texts are loaded
                double header = ((Number) page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")).doubleValue();
                assertTrue(header <= 110, lang + ": header " + header + " px high, more than two rows");
                assertEquals(200, Http.send("GET", "/favicon.ico", null, null).status(), "a favicon for pages that ask for one");
                shot(page, "header", lang);
            }
        }
    }
}
