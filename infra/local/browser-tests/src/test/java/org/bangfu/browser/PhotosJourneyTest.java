package org.bangfu.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.*;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/**
 * Photos on a phone (issue 14's done-when): the poster adds a photo from the camera input to a need;
 * the reviewer sees it with the checklist; after publication the public sees it, and what is served
 * carries no EXIF (no GPS position); the helper's delivery photo reaches the poster, who agrees for
 * the family to show it once the need is met.
 */
class PhotosJourneyTest extends BrowserTest {
    /** A phone's JPEG (800 × 600, orientation 6) with an EXIF block holding a GPS position and this marker. */
    private static final String GPS_MARKER = "GPS-SECRET-32.0N-119.6E";
    private static final LocatorAssertions.HasTextOptions SLOW = new LocatorAssertions.HasTextOptions().setTimeout(30_000);

    /** The picture loads (scrolled to, as a lazy one loads when it comes into view) and has pixels. */
    private static boolean loaded(Locator img) {
        img.scrollIntoViewIfNeeded();
        return (Boolean) img.evaluate("i => i.complete ? i.naturalWidth > 0 : new Promise(r => {"
                + " i.addEventListener('load', () => r(i.naturalWidth > 0)); i.addEventListener('error', () => r(false)); })");
    }

    private static Locator itemWith(Page page, String title) {
        return page.locator("article.item").filter(new Locator.FilterOptions().setHasText(title));
    }

    @Test
    void aCameraPhotoReachesTheReviewerThenThePublicWithoutLocationAndTheDeliveryPhotoReachesThePoster() throws Exception {
        Path photo = Path.of(PhotosJourneyTest.class.getResource("/phone-photo-gps.jpg").toURI());
        assertTrue(new String(Files.readAllBytes(photo), StandardCharsets.ISO_8859_1).contains(GPS_MARKER), "the fixture carries GPS");
        String title = Http.unique("屋顶漏雨");
        String poster = Http.demoToken("li-shuji");
        Http.Reply posted = Http.send("POST", "/api/needs", poster, Http.needBody(Http.DONGMEN, "HOME_IMPROVEMENT", title, 1));
        assertEquals(201, posted.status(), posted.raw());
        String id = posted.json().path("id").asText();

        // The poster takes a photo with the phone's camera (the input that opens it) in 我的.
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "li-shuji");
            page.navigate("/mine.html");
            Locator add = itemWith(page, title).locator("[data-photos=add]");
            Locator camera = add.locator("input[type=file][capture]");
            assertEquals("environment", camera.getAttribute("capture"));
            assertEquals("image/*", camera.getAttribute("accept"));
            camera.setInputFiles(photo);
            assertThat(add.locator("ul.uploads .ok")).hasText("已添加", SLOW);
            Locator mine = itemWith(page, title).locator("[data-photos=review] ul.photos img");
            assertThat(mine).hasCount(1);
            assertTrue(loaded(mine), "the processed copy shows beside the adder");
            assertEquals(0, Site.overflow(page));
            Site.shot(page, "photos-poster-360");
        }

        // The council reviewer sees it beside the household, with the checklist.
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "wang-dabo");
            page.navigate("/review.html");
            Locator photos = page.locator("article.item[data-id='" + id + "'] [data-photos=review]");
            assertThat(photos.locator("ul.checklist")).containsText("没有人脸");
            assertThat(photos.locator("ul.checklist")).containsText("没有门牌号");
            assertThat(photos.locator("ul.photos img")).hasCount(1);
            assertTrue(loaded(photos.locator("ul.photos img")), "the reviewer's presigned copy loads under the site's CSP");
            assertThat(photos.locator("details.drop-box summary")).hasText("移除这张");
            assertEquals(0, Site.overflow(page));
            Site.shot(page, "photos-reviewer-360");
        }
        assertEquals(404, Http.send("GET", "/api/needs/" + id + "/photos", null, null).status(), "nothing public before publication");
        for (String reviewer : new String[] {"wang-dabo", "chen-xiao"}) {
            assertEquals(200, Http.send("POST", "/api/needs/" + id + "/reviews", Http.demoToken(reviewer),
                    Json.object().put("decision", "approve")).status());
        }

        // The public sees it on the need page; the bytes served have no EXIF and no GPS position.
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/need.html?id=" + id);
            Locator img = page.locator("ul.photos img");
            assertThat(img).hasCount(1);
            assertTrue(loaded(img));
            String src = img.getAttribute("src");
            assertTrue(src.startsWith("/api/photos/" + id + "/"), src);
            for (String url : new String[] {src, page.locator("ul.photos a").getAttribute("href")}) {
                HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Site.base() + url)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, served.statusCode(), url);
                assertEquals("image/jpeg", served.headers().firstValue("content-type").orElse(""));
                String bytes = new String(served.body(), StandardCharsets.ISO_8859_1);
                assertFalse(bytes.contains(GPS_MARKER) || bytes.contains("Exif\0"), url + " carries no EXIF");
            }
            assertEquals(0, Site.overflow(page));
            Site.shot(page, "photos-public-360");
        }

        // The helper claims and attaches a delivery photo to the claim in 我的.
        String helper = Http.demoToken("yunyang-yiyuan");
        Http.Reply claim = Http.send("POST", "/api/needs/" + id + "/claims", helper, null);
        assertEquals(201, claim.status(), claim.raw());
        String claimId = claim.json().path("claim").path("id").asText();
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "yunyang-yiyuan");
            page.navigate("/mine.html");
            Locator add = page.locator("article.item[data-claim='" + claimId + "'] [data-photos=add]");
            assertThat(add).containsText("送达照片");
            add.locator("input[type=file][capture]").setInputFiles(photo);
            assertThat(add.locator("ul.uploads .ok")).hasText("已添加", SLOW);
            assertThat(page.locator("article.item[data-claim='" + claimId + "'] [data-photos=delivery] ul.photos img")).hasCount(1);
            assertEquals(0, Site.overflow(page));
            Site.shot(page, "photos-helper-360");
        }
        assertEquals(200, Http.send("POST", "/api/needs/" + id + "/claims/" + claimId + "/delivered", helper,
                Json.object().put("note", "屋顶已修好。")).status());

        // The poster sees the delivery photo and agrees, for the family, to show it once the need is met.
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "li-shuji");
            page.navigate("/mine.html");
            Locator delivery = itemWith(page, title).locator("[data-photos=delivery]");
            assertThat(delivery.locator("ul.photos img")).hasCount(1);
            assertTrue(loaded(delivery.locator("ul.photos img")));
            delivery.locator("input.share").check();
            assertThat(delivery.locator(".photo-status")).hasText("已同意：需求完成后这张照片会公开。");
            assertEquals(0, Site.overflow(page));
            Site.shot(page, "photos-delivery-poster-360");
        }
        // The area admin sees it beside the claim in the confirm queue before confirming.
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/");
            Site.signIn(page, "danyang-minzheng");
            page.navigate("/admin.html");
            Locator queued = page.locator("#queue article.item[data-claim='" + claimId + "'] [data-photos=delivery] ul.photos img");
            assertThat(queued).hasCount(1);
            assertTrue(loaded(queued));
            assertEquals(0, Site.overflow(page));
        }
        assertEquals(1, Http.send("GET", "/api/needs/" + id + "/photos", null, null).json().path("photos").size(),
                "the delivery photo stays private until the need is met");
    }
}
