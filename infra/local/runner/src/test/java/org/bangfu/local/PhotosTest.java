package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/**
 * Photos end to end, on the real local S3 server: a form from the API, the file posted straight
 * to S3 (which enforces the form's policy), the upload function run by the S3 notification, what
 * reviewers, the public, the poster and the admin see, and that no served image carries EXIF and
 * no photo of an unpublished need is reachable by any URL.
 */
class PhotosTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Api api = TestPlatform.api();

    record Upload(String photoId, String url, Map<String, String> fields) {
    }

    /** A photo uploaded as a phone would and processed: its id. */
    static String readyPhoto(Api api, String needId, Api.Who who, JsonNode body) throws Exception {
        return new PhotosTest().uploadReady(needId, who, body, TestImages.phoneJpeg(640, 480, 1));
    }

    private Upload form(String needId, Api.Who who, JsonNode body) {
        Api.Reply r = api.post("/api/needs/" + needId + "/photos", who, body);
        assertEquals(201, r.status(), r.toString());
        Map<String, String> fields = new LinkedHashMap<>();
        r.body().path("upload").path("fields").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
        assertEquals("UPLOADING", r.body().path("photo").path("state").asText());
        return new Upload(r.body().path("photo").path("id").asText(), r.body().path("upload").path("url").asText(), fields);
    }

    private static HttpResponse<String> postFile(Upload u, Map<String, String> fields, String contentType, byte[] file) throws Exception {
        String boundary = "----bangfu" + System.nanoTime();
        HttpRequest req = HttpRequest.newBuilder(URI.create(u.url())).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestImages.multipart(boundary, fields, contentType, file))).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> fetch(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String uploadReady(String needId, Api.Who who, JsonNode body, byte[] jpeg) throws Exception {
        Upload u = form(needId, who, body);
        HttpResponse<String> posted = postFile(u, u.fields(), "image/jpeg", jpeg);
        assertEquals(201, posted.statusCode(), posted.body());
        TestPlatform.platform.notifyUploads();
        return u.photoId();
    }

    private static JsonNode find(JsonNode photos, String id) {
        for (JsonNode p : photos) if (p.path("id").asText().equals(id)) return p;
        return null;
    }

    private static JsonNode needPhoto() {
        return Json.object().put("kind", "need").put("contentType", "image/jpeg");
    }

    @Test
    void needPhotosReachTheReviewersWithoutExifAndThePublicOnlyOncePublished() throws Exception {
        Api.Village v = api.village(Api.DONGMEN);
        String need = api.postNeed(v, "HOME_IMPROVEMENT", 1);
        // Portrait photo stored landscape with EXIF orientation 6 (as phones do), GPS inside.
        byte[] phone = TestImages.phoneJpeg(1600, 1200, 6);
        assertTrue(TestImages.carriesMetadata(phone));
        String kept = uploadReady(need, v.poster(), needPhoto(), phone);
        String dropped = uploadReady(need, v.poster(), needPhoto(), TestImages.phoneJpeg(800, 600, 1));

        // The reviewers see both, with the checklist and short-lived links; the copies carry no EXIF and stand upright.
        Api.Reply seen = api.get("/api/needs/" + need + "/photos/all", v.council());
        assertEquals(200, seen.status(), seen.toString());
        JsonNode mine = find(seen.body().path("photos"), kept);
        assertEquals("READY", mine.path("state").asText(), seen.toString());
        assertEquals(List.of("no-faces", "no-documents", "no-house-number"), toList(mine.path("checklist")));
        assertFalse(mine.path("public").asBoolean());
        for (String size : List.of("small", "display")) {
            HttpResponse<byte[]> img = fetch(mine.path(size).asText());
            assertEquals(200, img.statusCode(), size);
            assertFalse(TestImages.carriesMetadata(img.body()), size + " copy carries no EXIF");
            BufferedImage b = TestImages.decode(img.body());
            assertTrue(b.getHeight() > b.getWidth(), size + " copy is upright (orientation applied)");
            assertTrue(Math.max(b.getWidth(), b.getHeight()) <= (size.equals("small") ? 320 : 1280));
        }
        assertEquals(1280, mine.path("height").asInt());
        assertEquals(200, api.get("/api/needs/" + need + "/photos/all", v.volunteer()).status());

        // Nothing is public before publication: not the list, not the copies, not the bucket.
        assertEquals(404, api.get("/api/needs/" + need + "/photos", null).status());
        assertEquals(404, api.get("/api/photos/" + need + "/" + kept + "/display", null).status());
        String bucketUrl = mine.path("display").asText().replaceAll("\\?.*", "");
        assertEquals(403, fetch(bucketUrl).statusCode(), "the bucket answers nobody without a signature");
        // A stranger, even signed in, learns nothing.
        Api.Who stranger = api.who(Api.unique("helper"), null, "helper");
        assertEquals(404, api.get("/api/needs/" + need + "/photos/all", stranger).status());

        // The council member drops the second photo (a house number is readable); its files are gone.
        String droppedUrl = find(seen.body().path("photos"), dropped).path("display").asText();
        Api.Reply drop = api.delete("/api/needs/" + need + "/photos/" + dropped, v.council(), Json.object().put("reason", "门牌号清晰可见"));
        assertEquals(200, drop.status(), drop.toString());
        assertEquals("DROPPED", drop.body().path("photo").path("state").asText());
        assertEquals(404, fetch(droppedUrl).statusCode(), "a dropped photo's copies are deleted");
        assertEquals(404, api.delete("/api/needs/" + need + "/photos/" + dropped, v.council(), null).status(), "a dropped photo is gone");

        // Published: the kept photo is public, EXIF-free; the dropped one never is.
        assertEquals(200, api.post("/api/needs/" + need + "/reviews", v.council(), Json.object().put("decision", "approve")).status());
        assertEquals(200, api.post("/api/needs/" + need + "/reviews", v.volunteer(), Json.object().put("decision", "approve")).status());
        Api.Reply pub = api.get("/api/needs/" + need + "/photos", null);
        assertEquals(200, pub.status(), pub.toString());
        assertEquals(1, pub.body().path("photos").size(), pub.toString());
        JsonNode p = pub.body().path("photos").get(0);
        assertEquals(kept, p.path("id").asText());
        assertFalse(p.has("state") || p.has("uploaderId") || p.has("mine"), "the public view says only what the picture is");
        HttpResponse<byte[]> bytes = fetch(api.base() + p.path("display").asText());
        assertEquals(200, bytes.statusCode());
        assertEquals("image/jpeg", bytes.headers().firstValue("content-type").orElse(""));
        assertFalse(TestImages.carriesMetadata(bytes.body()), "no GPS in a served image");
        assertEquals(404, api.get("/api/photos/" + need + "/" + dropped + "/display", null).status());
        // The share card shows the need's own first public photo.
        Api.Reply card = api.get("/share/" + need, null);
        assertTrue(card.raw().contains("/api/photos/" + need + "/" + kept + "/display\""), card.raw());
        // After publication nobody adds or swaps need photos.
        assertEquals(409, api.post("/api/needs/" + need + "/photos", v.poster(), needPhoto()).status());
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theUploadFormIsEnforcedByS3NotByThePage() throws Exception {
        Api.Village v = api.village(Api.DONGMEN);
        String need = api.postNeed(v, "MEDICAL", 1);
        Upload u = form(need, v.poster(), needPhoto());
        byte[] jpeg = TestImages.phoneJpeg(400, 300, 1);
        // Another type than the form allows.
        Map<String, String> png = new LinkedHashMap<>(u.fields());
        png.put("Content-Type", "image/png");
        assertEquals(403, postFile(u, png, "image/png", jpeg).statusCode());
        // Another key (someone else's photo).
        Map<String, String> other = new LinkedHashMap<>(u.fields());
        other.put("key", "uploads/" + need + "/mzzzzzzzzzzzz");
        assertEquals(403, postFile(u, other, "image/jpeg", jpeg).statusCode());
        // Too large, too small.
        assertEquals(400, postFile(u, u.fields(), "image/jpeg", new byte[10 * 1024 * 1024 + 1]).statusCode());
        assertEquals(400, postFile(u, u.fields(), "image/jpeg", new byte[100]).statusCode());
        // A forged signature.
        Map<String, String> forged = new LinkedHashMap<>(u.fields());
        forged.put("x-amz-signature", "0".repeat(64));
        assertEquals(403, postFile(u, forged, "image/jpeg", jpeg).statusCode());
        // The form as given works; a file that is not an image is marked FAILED, not served.
        Upload junk = form(need, v.poster(), needPhoto());
        assertEquals(201, postFile(junk, junk.fields(), "image/jpeg", "not a picture at all, just text".repeat(100).getBytes()).statusCode());
        TestPlatform.platform.notifyUploads();
        JsonNode all = api.get("/api/needs/" + need + "/photos/all", v.poster()).body().path("photos");
        assertEquals("FAILED", find(all, junk.photoId()).path("state").asText(), all.toString());
        assertFalse(find(all, junk.photoId()).has("display"));
    }

    @Test
    void badRequestsAreClearRefusals() {
        Api.Village v = api.village(Api.DONGMEN);
        String need = api.postNeed(v, "EDUCATION", 1);
        String base = "/api/needs/" + need + "/photos";
        Api.Reply r = api.post(base, v.poster(), Json.object().put("kind", "selfie").put("contentType", "image/gif").put("extra", 1));
        assertEquals(400, r.status(), r.toString());
        assertEquals(3, r.body().path("fields").size(), r.toString());
        assertEquals(401, api.post(base, null, needPhoto()).status());
        assertEquals(403, api.post(base, v.council(), needPhoto()).status(), "only the poster adds need photos");
        assertEquals(404, api.post("/api/needs/nzzzzzzzzzzzz/photos", v.poster(), needPhoto()).status());
        assertEquals(404, api.get("/api/photos/" + need + "/not-an-id/display", null).status());
        assertEquals(404, api.get("/api/photos/" + need + "/mzzzzzzzzzzzz/huge", null).status());
        assertEquals(404, api.delete(base + "/mzzzzzzzzzzzz", v.council(), null).status());
        for (int i = 0; i < 5; i++) assertEquals(201, api.post(base, v.poster(), needPhoto()).status());
        assertEquals(400, api.post(base, v.poster(), needPhoto()).status(), "at most five photos per need");
        Api.Reply delivery = api.post(base, v.poster(), Json.object().put("kind", "delivery").put("contentType", "image/jpeg"));
        assertEquals(400, delivery.status(), "a delivery photo names its claim");
    }

    @Test
    void deliveryPhotosGoToThePosterAndTheAdminAndArePublicOnlyWithConsent() throws Exception {
        Api.Village v = api.village(Api.DONGMEN);
        String need = api.publishedNeed(v, "DISABILITY", 1);
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        Api.Reply claim = api.post("/api/needs/" + need + "/claims", helper, null);
        String claimId = claim.body().path("claim").path("id").asText();
        JsonNode body = Json.object().put("kind", "delivery").put("contentType", "image/jpeg").put("claimId", claimId);
        Api.Who other = api.who(Api.unique("helper"), null, "helper");
        assertEquals(403, api.post("/api/needs/" + need + "/photos", other, body).status(), "only the claim's helper");
        String photo = uploadReady(need, helper, body, TestImages.phoneJpeg(1000, 750, 1));

        for (Api.Who who : List.of(v.poster(), v.admin(), helper)) {
            JsonNode p = find(api.get("/api/needs/" + need + "/photos/all", who).body().path("photos"), photo);
            assertNotNull(p, who.sub() + " sees the delivery photo");
            assertEquals(200, fetch(p.path("display").asText()).statusCode());
        }
        assertNull(find(api.get("/api/needs/" + need + "/photos/all", v.council()).body().path("photos"), photo),
                "reviewers check need photos, not delivery photos");
        assertNull(find(api.get("/api/needs/" + need + "/photos/all", other).body().path("photos"), photo));
        assertNull(find(api.get("/api/needs/" + need + "/photos", null).body().path("photos"), photo));

        String claimPath = "/api/needs/" + need + "/claims/" + claimId;
        assertEquals(200, api.post(claimPath + "/delivered", helper, Json.object().put("note", "轮椅已送到")).status());
        assertEquals(200, api.post(claimPath + "/confirm", v.admin(), null).status());
        // Fulfilled, but the poster has not agreed for the family: still not public.
        assertNull(find(api.get("/api/needs/" + need + "/photos", null).body().path("photos"), photo));
        assertEquals(404, api.get("/api/photos/" + need + "/" + photo + "/display", null).status());
        String consent = "/api/needs/" + need + "/photos/" + photo + "/consent";
        assertEquals(403, api.post(consent, helper, Json.object().put("shared", true)).status(), "the poster decides for the family");
        assertEquals(400, api.post(consent, v.poster(), Json.object().put("shared", "yes")).status());
        assertEquals(200, api.post(consent, v.poster(), Json.object().put("shared", true)).status());
        assertNotNull(find(api.get("/api/needs/" + need + "/photos", null).body().path("photos"), photo));
        HttpResponse<byte[]> bytes = fetch(api.base() + "/api/photos/" + need + "/" + photo + "/small");
        assertEquals(200, bytes.statusCode());
        assertFalse(TestImages.carriesMetadata(bytes.body()));
        // And takes it back.
        assertEquals(200, api.post(consent, v.poster(), Json.object().put("shared", false)).status());
        assertEquals(404, api.get("/api/photos/" + need + "/" + photo + "/small", null).status());
    }

    @Test
    void aRepeatedNotificationChangesNothing() throws Exception {
        Api.Village v = api.village(Api.DONGMEN);
        String need = api.postNeed(v, "MEDICAL", 1);
        Upload u = form(need, v.poster(), needPhoto());
        assertEquals(201, postFile(u, u.fields(), "image/jpeg", TestImages.phoneJpeg(640, 480, 1)).statusCode());
        var handler = new org.bangfu.fn.photoprocess.PhotoProcessHandler();
        var event = BucketNotifier.event("cn-north-1", System.getProperty("PHOTO_BUCKET"), "uploads/" + need + "/" + u.photoId(), 1, null);
        handler.handleRequest(event, null);
        JsonNode first = find(api.get("/api/needs/" + need + "/photos/all", v.poster()).body().path("photos"), u.photoId());
        assertEquals("READY", first.path("state").asText());
        handler.handleRequest(event, null);
        TestPlatform.platform.notifyUploads();
        JsonNode again = find(api.get("/api/needs/" + need + "/photos/all", v.poster()).body().path("photos"), u.photoId());
        assertEquals(first.path("createdAt").asText(), again.path("createdAt").asText());
        assertEquals("READY", again.path("state").asText());
        assertEquals(first.path("width").asInt(), again.path("width").asInt());
    }
}
