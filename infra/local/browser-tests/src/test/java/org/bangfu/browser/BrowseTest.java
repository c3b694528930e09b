package org.bangfu.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.*;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The public list: windows, text, area, paging, and the empty, loading and error states. */
class BrowseTest extends BrowserTest {

    @Test
    void theFirstViewListsPublishedNeedsWithWhatWhereHowMuchAndUntilWhen() {
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/");
            Locator cards = page.locator("#list .card");
            assertThat(cards.first()).isVisible();
            // Demo data: the schoolbags need, 12 of 20 left, in 蒋墅村.
            Locator bags = cards.filter(new Locator.FilterOptions().setHasText("小学生书包和文具"));
            assertThat(bags).hasCount(1);
            assertThat(bags.locator(".tag")).hasText("助学");
            assertThat(bags.locator(".remaining")).containsText("12 / 20 套");
            assertThat(bags).containsText("皇塘镇 蒋墅村");
            assertThat(bags).containsText("截止");
            assertThat(bags).not().containsText("蒋建国"); // the household's name never reaches the list
            assertEquals(0, Site.overflow(page), "no sideways scrolling at 360 px");
            Site.shot(page, "browse-360");
        }
        try (BrowserContext ctx = Site.context(Site.DESKTOP)) {
            Page page = Site.open(ctx, "/");
            assertThat(page.locator("#list .card").first()).isVisible();
            Site.shot(page, "browse-desktop");
        }
    }

    @Test
    void windowsTextAndAreaFilterTheListAndLiveInTheAddress() {
        try (BrowserContext ctx = Site.context(Site.DESKTOP)) {
            Page page = Site.open(ctx, "/");
            assertThat(page.locator("#list .card").first()).isVisible();
            page.locator(".chips button", new Page.LocatorOptions().setHasText("助学")).click();
            page.waitForURL("**/?category=EDUCATION");
            assertThat(page.locator("#list .card").first()).isVisible();
            for (String tag : page.locator("#list .card .tag").allTextContents()) assertEquals("助学", tag);

            page.locator(".chips button", new Page.LocatorOptions().setHasText("全部")).click();
            page.locator("#text").fill("透析");
            page.locator("#search button").click();
            assertThat(page.locator("#list .card")).hasCount(1);
            assertThat(page.locator("#list .card h2")).containsText("透析往返交通补助");
            assertThat(page.locator("#active")).containsText("“透析”");

            page.locator("#text").fill("");
            page.locator("#search button").click();
            page.locator("#area-details summary").click();
            page.locator("#area-province").selectOption("320000000000");
            page.locator("#area-city").selectOption("321100000000");
            page.locator("#area-county").selectOption("321181000000");
            page.locator("#area-town").selectOption("321181102000");
            page.waitForURL("**/?area=321181102000");
            assertThat(page.locator("#list .card").first()).isVisible();
            for (String text : page.locator("#list .card").allTextContents()) assertTrue(text.contains("皇塘镇"), text);
            assertThat(page.locator("#list")).not().containsText("东门村");
            Site.shot(page, "browse-area-filter-desktop");

            // The address is the filter: opening it again shows the same selection.
            Page again = Site.open(ctx, "/?category=DISABILITY&area=321181001000");
            assertThat(again.locator(".chips button[aria-pressed=true]")).hasText("助残");
            assertThat(again.locator("#area-town")).hasValue("321181001000");
            assertThat(again.locator("#list")).containsText("轮椅一台"); // other tests post needs too: not necessarily first
        }
    }

    @Test
    void loadMoreFollowsTheCursorUntilTheEnd() {
        String tag = Http.unique("翻页");
        String poster = Http.token(Http.unique("poster"), Http.XIMEN, "poster");
        for (int i = 0; i < 12; i++) Http.published(poster, Http.XIMEN, "EMPLOYMENT", tag + " 第" + i + "项", 1);
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/?text=" + tag);
            assertThat(page.locator("#list .card")).hasCount(10);
            page.locator("#load-more").click();
            assertThat(page.locator("#list .card")).hasCount(12);
            assertThat(page.locator("#load-more")).hasCount(0);
            assertThat(page.locator("#more")).containsText("已经到底了");
            List<String> titles = page.locator("#list .card h2 a").allTextContents();
            assertEquals(12, titles.stream().distinct().count(), "no need twice across pages: " + titles);
        }
    }

    @Test
    void nothingFoundSaysSoAndOffersToClearTheFilters() {
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/?text=" + Http.unique("没有这样的需求"));
            assertThat(page.locator("#list .state")).containsText("没有符合条件的需求");
            page.locator("#list .state button").click();
            page.waitForURL(Site.base() + "/");
            assertThat(page.locator("#list .card").first()).isVisible();
            Site.shot(page, "browse-after-clear-360");
        }
    }

    /** A weak line: the list request fails twice (first try and the automatic retry), then the retry button works. */
    @Test
    void aFailedLoadShowsTheErrorAndTheRetryButtonBringsTheListBack() {
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            AtomicInteger failed = new AtomicInteger();
            ctx.route("**/api/needs?*", route -> {
                failed.incrementAndGet();
                route.abort("timedout");
            });
            ctx.route("**/snapshots/lists/**", route -> route.abort("timedout")); // the first page's snapshot is unreachable too
            Page page = Site.open(ctx, "/");
            Locator error = page.locator("#list .state.error");
            assertThat(error).containsText("网络");
            assertEquals(2, failed.get(), "a GET is tried twice before the page gives up");
            Site.shot(page, "browse-error-360");
            ctx.unroute("**/api/needs?*");
            ctx.unroute("**/snapshots/lists/**");
            error.locator("button.retry").click();
            assertThat(page.locator("#list .card").first()).isVisible();
            assertThat(page.locator("#list .state.error")).hasCount(0);
        }
    }

    @Test
    void whileTheListIsOnItsWayThePageShowsItIsLoading() {
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            // Hold the answer back until the loading state has been seen.
            java.util.concurrent.CompletableFuture<Void> seen = new java.util.concurrent.CompletableFuture<>();
            ctx.route("**/api/needs?*", route -> {
                seen.thenRun(route::resume);
            });
            ctx.route("**/snapshots/lists/**", route -> seen.thenRun(route::resume)); // the first page is a snapshot
            Page page = Site.open(ctx, "/");
            assertThat(page.locator("#list[aria-busy=true] .skeleton").first()).isVisible();
            assertThat(page.locator("#list [role=status]")).hasText("加载中…");
            seen.complete(null);
            assertThat(page.locator("#list .card").first()).isVisible();
            assertThat(page.locator("#list")).not().hasAttribute("aria-busy", "true");
        }
    }
}
