package org.bangfu.lambda;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.AreaRegistry;
import org.bangfu.core.Category;
import org.bangfu.core.ChineseIdNumber;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.NeedDraft;
import org.bangfu.core.NeedState;
import org.bangfu.core.PublicNeed;
import org.bangfu.core.Role;
import org.junit.jupiter.api.Test;

class ShareCardPageTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    private static final List<String> AREA = List.of("江苏省", "镇江市", "丹阳市", "云阳街道", "东门村");

    private static PublicNeed need(String title, String description, NeedState state, int quantity, int remaining) {
        return new PublicNeed("nabcdefghjkmn", Category.EDUCATION, title, description, "套", 2400, TODAY.plusDays(30),
                new AreaCode("321181001201"), "蒋**", state, quantity, remaining, Instant.parse("2026-02-01T00:00:00Z"));
    }

    private static String meta(String html, String attr, String key) {
        Matcher m = Pattern.compile("<meta " + attr + "=\"" + Pattern.quote(key) + "\" content=\"([^\"]*)\">").matcher(html);
        assertTrue(m.find(), key + " missing in\n" + html);
        String v = m.group(1);
        assertFalse(m.find(), key + " twice");
        return v;
    }

    @Test
    void cardCarriesOpenGraphAndWeChatTagsWithAbsoluteUrlsAndSendsPeopleToTheNeedPage() {
        String html = ShareCardPage.card(need("小学生书包和文具", "新学期需要书包和文具套装。", NeedState.PUBLISHED, 20, 12), AREA,
                "https://bangfu.example.cn", TODAY);
        assertEquals("【助学】小学生书包和文具 · 帮扶认领", meta(html, "property", "og:title"));
        assertEquals(meta(html, "property", "og:title"), meta(html, "itemprop", "name"));
        String d = meta(html, "property", "og:description");
        assertEquals(d, meta(html, "itemprop", "description"));
        assertEquals(d, meta(html, "name", "description"));
        assertTrue(d.startsWith("还需 12/20 套（约 2400 元） · 截止 2026-03-31。丹阳市云阳街道东门村："), d);
        assertEquals("https://bangfu.example.cn/img/share/education.png", meta(html, "property", "og:image"));
        assertEquals(meta(html, "property", "og:image"), meta(html, "itemprop", "image"));
        assertEquals("https://bangfu.example.cn/share/nabcdefghjkmn", meta(html, "property", "og:url"));
        assertTrue(html.contains("<meta http-equiv=\"refresh\" content=\"0; url=/need.html?id=nabcdefghjkmn\">"));
        assertTrue(html.contains("<a href=\"/need.html?id=nabcdefghjkmn\">"), "a plain link for browsers that ignore refresh");
        assertTrue(html.indexOf("<img ") < html.indexOf("<h1>"), "the large image comes first (WeChat's thumbnail)");
    }

    @Test
    void everythingThePosterTypedIsEscaped() {
        String html = ShareCardPage.card(need("<script>alert(1)</script>\"'&", "说明 \"><img src=x onerror=alert(2)> 结束",
                NeedState.PUBLISHED, 1, 1), AREA, "", TODAY);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img src=x"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"), html);
        assertFalse(meta(html, "property", "og:description").contains("\""));
    }

    @Test
    void statesOtherThanOpenSayWhereTheNeedStands() {
        assertTrue(ShareCardPage.description(need("t", "d", NeedState.FULFILLED, 1, 0), AREA, TODAY).startsWith("已完成帮扶"));
        assertTrue(ShareCardPage.description(need("t", "d", NeedState.CLAIMED, 1, 0), AREA, TODAY).startsWith("已被认领"));
        assertTrue(ShareCardPage.description(need("t", "d", NeedState.DELIVERED, 1, 0), AREA, TODAY).startsWith("已被认领"));
        assertTrue(ShareCardPage.description(need("t", "d", NeedState.PUBLISHED, 1, 1), AREA, TODAY.plusDays(31)).startsWith("已过截止日期"));
    }

    @Test
    void longDescriptionsAreClippedOnCharacterBoundariesAndLinesJoined() {
        String longText = "第一行\n第二行" + "😀".repeat(100);
        String d = ShareCardPage.description(need("t", longText, NeedState.PUBLISHED, 1, 1), AREA, TODAY);
        assertTrue(d.endsWith("…"), d);
        assertTrue(d.contains("第一行 第二行"), d);
        String clipped = d.substring(d.indexOf("第一行"));
        assertEquals(81, clipped.codePointCount(0, clipped.length()));
        assertFalse(Character.isHighSurrogate(clipped.charAt(clipped.length() - 2)), "no emoji cut in half");
    }

    /** The card is made from PublicNeed.of(need): nothing of the household or the contact can reach it. */
    @Test
    void noPersonalDataOfTheHouseholdOrTheContactReachesTheCard() {
        Lifecycle life = new Lifecycle(Clock.fixed(Instant.parse("2026-03-01T02:00:00Z"), ZoneOffset.UTC), AreaRegistry.bundled());
        String idNumber = ChineseIdNumber.withCheck("32118119500101123");
        NeedDraft draft = new NeedDraft(Category.MEDICAL, "助听器一副", "老人听力严重下降，需要验配一副助听器。", 1, "副", 1500,
                TODAY.plusDays(10), new AreaCode("321181001201"), "李德胜", idNumber, "13812345678", "东门村8组2号",
                "李书记", "13900001111");
        Actor poster = new Actor("p", "李书记", EnumSet.of(Role.POSTER), new AreaCode("321181001201"));
        var posting = life.post(draft, poster, "nabcdefghjkmn");
        String html = ShareCardPage.card(PublicNeed.of(posting.need()), AREA, "https://x.cn", TODAY);
        for (String secret : List.of("李德胜", idNumber, "13812345678", "东门村8组2号", "13900001111", "李书记")) {
            assertFalse(html.contains(secret), "card leaks " + secret);
        }
    }

    @Test
    void notFoundPageIsFriendlyAndLinksHome() {
        String html = ShareCardPage.notFound("https://x.cn");
        assertTrue(html.contains("没有找到这个需求"));
        assertTrue(html.contains("<a href=\"https://x.cn/\">"));
        assertTrue(html.contains("noindex"));
    }
}
