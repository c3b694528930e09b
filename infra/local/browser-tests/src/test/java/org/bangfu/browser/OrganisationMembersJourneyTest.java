package org.bangfu.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.*;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.bangfu.lambda.Json;
import org.bangfu.local.LocalPlatform;
import org.bangfu.store.Dynamo;
import org.bangfu.store.PeopleStore;
import org.junit.jupiter.api.Test;

/**
 * An organisation's members panel in 供给与单位 at 360 px on a slow line: its manager adds colleagues by
 * the phone they sign in with (plain words for a missing, malformed, unknown or already-added phone; one
 * tap sends one request, the button off meanwhile), the list shows phones masked, a member is taken off
 * (asked once), a plain member leaves, and the manager hands over (or, where the hand-over is not
 * deployed, the button goes and the page says so).
 */
class OrganisationMembersJourneyTest extends BrowserTest {
    private static final String DANYANG = "321181000000";

    /** A helper who has signed in by phone once (as a first sign-in leaves them): id and phone. */
    private record Colleague(String id, String phone, String token) {
        String national() {
            return phone.substring(3);
        }

        String masked() {
            return national().substring(0, 3) + "****" + national().substring(7);
        }
    }

    private static Colleague colleague(String name) {
        String phone = "+86139" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
        String id = Http.unique("colleague");
        new PeopleStore(Dynamo.client(), LocalPlatform.TABLE).getOrCreate(phone, id, name, Instant.now());
        return new Colleague(id, phone, Http.token(id, null, "helper"));
    }

    /** A browser profile signed in as {@code sub} (a dev token), as the sign-in page would leave it. */
    private static BrowserContext as(String sub, String token) {
        BrowserContext ctx = Site.context(Site.PHONE);
        String session = "{\"token\":\"" + token + "\",\"expires\":" + (System.currentTimeMillis() + 3_600_000L)
                + ",\"refresh\":null,\"user\":{\"sub\":\"" + sub + "\",\"name\":\"" + sub + "\",\"groups\":[\"helper\"],\"area\":null,\"roles\":[]}}";
        ctx.addInitScript("try { sessionStorage.setItem('bangfu.session', " + Json.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(session)) + "); } catch (e) {}");
        return ctx;
    }

    /** 3G as BudgetAndAccessTest's: every request takes a while, so a second tap would land while the first is out. */
    private static void slow3g(BrowserContext ctx, Page page) {
        com.microsoft.playwright.CDPSession cdp = ctx.newCDPSession(page);
        cdp.send("Network.enable");
        com.google.gson.JsonObject c = new com.google.gson.JsonObject();
        c.addProperty("offline", false);
        c.addProperty("latency", 400);
        c.addProperty("downloadThroughput", 400 * 1024 / 8);
        c.addProperty("uploadThroughput", 400 * 1024 / 8);
        cdp.send("Network.emulateNetworkConditions", c);
    }

    private static String verifiedOrganisation(String managerToken, String name) {
        Http.Reply r = Http.send("POST", "/api/organisations", managerToken, Json.object().put("name", name).put("kind", "COMPANY")
                .put("areaCode", DANYANG).set("contact", Json.object().put("name", "周经理").put("phone", "13900002222")));
        assertEquals(201, r.status(), r.raw());
        String org = r.json().path("id").asText();
        Http.Reply v = Http.send("POST", "/api/organisations/" + org + "/decision", Http.demoToken("danyang-minzheng"), Json.object().put("decision", "approve"));
        assertEquals(200, v.status(), v.raw());
        return org;
    }

    @Test
    void aManagerAddsByPhoneTakesOffHandsOverAndAMemberLeaves() {
        String manager = Http.unique("manager");
        String managerToken = Http.token(manager, null, "helper");
        String company = Http.unique("丹阳成员测试公司");
        String org = verifiedOrganisation(managerToken, company);
        Colleague zhou = colleague("周师傅");
        Colleague li = colleague("李会计");
        Colleague wu = colleague("吴司机");
        String unknown = "139" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));

        try (BrowserContext ctx = as(manager, managerToken)) {
            AtomicInteger adds = new AtomicInteger();
            ctx.onRequest(r -> { if (r.method().equals("POST") && r.url().endsWith("/members")) adds.incrementAndGet(); });
            Page page = Site.open(ctx, "/supply.html");
            Locator panel = page.locator("section.members[data-org='" + org + "']");
            assertThat(panel.locator("li.member")).hasCount(1);
            assertThat(panel.locator("li.member")).containsText("管理人");
            Locator form = panel.locator("form.member-form");
            Locator send = form.locator("button[type=submit]");

            // Nothing typed: stopped in the page, nothing sent.
            send.click();
            assertThat(form.locator("[data-for=phone]")).hasText("请填写手机号。");
            assertThat(form.locator("[data-for=name]")).hasText("请填写姓名或称呼。");
            assertEquals(0, adds.get());
            // Not a number: the server's 400 at the phone input, in plain words.
            form.locator("[name=phone]").fill("12345");
            form.locator("[name=name]").fill("小周");
            send.click();
            assertThat(form.locator("[data-for=phone]")).containsText("手机号格式不对");
            // Nobody signed in with it: what to ask the colleague to do.
            form.locator("[name=phone]").fill(unknown);
            send.click();
            assertThat(panel.locator(".members-status")).containsText("请对方先用这个手机号登录一次");
            assertThat(panel.locator("li.member")).hasCount(1);

            // Typed as people type it: added, shown masked, the whole number nowhere on the page.
            String n = zhou.national();
            form.locator("[name=phone]").fill(n.substring(0, 3) + " " + n.substring(3, 7) + " " + n.substring(7));
            send.click();
            assertThat(page.locator("#flash")).containsText("已添加成员：小周");
            panel = page.locator("section.members[data-org='" + org + "']");
            Locator zhouRow = panel.locator("li.member[data-person='" + zhou.id() + "']");
            assertThat(zhouRow).containsText(zhou.masked());
            assertThat(zhouRow).containsText("成员");
            assertFalse(page.content().contains(n), "the whole number is on the page");
            // Again: already a member.
            form = panel.locator("form.member-form");
            form.locator("[name=phone]").fill(zhou.phone());
            form.locator("[name=name]").fill("小周");
            form.locator("button[type=submit]").click();
            assertThat(panel.locator(".members-status")).containsText("此人已是本单位成员");

            // On a slow line, two taps: one request, the button off while it is out.
            slow3g(ctx, page);
            int before = adds.get();
            form.locator("[name=phone]").fill(li.phone());
            form.locator("[name=name]").fill("李会计");
            form.evaluate("f => { f.requestSubmit(); f.requestSubmit(); }");
            assertThat(form.locator("button[type=submit]")).isDisabled();
            assertThat(page.locator("#flash")).containsText("已添加成员：李会计", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            assertEquals(before + 1, adds.get(), "one tap, one request");
            panel = page.locator("section.members[data-org='" + org + "']");
            form = panel.locator("form.member-form");
            form.locator("[name=phone]").fill(wu.phone());
            form.locator("[name=name]").fill("吴司机");
            form.locator("button[type=submit]").click();
            assertThat(page.locator("#flash")).containsText("已添加成员：吴司机", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            panel = page.locator("section.members[data-org='" + org + "']");
            assertThat(panel.locator("li.member")).hasCount(4);
            Site.shot(page, "members-360");
            assertEquals(0, Site.overflow(page));

            // Taken off, asked once: cancelled, nothing happens; accepted, gone.
            AtomicInteger asked = new AtomicInteger();
            page.onceDialog(d -> { asked.incrementAndGet(); d.dismiss(); });
            panel.locator("li.member[data-person='" + wu.id() + "'] button.remove-member").click();
            assertEquals(1, asked.get());
            assertThat(panel.locator("li.member")).hasCount(4);
            page.onceDialog(d -> { asked.incrementAndGet(); assertTrue(d.message().contains("吴司机"), d.message()); d.accept(); });
            panel.locator("li.member[data-person='" + wu.id() + "'] button.remove-member").click();
            assertThat(page.locator("#flash")).containsText("已把“吴司机”移出本单位", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            assertEquals(2, asked.get(), "asked once per tap");
            assertThat(page.locator("li.member[data-person='" + wu.id() + "']")).hasCount(0);
        }

        // A plain member: colleagues' phones masked, no add form nor remove buttons; leaves, asked once.
        try (BrowserContext ctx = as(li.id(), li.token())) {
            Page page = Site.open(ctx, "/supply.html");
            Locator panel = page.locator("section.members[data-org='" + org + "']");
            assertThat(panel.locator("li.member[data-person='" + zhou.id() + "']")).containsText(zhou.masked());
            assertThat(panel.locator("form.member-form")).hasCount(0);
            assertThat(panel.locator("button.remove-member, button.make-manager")).hasCount(0);
            assertFalse(page.content().contains(zhou.national()));
            assertEquals(0, Site.overflow(page));
            page.onceDialog(d -> d.accept());
            panel.locator("button.leave-org").click();
            assertThat(page.locator("#flash")).containsText("你已退出该单位");
            assertThat(page.locator("section.members[data-org='" + org + "']")).hasCount(0);
        }

        // The hand-over (PATCH …/members/{personId} {role: MANAGER}): where it is deployed it swaps the roles;
        // where it is not (API Gateway's own 404 for the route), the button goes and the page says so.
        boolean deployed = Http.send("PATCH", "/api/organisations/" + org + "/members/" + zhou.id(), null, Json.object().put("role", "MANAGER")).status() != 404;
        try (BrowserContext ctx = as(manager, managerToken)) {
            Page page = Site.open(ctx, "/supply.html");
            Locator panel = page.locator("section.members[data-org='" + org + "']");
            page.onceDialog(d -> d.accept());
            panel.locator("li.member[data-person='" + zhou.id() + "'] button.make-manager").click();
            if (deployed) {
                assertThat(page.locator("#flash")).containsText("已把管理人移交给“小周”");
                panel = page.locator("section.members[data-org='" + org + "']");
                assertThat(panel.locator("li.member[data-person='" + zhou.id() + "']")).containsText("管理人");
                assertThat(panel.locator("form.member-form")).hasCount(0);
                assertThat(panel.locator("button.leave-org")).isVisible();
            } else {
                assertThat(panel.locator(".members-status")).containsText("移交管理人的功能还没有开通");
                assertThat(panel.locator("button.make-manager")).hasCount(0);
                assertThat(panel.locator("form.member-form button[type=submit]")).isEnabled();
            }
        }
    }

    /** Where the hand-over route is not deployed (API Gateway answers 404 without our error body), the button goes. */
    @Test
    void withoutTheHandOverRouteTheButtonGoesAndThePageSaysSo() {
        String manager = Http.unique("manager");
        String managerToken = Http.token(manager, null, "helper");
        String org = verifiedOrganisation(managerToken, Http.unique("丹阳移交测试公司"));
        Colleague zhou = colleague("周师傅");
        assertEquals(201, Http.send("POST", "/api/organisations/" + org + "/members", managerToken,
                Json.object().put("phone", zhou.phone()).put("name", "小周")).status());
        try (BrowserContext ctx = as(manager, managerToken)) {
            ctx.route("**/api/organisations/*/members/*", r -> {
                if (r.request().method().equals("PATCH")) r.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(404)
                        .setContentType("application/json").setBody("{\"message\":\"Not Found\"}"));
                else r.resume();
            });
            Page page = Site.open(ctx, "/supply.html");
            Locator panel = page.locator("section.members[data-org='" + org + "']");
            page.onceDialog(d -> d.accept());
            panel.locator("li.member[data-person='" + zhou.id() + "'] button.make-manager").click();
            assertThat(panel.locator(".members-status")).containsText("移交管理人的功能还没有开通");
            assertThat(panel.locator("button.make-manager")).hasCount(0);
            assertThat(panel.locator("button.remove-member")).isEnabled();
        }
    }
}
