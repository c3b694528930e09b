package org.bangfu.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.bangfu.lambda.Json;
import org.bangfu.core.ChineseIdNumber;
import org.junit.jupiter.api.Test;

/** The poster's form: client checks mirror the server's; the server's own 400 fields land at the right inputs. */
class FormErrorsTest extends BrowserTest {

    @Test
    void anEmptyFormIsStoppedInTheBrowserWithAnErrorAtEveryRequiredInput() {
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            AtomicInteger posts = new AtomicInteger();
            ctx.onRequest(r -> { if (r.method().equals("POST") && r.url().endsWith("/api/needs")) posts.incrementAndGet(); });
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "li-shuji");
            page.navigate("/post.html");
            page.locator("#f-contact-name").fill("");
            page.locator("#submit").click();
            assertThat(page.locator("#summary .notice.bad")).isVisible();
            for (String id : List.of("f-category", "f-title", "f-description", "f-unit", "f-household-name", "f-household-idNumber",
                    "f-household-phone", "f-household-address", "f-contact-name", "f-contact-phone")) {
                assertThat(page.locator("#" + id)).hasAttribute("aria-invalid", "true");
                assertThat(page.locator("#" + id + "-error")).not().isEmpty();
            }
            assertThat(page.locator("#f-title-error")).hasText("必填");
            assertEquals(0, posts.get(), "nothing was sent");
            Site.shot(page, "post-client-errors-360");
        }
    }

    /** The request is altered on its way (as a stale page or a bug could), so only the server can catch it. */
    @Test
    void theServersFieldErrorsAreShownNextToTheirInputs() {
        try (BrowserContext ctx = Site.context(Site.DESKTOP)) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "li-shuji");
            page.navigate("/post.html");
            PostReviewTest.fillValidForm(page, Http.unique("窗户修理"), Http.newIdNumber());
            AtomicInteger status = new AtomicInteger();
            page.route("**/api/needs", route -> {
                ObjectNode body = (ObjectNode) parse(route.request().postData());
                String good = body.path("household").path("idNumber").asText();
                ((ObjectNode) body.path("household")).put("idNumber", good.substring(0, 17) + (good.charAt(17) == '1' ? '2' : '1'));
                body.put("unit", "x".repeat(11));
                route.resume(new Route.ResumeOptions().setPostData(Json.write(body)));
            });
            page.onResponse(r -> { if (r.url().endsWith("/api/needs")) status.set(r.status()); });
            page.locator("#submit").click();
            assertThat(page.locator("#f-household-idNumber-error")).containsText("校验位不正确");
            assertThat(page.locator("#f-unit-error")).containsText("长度须为 1 到 10");
            assertThat(page.locator("#f-household-idNumber")).hasAttribute("aria-invalid", "true");
            assertThat(page.locator("#f-title")).not().hasAttribute("aria-invalid", "true");
            assertThat(page.locator("#summary")).containsText("有 2 处需要修改");
            assertEquals(400, status.get());
            Site.shot(page, "post-server-errors-desktop");
        }
    }

    /**
     * The same drafts through rules.js in the page and through POST /api/needs: the same fields
     * are flagged. This is what keeps the form's checks and NeedDraft in step.
     */
    @Test
    void theFormsRulesFlagExactlyTheFieldsTheServerFlags() {
        String poster = Http.demoToken("li-shuji");
        List<Consumer<ObjectNode>> breaks = List.of(
                d -> d.remove("category"),
                d -> d.put("category", ""),
                d -> d.put("title", "x"),
                d -> d.put("title", "   "),
                d -> d.put("title", "两行\n标题"),
                d -> d.put("title", "看\u202E不见"),
                d -> d.put("title", "\u00A0一"),                 // a no-break space is not blank for Java's strip()
                d -> d.put("description", "太短"),
                d -> d.put("description", "第一行说明文字很长很长\r\n第二行\t制表"),
                d -> d.put("quantity", "0"),
                d -> d.put("quantity", "1.5"),
                d -> d.put("quantity", "10001"),
                d -> d.put("quantity", "99999999999"),
                d -> d.put("quantity", ""),
                d -> d.put("unit", "十一个字的单位名称很长"),
                d -> d.put("valueYuan", "-1"),
                d -> d.put("valueYuan", "1000001"),
                d -> d.put("deadline", Http.today().minusDays(1).toString()),
                d -> d.put("deadline", Http.today().plusDays(367).toString()),
                d -> d.put("deadline", "2027-02-30"),
                d -> d.put("deadline", ""),
                d -> d.put("areaCode", "321181001000"),        // a town, not a village
                d -> d.put("areaCode", "321181001299"),        // a village code not in the tree
                d -> d.put("areaCode", "320000001000"),        // skips a level
                d -> d.put("areaCode", "12345"),
                d -> d.remove("areaCode"),
                d -> household(d).put("idNumber", ChineseIdNumber.withCheck("32118119500101123").substring(0, 17) + "Y"),
                d -> household(d).put("idNumber", "321181195002301234"),
                d -> household(d).put("idNumber", withWrongCheck("32118118990101123")),
                d -> household(d).put("idNumber", ChineseIdNumber.withCheck("00118119500101123")),
                d -> household(d).put("idNumber", withWrongCheck("32118119500101123")),
                d -> household(d).put("idNumber", ""),
                d -> household(d).put("phone", "12345"),
                d -> household(d).put("phone", " 13812345678"),
                d -> household(d).put("phone", "025-12345678"),  // valid landline: no error expected
                d -> household(d).put("address", "太短"),
                d -> household(d).remove("name"),
                d -> contact(d).put("name", "李"),
                d -> contact(d).put("phone", "1381234567"),
                d -> { d.remove("title"); d.put("quantity", "abc"); household(d).put("phone", ""); },
                // Public text carrying an ID or phone number (the household's, the contact's, anyone's).
                d -> d.put("title", "棉衣 138 1234 5678"),
                d -> d.put("description", "请联系村里 0511-86001234，家中老人需要棉衣。"),
                d -> d.put("description", "身份证号 " + household(d).path("idNumber").asText() + " 的老人需要棉衣。"),
                d -> d.put("description", "老人今年 72 岁，2025 年冬天需要 2 件棉衣。")); // ordinary numbers: no error expected
        List<String> mismatches = new ArrayList<>();
        try (BrowserContext ctx = Site.context(Site.DESKTOP)) {
            Page page = Site.open(ctx, "/post.html");
            page.waitForFunction("document.querySelector('#main h1') !== null");
            for (int i = 0; i < breaks.size(); i++) {
                ObjectNode draft = validDraft();
                breaks.get(i).accept(draft);
                JsonNode client = (JsonNode) parseObject(page.evaluate("""
                        async (d) => {
                          const rules = await import('/js/rules.js');
                          const areas = await import('/js/areas.js');
                          await areas.loadAreas();
                          const today = (await import('/js/ui.js')).todayInChina();
                          return JSON.stringify({ fields: rules.problems(d, today, (c) => !!areas.area(c)).map((p) => p.field),
                                                  body: rules.toBody(d) });
                        }""", new com.fasterxml.jackson.databind.ObjectMapper().convertValue(draft, java.util.Map.class)));
                Http.Reply server = Http.send("POST", "/api/needs", poster, client.path("body"));
                Set<String> clientFields = fields(client.path("fields"), null);
                Set<String> serverFields = server.status() == 201 ? Set.of() : fields(server.json().path("fields"), "field");
                if (server.status() != 400 && server.status() != 201) mismatches.add("case " + i + ": server said " + server.raw());
                if (!clientFields.equals(serverFields)) mismatches.add("case " + i + " " + draft + ": client " + clientFields + " server " + serverFields);
            }
        }
        assertEquals(List.of(), mismatches);
    }

    private static ObjectNode validDraft() {
        ObjectNode d = Json.object().put("category", "DAILY_LIVING").put("title", "冬季棉衣两件")
                .put("description", "家中老人冬季衣物单薄，需要两件厚棉衣过冬。").put("quantity", "2").put("unit", "件")
                .put("valueYuan", "").put("deadline", Http.today().plusDays(30).toString()).put("areaCode", Http.DONGMEN);
        d.putObject("household").put("name", "钱奶奶").put("idNumber", Http.newIdNumber()).put("phone", "13812345678").put("address", "东门村7组5号");
        d.putObject("contact").put("name", "李书记").put("phone", "0511-86001234");
        return d;
    }

    private static ObjectNode household(ObjectNode d) {
        return (ObjectNode) d.path("household");
    }

    private static ObjectNode contact(ObjectNode d) {
        return (ObjectNode) d.path("contact");
    }

    private static String withWrongCheck(String first17) {
        String good = ChineseIdNumber.withCheck(first17);
        return first17 + (good.charAt(17) == '1' ? '2' : '1');
    }

    private static Set<String> fields(JsonNode list, String key) {
        Set<String> out = new TreeSet<>();
        list.forEach(f -> out.add(key == null ? f.asText() : f.path(key).asText()));
        return out;
    }

    private static JsonNode parse(String s) {
        try {
            return Json.parse(s);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object parseObject(Object s) {
        return parse((String) s);
    }
}
