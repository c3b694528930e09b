package org.bangfu.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.bangfu.local.Gateway;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's done-when: a donor who taps a shared link (share card → need page → the list) is
 * answered from snapshot files alone, as CloudFront answers from the snapshot bucket: no function
 * runs. Without a snapshot the site asks the API, so nothing breaks.
 */
class DonorPathTest extends BrowserTest {

    @Test
    void aSharedLinkOpenedOnAPhoneRunsNoFunction() throws Exception {
        String title = Http.unique("快照轮椅");
        String id = Http.published(Http.demoToken("li-shuji"), Http.DONGMEN, "DISABILITY", title, 2);
        // The stream pump drives SnapshotFunction as Lambda's event source mapping would.
        Http.awaitSnapshot("/snapshots/needs/" + id + ".json", title);
        Http.awaitSnapshot("/snapshots/lists/" + Http.DONGMEN + "/DISABILITY.json", id);
        Http.awaitSnapshot("/share/" + id, title);
        Gateway gateway = Site.platform().gateway();
        long invocations = gateway.invocations();
        var byFunction = gateway.invocationsByFunction();
        long snapshots = gateway.servedFromSnapshots();
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/share/" + id);
            assertThat(page.locator("body")).containsText(title);
            page.navigate("/need.html?id=" + id);
            assertThat(page.locator("#main h1")).containsText(title);
            assertThat(page.locator("#main")).containsText("丹阳市"); // the area names came with the snapshot
            page.navigate("/?category=DISABILITY&area=" + Http.DONGMEN);
            assertThat(page.locator("#list .card[data-id='" + id + "']")).containsText(title);
            assertEquals(invocations, gateway.invocations(), "function invocations on the donor's path: " + byFunction + " then " + gateway.invocationsByFunction());
            assertTrue(gateway.servedFromSnapshots() >= snapshots + 3, "share card, need and list from snapshots");
            // The transparency page's figures are a snapshot too (its leaderboard and organisations are not yet).
            long figures = gateway.servedFromSnapshots();
            Long stats = gateway.invocationsByFunction().get("StatsFunction");
            page.navigate("/transparency.html");
            assertThat(page.locator("#stats")).not().containsText("加载");
            assertTrue(gateway.servedFromSnapshots() > figures, "the figures from their snapshot");
            assertEquals(stats, gateway.invocationsByFunction().get("StatsFunction"), "no StatsFunction call");
        }
    }

    @Test
    void withoutASnapshotThePageAsksTheApi() {
        Gateway gateway = Site.platform().gateway();
        assertEquals(404, Http.send("GET", "/snapshots/needs/n000000000000.json", null, null).status());
        long invocations = gateway.invocations();
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/need.html?id=n000000000000");
            assertThat(page.locator("#main")).containsText("没有找到这个需求");
            // a text search has no snapshot either: the API answers
            page.navigate("/?text=" + Http.unique("无此"));
            assertThat(page.locator("#list")).not().containsText("加载");
        }
        assertTrue(gateway.invocations() >= invocations + 2, "the need (404) and the search came from functions");
    }
}
