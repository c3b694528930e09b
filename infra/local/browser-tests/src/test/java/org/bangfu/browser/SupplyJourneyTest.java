package org.bangfu.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/**
 * The supply side as its people use it (issue 16's "done when"), at 360 px: a company registers in
 * 供给与单位, the county's admin verifies it there, the company publishes an offer of 20 wheelchairs
 * for the county, the public finds it on the offers page, a village's need is proposed to it and the
 * company accepts in the site; once the help is confirmed, the transparency page shows the company.
 */
class SupplyJourneyTest extends BrowserTest {
    private static final String DANYANG = "321181000000";

    @Test
    void aCompanyIsVerifiedPublishesAnOfferAcceptsAProposalAndIsCountedOnTheTransparencyPage() throws InterruptedException {
        String company = Http.unique("丹阳康复器材公司");
        String offerTitle = Http.unique("轮椅");
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "zhang-xiansheng");
            page.navigate("/supply.html");
            page.locator("details summary").click();
            page.locator("#org-name").fill(company);
            page.locator("#org-kind").selectOption("COMPANY");
            page.locator("#org-area").fill(DANYANG);
            page.locator("#org-contact-name").fill("周经理");
            page.locator("#org-contact-phone").fill("13900002222");
            page.locator("#org-form button[type=submit]").click();
            assertThat(page.locator("#flash")).containsText("等待所在辖区管理员审核");
            assertThat(page.locator(".item", new Page.LocatorOptions().setHasText(company))).containsText("待审核");
        }
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "danyang-minzheng");
            page.navigate("/supply.html");
            Locator pending = page.locator("section[aria-labelledby=verify-h] .item", new Page.LocatorOptions().setHasText(company));
            assertThat(pending).containsText("13900002222"); // whom to call before verifying
            pending.locator("button.approve-org").click();
            assertThat(page.locator("#flash")).containsText("已认证");
            assertEquals(0, Site.overflow(page));
        }
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "zhang-xiansheng");
            page.navigate("/supply.html");
            assertThat(page.locator(".item", new Page.LocatorOptions().setHasText(company))).containsText("联盟成员单位");
            page.locator("#offer-org").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(company));
            page.locator("#offer-kind").selectOption("GOODS");
            page.locator("#offer-category").selectOption("DISABILITY");
            page.locator("#offer-title").fill(offerTitle);
            page.locator("#offer-description").fill("可折叠轮椅二十台，免费赠送给全市行动不便的困难群众。");
            page.locator("#offer-quantity").fill("20");
            page.locator("#offer-unit").fill("台");
            page.locator("#offer-area").fill(DANYANG);
            page.locator("#offer-until").fill(Http.today().plusDays(60).toString());
            Site.shot(page, "supply-offer-360");
            page.locator("#offer-form button[type=submit]").click();
            assertThat(page.locator("#flash")).containsText("已发布");
            assertEquals(0, Site.overflow(page));
        }

        // The public finds it, and its page says what is left and who offers it.
        String offerId;
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/offers.html");
            Locator card = page.locator(".card.offer", new Page.LocatorOptions().setHasText(offerTitle));
            assertThat(card).containsText("剩余 20 / 20 台");
            card.locator("a").first().click();
            page.waitForURL("**/offer.html?id=*");
            offerId = page.url().substring(page.url().indexOf("id=") + 3);
            assertThat(page.locator("h1")).containsText(offerTitle);
            assertThat(page.locator(".facts")).containsText(company);
            assertEquals(0, Site.overflow(page));
        }

        // A village's need proposed to it (the poster's side is PostReviewTest's); the company accepts in the site.
        String needTitle = Http.unique("轮椅一台");
        String needId = Http.published(Http.demoToken("li-shuji"), Http.DONGMEN, "DISABILITY", needTitle, 1);
        Http.Reply proposed = Http.send("POST", "/api/offers/" + offerId + "/proposals", Http.demoToken("li-shuji"),
                Json.object().put("needId", needId));
        assertEquals(201, proposed.status(), proposed.raw());
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "zhang-xiansheng");
            page.navigate("/supply.html");
            Locator offer = page.locator(".item[data-offer='" + offerId + "']");
            assertThat(offer.locator(".proposal")).containsText(needTitle);
            offer.locator("button.accept").click();
            assertThat(page.locator("#flash")).containsText("已接受");
            assertThat(page.locator(".item[data-offer='" + offerId + "']")).containsText("剩余 19 / 20 台");
        }

        // Delivered and confirmed: the company's contribution is public.
        String helper = Http.demoToken("zhang-xiansheng");
        JsonNode mine = Http.send("GET", "/api/me", helper, null).json();
        String claimId = null;
        for (JsonNode c : mine.path("claims")) if (needId.equals(c.path("needId").asText())) claimId = c.path("id").asText();
        assertNotNull(claimId, mine.toString());
        assertEquals(200, Http.send("POST", "/api/needs/" + needId + "/claims/" + claimId + "/delivered", helper,
                Json.object().put("note", "轮椅已送到家中，教会老人使用。")).status());
        assertEquals(200, Http.send("POST", "/api/needs/" + needId + "/claims/" + claimId + "/confirm", Http.demoToken("li-shuji"), null).status());
        Http.awaitSnapshotOf("/snapshots/organisations/all.json", "/api/organisations?limit=10"); // the page reads the snapshot first
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/transparency.html");
            assertThat(page.locator("#orgs li", new Page.LocatorOptions().setHasText(company))).containsText("1 次帮扶 · 1 件");
        }
    }
}
