package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/** GET /share/{id} through the gateway: a card for public needs only, built from the public view, escaped. */
class ShareCardTest {
    private final Api api = TestPlatform.api();

    private static String og(String html, String property) {
        Matcher m = Pattern.compile("<meta property=\"" + Pattern.quote(property) + "\" content=\"([^\"]*)\">").matcher(html);
        assertTrue(m.find(), property + " missing:\n" + html);
        return m.group(1);
    }

    @Test
    void aPublishedNeedHasACardWithAbsoluteImageAndNoPersonalData() {
        Api.Village v = api.village(Api.DONGMEN);
        String id = api.publishedNeed(v, "DISABILITY", 2);
        Api.Reply r = api.get("/share/" + id, null);
        assertEquals(200, r.status(), r.raw());
        assertEquals("text/html;charset=utf-8", r.headers().firstValue("content-type").orElseThrow().replace(" ", "")); // the function's or its snapshot's (S3 may drop the space)
        assertTrue(r.headers().firstValue("content-security-policy").orElseThrow().contains("default-src 'none'"));
        String title = api.get("/api/needs/" + id, null).text("title");
        assertEquals("【助残】" + title + " · 帮扶认领", og(r.raw(), "og:title"));
        assertTrue(og(r.raw(), "og:description").startsWith("还需 2/2 个"), og(r.raw(), "og:description"));
        assertEquals(api.base() + "/img/share/disability.png", og(r.raw(), "og:image"), "absolute, from the request's host");
        assertEquals(api.base() + "/share/" + id, og(r.raw(), "og:url"));
        assertTrue(r.raw().contains("<meta itemprop=\"image\" content=\"" + api.base() + "/img/share/disability.png\">"));
        assertTrue(r.raw().contains("url=/need.html?id=" + id));
        for (String personal : List.of("王小明", "13812345678", "东门村3组18号", "13900001111", "李书记")) {
            assertFalse(r.raw().contains(personal), "card shows " + personal);
        }
        // The image it names is really served by the site.
        assertEquals(200, api.get("/img/share/disability.png", null).status());
    }

    @Test
    void whatThePosterTypedCannotBreakOutOfTheHtml() {
        Api.Village v = api.village(Api.DONGMEN);
        ObjectNode body = Api.needBody(v.area(), "MEDICAL", 1, Api.newIdNumber());
        body.put("title", "<b>药</b>\"'&");
        body.put("description", "</title><script>alert(1)</script> 需要药品和复诊交通费用");
        Api.Reply posted = api.post("/api/needs", v.poster(), body);
        assertEquals(201, posted.status(), posted.toString());
        String id = posted.text("id");
        api.post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "approve"));
        api.post("/api/needs/" + id + "/reviews", v.volunteer(), Json.object().put("decision", "approve"));
        String html = api.get("/share/" + id, null).raw();
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains("&lt;b&gt;药&lt;/b&gt;&quot;&#39;&amp;"), html);
    }

    @Test
    void pendingRejectedUnknownAndMalformedIdsGetTheFriendly404Page() {
        Api.Village v = api.village(Api.DONGMEN);
        String pending = api.postNeed(v, "EDUCATION", 1);
        for (String id : List.of(pending, "nzzzzzzzzzzzz", "not-an-id", "n%3Cscript%3E")) {
            Api.Reply r = api.get("/share/" + id, null);
            assertEquals(404, r.status(), id);
            assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("text/html"), id);
            assertTrue(r.raw().contains("没有找到这个需求"), id);
            assertFalse(r.raw().contains("<script"), id);
        }
    }

    @Test
    void aFulfilledNeedsCardSaysItWasDoneSoOldLinksStayTrue() {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        String id = api.publishedNeed(v, "HOME_IMPROVEMENT", 1);
        String claimId = api.post("/api/needs/" + id + "/claims", helper, null).body().path("claim").path("id").asText();
        String path = "/api/needs/" + id + "/claims/" + claimId;
        assertCardSays(id, "已被认领");
        api.post(path + "/delivered", helper, Json.object().put("note", "已完成"));
        assertEquals(200, api.post(path + "/confirm", v.admin(), null).status());
        assertCardSays(id, "已完成帮扶");
    }

    /** /share/* is answered from the card's snapshot when there is one, rebuilt from the stream a moment after a change. */
    private void assertCardSays(String id, String start) {
        long until = System.nanoTime() + 20_000_000_000L;
        String card = api.get("/share/" + id, null).raw();
        while (!og(card, "og:description").startsWith(start) && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            card = api.get("/share/" + id, null).raw();
        }
        assertTrue(og(card, "og:description").startsWith(start), card);
    }
}
