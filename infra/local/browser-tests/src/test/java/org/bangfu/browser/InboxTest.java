package org.bangfu.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/** 通知 on a phone: the header's unread count, the notice that asks the poster to confirm, read, and the settings. */
class InboxTest extends BrowserTest {

    /** The poster's inbox once the stream has told them that help for {@code title} was delivered (fails after 30 s). */
    private static JsonNode awaitDelivered(String token, String title) {
        long until = System.currentTimeMillis() + 30_000;
        JsonNode box = null;
        while (System.currentTimeMillis() < until) {
            box = Http.send("GET", "/api/me/notifications", token, null).json();
            for (JsonNode n : box.path("items")) {
                if (n.path("kind").asText().equals("CLAIM_DELIVERED") && n.path("text").asText().contains(title)) return box;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the delivered notice never came: " + box);
    }

    @Test
    void thePosterSeesTheUnreadCountReadsWhatAsksForActionAndChoosesTheSettings() {
        String title = Http.unique("轮椅");
        String poster = Http.demoToken("li-shuji");
        String id = Http.published(poster, Http.DONGMEN, "DISABILITY", title, 1);
        String helper = Http.demoToken("yunyang-yiyuan");
        Http.Reply claim = Http.send("POST", "/api/needs/" + id + "/claims", helper, null);
        assertEquals(201, claim.status(), claim.raw());
        String claimId = claim.json().path("claim").path("id").asText();
        assertEquals(200, Http.send("POST", "/api/needs/" + id + "/claims/" + claimId + "/delivered", helper,
                Json.object().put("note", "轮椅已送到家中。")).status());
        int unread = awaitDelivered(poster, title).path("unread").asInt();
        assertTrue(unread >= 1);

        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "li-shuji");
            page.navigate("/");
            Locator badge = page.locator("#inbox-link .unread-count");
            assertThat(badge).hasText(unread >= 50 ? "50+" : Integer.toString(unread));
            assertEquals(0, Site.overflow(page));
            page.locator("#inbox-link").click();
            page.waitForURL("**/inbox.html");
            Locator delivered = page.locator("li.note").filter(new Locator.FilterOptions().setHasText(title))
                    .filter(new Locator.FilterOptions().setHasText("核实"));
            assertThat(delivered).hasClass(Pattern.compile("\\bunread\\b"));
            assertThat(delivered.locator(".badge")).hasText("待处理");
            assertThat(delivered).containsText("请与家庭核实后确认");
            assertEquals(0, Site.overflow(page));
            Site.shot(page, "inbox-poster-360");
            delivered.locator("button.mark").click();
            assertThat(delivered).not().hasClass(Pattern.compile("\\bunread\\b"));
            if (page.locator("#read-all").count() > 0) page.locator("#read-all").click();
            assertThat(page.locator("li.note.unread")).hasCount(0);
            assertThat(badge).isHidden();

            // Settings: English notices, no SMS; they hold after a reload, and the texts follow the language.
            page.locator("#settings select[name=language]").selectOption("en");
            page.locator("#settings input[name=sms]").uncheck();
            page.locator("#settings button[type=submit]").click();
            assertThat(page.locator("#flash")).containsText("已保存");
            page.reload();
            assertThat(page.locator("#settings select[name=language]")).hasValue("en");
            assertThat(page.locator("#settings input[name=sms]")).not().isChecked();
            assertThat(page.locator("li.note", new Page.LocatorOptions().setHasText("Help for \"" + title + "\"")))
                    .containsText("please check with the family and confirm");
        } finally {
            Http.send("POST", "/api/me/notification-settings", poster, Json.object().put("language", "zh-CN").put("sms", true));
        }
    }
}
