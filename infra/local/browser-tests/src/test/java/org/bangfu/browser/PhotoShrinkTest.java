package org.bangfu.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.FilePayload;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A camera photo is shrunk on the phone before it goes to S3 (a village's 3G line carries a few
 * hundred KB, not 5 MB): what the browser posts is a JPEG at most 2048 px on the long edge, upright,
 * without EXIF; a file the browser cannot decode goes as it is, and one the server does not take is
 * refused in the server's words.
 */
class PhotoShrinkTest extends BrowserTest {
    private static final LocatorAssertions.HasTextOptions SLOW = new LocatorAssertions.HasTextOptions().setTimeout(30_000);
    private static final LocatorAssertions.ContainsTextOptions SLOW_PART = new LocatorAssertions.ContainsTextOptions().setTimeout(30_000);

    /** One file posted to S3: the multipart part's content type and bytes. */
    private record Sent(String contentType, byte[] bytes) {
    }

    @Test
    void aLargeCameraPhotoIsShrunkToAJpegOfAtMost2048PxBeforeUpload() throws Exception {
        // 4000 × 3000 stored landscape with EXIF orientation 6 (as phones do): upright it is 3000 × 4000.
        byte[] original = cameraJpeg(4000, 3000, 6);
        Path file = Files.createTempFile("IMG_4000x3000-", ".jpg");
        Files.write(file, original);
        Need need = newNeed("屋顶漏雨大图");

        List<Sent> sent;
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = signedIn(ctx);
            Locator item = item(page, need);
            Locator add = item.locator("[data-photos=add]");
            add.locator("input[type=file][capture]").setInputFiles(file);
            assertThat(add.locator("ul.uploads .ok")).hasText("已添加", SLOW);
            Locator shown = item.locator("[data-photos=review] ul.photos img");
            assertThat(shown).hasCount(1);
            shown.scrollIntoViewIfNeeded();
            assertTrue((Boolean) shown.evaluate("i => i.complete ? i.naturalWidth > 0 : new Promise(r => i.onload = () => r(i.naturalWidth > 0))"));
            assertEquals(0, Site.overflow(page));
            sent = sent(page);
        } finally {
            Files.deleteIfExists(file);
        }

        assertEquals(1, sent.size(), "one upload");
        Sent s = sent.get(0);
        assertEquals("image/jpeg", s.contentType());
        BufferedImage up = ImageIO.read(new ByteArrayInputStream(s.bytes()));
        assertNotNull(up, "a JPEG reached S3");
        assertEquals(2048, Math.max(up.getWidth(), up.getHeight()), "long edge " + up.getWidth() + "x" + up.getHeight());
        assertTrue(up.getHeight() > up.getWidth(), "upright: the EXIF orientation was applied before the EXIF was dropped");
        assertFalse(new String(s.bytes(), StandardCharsets.ISO_8859_1).contains("Exif\0"), "no EXIF leaves the phone");
        assertTrue(s.bytes().length * 4L < original.length, "much smaller: " + s.bytes().length + " of " + original.length + " bytes");
        System.out.printf("PhotoShrinkTest: %d bytes (4000x3000) -> %d bytes (%dx%d)%n", original.length, s.bytes().length, up.getWidth(), up.getHeight());

        // The need carries it: the server's copy, upright.
        JsonNode photos = Http.send("GET", "/api/needs/" + need.id() + "/photos/all", Http.demoToken("li-shuji"), null).json().path("photos");
        assertEquals(1, photos.size(), photos.toString());
        assertEquals("READY", photos.get(0).path("state").asText());
        assertEquals(1280, photos.get(0).path("height").asInt(), photos.toString());
        assertEquals(960, photos.get(0).path("width").asInt(), photos.toString());
    }

    @Test
    void aFileTheBrowserCannotDecodeGoesAsItIsAndAnUnacceptedTypeIsRefusedInTheServersWords() throws Exception {
        // JPEG's first bytes, then noise: no browser decodes it, so it must reach S3 byte for byte.
        byte[] broken = new byte[40_000];
        new Random(7).nextBytes(broken);
        broken[0] = (byte) 0xFF;
        broken[1] = (byte) 0xD8;
        byte[] heic = new byte[30_000];
        new Random(8).nextBytes(heic);
        Need need = newNeed("屋顶漏雨坏图");

        List<Sent> sent;
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = signedIn(ctx);
            Locator add = item(page, need).locator("[data-photos=add]");
            Locator choose = add.locator("input[type=file][multiple]");
            choose.setInputFiles(new FilePayload("IMG_0001.jpg", "image/jpeg", broken));
            // S3 took it; the server could not read it either, and says so.
            assertThat(add.locator("ul.uploads li").nth(0)).containsText("这个文件不是可以读取的照片", SLOW_PART);
            choose.setInputFiles(new FilePayload("IMG_0002.heic", "image/heic", heic));
            assertThat(add.locator("ul.uploads li").nth(1).locator(".field-error")).containsText("只接受 JPEG 或 PNG 照片", SLOW_PART);
            assertEquals(0, Site.overflow(page));
            Site.shot(page, "photos-fallback-360");
            sent = sent(page);
        }
        assertEquals(1, sent.size(), "only the JPEG went to S3");
        assertEquals("image/jpeg", sent.get(0).contentType());
        assertArrayEquals(broken, sent.get(0).bytes(), "sent as it is");
    }

    private record Need(String id, String title) {
    }

    /** A need of the poster's, waiting for review (so 我的 offers to add photos to it). */
    private static Need newNeed(String prefix) {
        String title = Http.unique(prefix);
        Http.Reply posted = Http.send("POST", "/api/needs", Http.demoToken("li-shuji"), Http.needBody(Http.DONGMEN, "HOME_IMPROVEMENT", title, 1));
        assertEquals(201, posted.status(), posted.raw());
        return new Need(posted.json().path("id").asText(), title);
    }

    private static Locator item(Page page, Need need) {
        return page.locator("article.item").filter(new Locator.FilterOptions().setHasText(need.title()));
    }

    /**
     * Records the file of every form an XHR sends (the presigned POST to S3; Chromium gives Playwright
     * no body for a request carrying a Blob, so the page's own request body is read here).
     */
    private static final String RECORD_UPLOADS = """
            (() => {
              const send = XMLHttpRequest.prototype.send;
              window.__uploads = [];
              XMLHttpRequest.prototype.send = function (body) {
                if (body instanceof FormData && body.get('file') instanceof Blob) window.__uploads.push(body.get('file'));
                return send.call(this, body);
              };
            })()""";

    /** The poster in 我的, the files of the uploads recorded. */
    private static Page signedIn(BrowserContext ctx) {
        ctx.addInitScript(RECORD_UPLOADS);
        Page page = Site.open(ctx, "/");
        Site.signIn(page, "li-shuji");
        page.navigate("/mine.html");
        return page;
    }

    /** The files this page has posted so far, with the type each part carried. */
    private static List<Sent> sent(Page page) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) page.evaluate("""
                () => Promise.all(window.__uploads.map((b) => new Promise((resolve) => {
                  const r = new FileReader();
                  r.onload = () => resolve({ type: b.type, data: r.result.slice(r.result.indexOf(',') + 1) });
                  r.readAsDataURL(b);
                })))""");
        return files.stream().map(f -> new Sent((String) f.get("type"), Base64.getDecoder().decode((String) f.get("data")))).toList();
    }

    /** A w×h JPEG (gradients and noise, so it weighs what a camera's does) with an EXIF block holding only an orientation. */
    private static byte[] cameraJpeg(int w, int h, int orientation) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random rnd = new Random(42);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int n = rnd.nextInt(64) - 32;
                int r = clamp(x * 255 / w + n);
                int g = clamp(y * 255 / h + n);
                int b = clamp(128 + n * 2);
                row[x] = (r << 16) | (g << 8) | b;
            }
            img.setRGB(0, y, w, 1, row, 0, w);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.92f);
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
        byte[] plain = out.toByteArray();
        // APP1 "Exif", big-endian TIFF with one IFD entry: Orientation (0x0112, SHORT).
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0};
        ByteArrayOutputStream withExif = new ByteArrayOutputStream();
        withExif.write(plain, 0, 2);
        int len = 2 + 6 + tiff.length;
        withExif.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (len >> 8), (byte) len});
        withExif.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        withExif.writeBytes(tiff);
        withExif.write(plain, 2, plain.length - 2);
        return withExif.toByteArray();
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
