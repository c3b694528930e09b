package org.bangfu.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.LoadState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/** 公开透明: the charts draw what /api/stats says, the leaderboard what /api/leaderboard says, at 360 px, in both languages, within budget. */
class TransparencyTest extends BrowserTest {

    private static JsonNode json(Response r) {
        try {
            return Json.parse(r.text());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theChartsTheFeedAndTheLeaderboardShowExactlyWhatTheApiSays() {
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = ctx.newPage();
            page.onPageError(e -> Site.PAGE_ERRORS.add(page.url() + ": " + e));
            Response[] board = new Response[1];
            Response statsResponse = page.waitForResponse(r -> r.url().contains("/api/stats") || (r.url().contains("/snapshots/stats/") && r.ok()), () ->
                    board[0] = page.waitForResponse(r -> r.url().contains("/api/leaderboard") || (r.url().endsWith("/snapshots/boards/all/all.json") && r.ok()),
                            () -> page.navigate("/transparency.html")));
            JsonNode stats = json(statsResponse);
            assertThat(page.locator("h1")).hasText("公开透明");

            // Totals, as tiles.
            Locator tiles = page.locator(".tiles dd");
            assertThat(tiles).hasCount(3);
            assertThat(tiles.nth(0)).hasText(stats.path("totals").path("published").asInt() + " 项");
            assertThat(tiles.nth(1)).hasText(stats.path("totals").path("claimed").asInt() + " 项");
            assertThat(tiles.nth(2)).hasText(stats.path("totals").path("fulfilled").asInt() + " 项");
            assertTrue(stats.path("totals").path("fulfilled").asInt() >= 7, "the demo's history: " + stats.path("totals"));

            // One bar per window, the fulfilled/published figures beside it and a sentence for screen readers.
            Locator windows = page.locator("section[aria-labelledby=cat-h] .bars li");
            assertThat(windows).hasCount(7);
            for (int i = 0; i < 7; i++) {
                JsonNode c = stats.path("byCategory").get(i);
                // Words, not "4/15" (which reads like a date).
                assertThat(windows.nth(i).locator(".bar-value")).hasText("完成 " + c.path("fulfilled").asInt() + " / 共 " + c.path("published").asInt());
                assertThat(windows.nth(i).locator(".visually-hidden")).containsText("已发布 " + c.path("published").asInt() + " 项");
            }
            String widest = windows.nth(0).locator(".track .pub").getAttribute("style");
            assertTrue(widest.startsWith("width:"), widest);
            assertThat(page.locator("section[aria-labelledby=area-h] .bars li")).hasCount(stats.path("byArea").size());
            assertThat(page.locator("section[aria-labelledby=area-h]")).containsText("丹阳市");
            assertThat(page.locator("section[aria-labelledby=area-h] li.sub").first()).isVisible(); // towns under their county

            // Two histograms of six columns, each labelled with the numbers it draws.
            for (String[] h : new String[][] {{"claim", "toFirstClaim"}, {"fulfil", "toFulfilment"}}) {
                Locator svg = page.locator("#hist-" + h[0] + " svg");
                assertThat(svg.locator("rect")).hasCount(6);
                List<String> counts = svg.locator("text.count").allTextContents();
                List<String> expected = new ArrayList<>();
                stats.path("durations").path(h[1]).path("buckets").forEach(b -> expected.add(b.path("count").asText()));
                assertEquals(expected, counts, h[1]);
                assertEquals("img", svg.getAttribute("role"));
                assertTrue(svg.getAttribute("aria-label").contains("≥30天：" + expected.get(5) + " 项"), svg.getAttribute("aria-label"));
            }

            // The feed: the newest fulfilled needs, masked.
            Locator feed = page.locator("ol.feed li");
            assertThat(feed).hasCount(stats.path("recent").path("items").size());
            JsonNode first = stats.path("recent").path("items").get(0);
            assertEquals(first.path("id").asText(), feed.first().getAttribute("data-id"));
            assertThat(feed.first()).containsText(first.path("beneficiary").asText());
            assertThat(feed.first()).containsText("完成");
            assertTrue(first.path("beneficiary").asText().endsWith("**"));
            String text = page.locator("main").innerText();
            for (String secret : List.of("吴老汉", "钱桂芳", "1380000", "蒋墅村6组1号")) assertFalse(text.contains(secret), secret);
            if (!stats.path("recent").path("next").isNull()) {
                Response more = page.waitForResponse(r -> r.url().contains("/api/stats") && r.url().contains("cursor="),
                        () -> page.locator("#feed-load").click());
                assertThat(feed).hasCount(stats.path("recent").path("items").size() + json(more).path("recent").path("items").size());
            }

            // The leaderboard, overall.
            JsonNode entries = json(board[0]).path("entries");
            Locator rows = page.locator("ol.board li");
            assertThat(rows).hasCount(entries.size());
            assertThat(rows.first()).containsText(entries.get(0).path("name").asText());
            assertThat(rows.first().locator(".bar-value")).hasText(entries.get(0).path("points").asInt() + " 分");
            assertEquals(0, Site.overflow(page), "no sideways scrolling at 360 px");
            Site.shot(page, "transparency-360");

            // This month, then one county: the address follows, and so do the numbers.
            Response monthly = page.waitForResponse(r -> (r.url().contains("/api/leaderboard") && r.url().contains("month="))
                            || (r.url().contains("/snapshots/boards/all/") && !r.url().endsWith("/all.json") && r.ok()),
                    () -> page.locator(".seg button", new Page.LocatorOptions().setHasText("本月")).click());
            page.waitForURL("**/transparency.html?period=month");
            assertThat(rows).hasCount(json(monthly).path("entries").size());
            assertThat(page.locator(".seg button[aria-pressed=true]")).hasText("本月");

            page.locator(".filters details summary").click();
            page.locator("#tp-area-province").selectOption("430000000000");
            page.locator("#tp-area-city").selectOption("430200000000");
            Response county = page.waitForResponse(r -> (r.url().contains("/api/stats?") && r.url().contains("area=430225000000"))
                    || (r.url().contains("/snapshots/stats/430225000000.json") && r.ok()),
                    () -> page.locator("#tp-area-county").selectOption("430225000000"));
            assertThat(page.locator("#tp-area-village")).hasCount(0); // counted down to towns only
            page.waitForURL("**/transparency.html?area=430225000000&period=month");
            assertThat(page.locator("#scope")).containsText("炎陵县");
            assertThat(tiles.nth(0)).hasText(json(county).path("totals").path("published").asInt() + " 项");
            for (String place : page.locator("ol.feed li .hint").allTextContents()) assertTrue(place.contains("炎陵县"), place);
            assertEquals(0, Site.overflow(page));
            Site.shot(page, "transparency-county-360");
        }
    }

    @Test
    void thePageReadsInEnglishToo() {
        try (BrowserContext ctx = Site.context(Site.DESKTOP)) {
            Page page = Site.open(ctx, "/transparency.html");
            assertThat(page.locator(".tiles dd").first()).isVisible();
            page.locator("#lang").click();
            assertThat(page.locator("h1")).hasText("Transparency");
            assertThat(page.locator(".tiles dt").first()).hasText("Published");
            assertThat(page.locator("#hist-claim svg text").last()).hasText("≥30 d");
            assertThat(page.locator(".seg button").first()).hasText("All time");
            assertThat(page.locator("ol.board li").first()).containsText("pts");
            assertThat(page.locator(".tiles dd").first()).not().containsText("项");
            assertThat(page.locator("#hist-fulfil figcaption")).containsText("days on average");
            Site.shot(page, "transparency-english-desktop");
            page.locator("#lang").click();
            assertThat(page.locator("h1")).hasText("公开透明");
        }
    }

    /** Measured as the browse page is: every script and stylesheet of the first view, gzipped. */
    @Test
    void theFirstViewStaysWithinTheBudgetAndFetchesNothingFromAnotherOrigin() throws IOException {
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            List<String> foreign = new ArrayList<>();
            List<Response> responses = new ArrayList<>();
            ctx.onRequest(r -> {
                if (!r.url().startsWith(Site.base() + "/") && !r.url().startsWith("data:")) foreign.add(r.url());
            });
            ctx.onResponse(responses::add);
            Page page = Site.open(ctx, "/transparency.html");
            assertThat(page.locator("ol.board li").first()).isVisible();
            page.waitForLoadState(LoadState.NETWORKIDLE);
            long jsCss = 0;
            StringBuilder report = new StringBuilder("path\traw bytes\tgzipped bytes\n");
            for (Response r : responses) {
                String type = r.headerValue("content-type");
                byte[] body = r.body();
                long gz = gzip(body);
                report.append(r.url().substring(Site.base().length())).append('\t').append(body.length).append('\t').append(gz).append('\n');
                if (type != null && (type.startsWith("text/javascript") || type.startsWith("text/css"))) jsCss += gz;
            }
            report.append("JS+CSS gzipped total\t\t").append(jsCss).append('\n');
            Files.writeString(Site.SHOTS.resolveSibling("frontend-budget-transparency.txt"), report);
            System.out.println("[frontend budget] first view of /transparency.html :\n" + report);
            assertEquals(List.of(), foreign, "no third-party requests (no CDN, chart library or fonts)");
            assertTrue(jsCss <= BudgetAndAccessTest.BUDGET_BYTES, "JS+CSS gzipped " + jsCss + " B\n" + report);
            assertFalse(report.toString().contains("/qr.js") || report.toString().contains("/rules.js"), report.toString());
        }
    }

    private static long gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        }
        return out.size();
    }
}
