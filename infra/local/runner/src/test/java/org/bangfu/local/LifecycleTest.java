package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/** The whole life of a need through the gateway, as the README's curl walkthrough does it. */
class LifecycleTest {
    private final Api api = TestPlatform.api();

    @Test
    void aNeedGoesFromPostThroughTwoReviewsClaimDeliveryAndConfirmationToDelistedForGood() {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        Api.Who other = api.who(Api.unique("helper"), null, "helper");

        Api.Reply posted = api.post("/api/needs", v.poster(), Api.needBody(v.area(), "DISABILITY", 1, Api.newIdNumber()));
        assertEquals(201, posted.status(), posted.toString());
        String id = posted.text("id");
        assertEquals("PENDING_REVIEW", posted.text("state"));
        assertEquals("/api/needs/" + id, posted.headers().firstValue("location").orElseThrow());
        assertEquals(404, api.get("/api/needs/" + id, null).status(), "not public before review");
        assertTrue(queueIds(v.council()).contains(id), "in the council's queue");

        Api.Reply first = api.post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "approve"));
        assertEquals("PENDING_REVIEW", first.body().path("need").path("state").asText(), "one approval is not enough");
        assertFalse(queueIds(v.council()).contains(id), "gone from the queue of the role that reviewed it");
        assertTrue(queueIds(v.volunteer()).contains(id), "still waiting for the volunteer");
        assertFalse(listedIds().contains(id));

        Api.Reply second = api.post("/api/needs/" + id + "/reviews", v.volunteer(), Json.object().put("decision", "approve"));
        assertEquals(200, second.status(), second.toString());
        assertEquals("PUBLISHED", second.body().path("need").path("state").asText());
        assertTrue(listedIds().contains(id), "listed once published");
        JsonNode pub = api.get("/api/needs/" + id, null).body();
        assertEquals("王**", pub.path("beneficiary").asText());
        assertTrue(pub.path("household").isMissingNode() && pub.path("contact").isMissingNode(), "public view has no personal data");

        Api.Reply claim = api.post("/api/needs/" + id + "/claims", helper, null);
        assertEquals(201, claim.status(), claim.toString());
        assertEquals("CLAIMED", claim.body().path("need").path("state").asText());
        assertEquals("13812345678", claim.body().path("need").path("household").path("phone").asText(), "the winner gets the contact");
        assertFalse(listedIds().contains(id), "a fully claimed need leaves the listing at once");
        Api.Reply late = api.post("/api/needs/" + id + "/claims", other, null);
        assertEquals(409, late.status());
        assertEquals("CLAIMED", late.text("state"));

        String claimPath = "/api/needs/" + id + "/claims/" + claim.body().path("claim").path("id").asText();
        Api.Reply delivered = api.post(claimPath + "/delivered", helper, Json.object().put("note", "轮椅已送到家中"));
        assertEquals(200, delivered.status(), delivered.toString());
        assertEquals("DELIVERED", delivered.body().path("need").path("state").asText());
        Api.Reply confirmed = api.post(claimPath + "/confirm", v.admin(), null);
        assertEquals(200, confirmed.status(), confirmed.toString());
        assertEquals("FULFILLED", confirmed.body().path("need").path("state").asText());
        assertEquals("CONFIRMED", confirmed.body().path("claim").path("state").asText());

        assertFalse(listedIds().contains(id));
        assertEquals("FULFILLED", api.get("/api/needs/" + id, null).text("state"), "a shared link still shows it was done");
        assertEquals(409, api.post("/api/needs/" + id + "/claims", other, null).status(), "fulfilled is final");
        JsonNode me = api.get("/api/me", helper).body();
        assertEquals("CONFIRMED", me.path("claims").get(0).path("state").asText());
    }

    @Test
    void aRejectionNeedsAReasonShowsItToThePosterAndFreesTheHouseholdForANewPosting() {
        Api.Village v = api.village(Api.DONGMEN);
        String idNumber = Api.newIdNumber();
        Api.Reply posted = api.post("/api/needs", v.poster(), Api.needBody(v.area(), "HOME_IMPROVEMENT", 1, idNumber));
        String id = posted.text("id");
        assertEquals(409, api.post("/api/needs", v.poster(), Api.needBody(v.area(), "HOME_IMPROVEMENT", 1, idNumber)).status(),
                "one open need per household and category");
        Api.Reply noReason = api.post("/api/needs/" + id + "/reviews", v.volunteer(), Json.object().put("decision", "reject"));
        assertEquals(400, noReason.status());
        assertEquals("reason", noReason.body().path("fields").get(0).path("field").asText());
        Api.Reply rejected = api.post("/api/needs/" + id + "/reviews", v.volunteer(),
                Json.object().put("decision", "reject").put("reason", "入户核实情况与描述不符"));
        assertEquals("REJECTED", rejected.body().path("need").path("state").asText());
        JsonNode mine = api.get("/api/me", v.poster()).body().path("posted");
        assertEquals("入户核实情况与描述不符", find(mine, id).path("rejectReason").asText());
        assertEquals(409, api.post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "approve")).status(),
                "a rejected need cannot be approved");
        assertEquals(201, api.post("/api/needs", v.poster(), Api.needBody(v.area(), "HOME_IMPROVEMENT", 1, idNumber)).status(),
                "after rejection the household may be posted again");
    }

    @Test
    void releasingAClaimPutsTheNeedBackOnTheListForOthers() {
        Api.Village v = api.village(Api.DONGMEN);
        String id = api.publishedNeed(v, "INSURANCE", 1);
        Api.Who first = api.who(Api.unique("helper"), null, "helper");
        Api.Who second = api.who(Api.unique("helper"), null, "helper");
        Api.Reply claim = api.post("/api/needs/" + id + "/claims", first, null);
        String claimId = claim.body().path("claim").path("id").asText();
        assertFalse(listedIds().contains(id));
        Api.Reply released = api.delete("/api/needs/" + id + "/claims/" + claimId, first, Json.object().put("reason", "临时有事"));
        assertEquals(200, released.status(), released.toString());
        assertEquals("RELEASED", released.body().path("claim").path("state").asText());
        assertEquals("PUBLISHED", released.body().path("need").path("state").asText());
        assertTrue(released.body().path("need").path("household").isMissingNode(), "a released claim no longer sees the household");
        assertTrue(listedIds().contains(id), "back on the public list");
        assertEquals(201, api.post("/api/needs/" + id + "/claims", second, null).status());
        assertEquals(409, api.delete("/api/needs/" + id + "/claims/" + claimId, first, null).status(), "released once");
    }

    @Test
    void aDivisibleNeedIsClaimedInPartsAndFulfilledWhenEveryPartIsConfirmed() {
        Api.Village v = api.village(Api.DONGMEN);
        String id = api.publishedNeed(v, "EDUCATION", 20);
        Api.Who a = api.who(Api.unique("helper"), null, "helper");
        Api.Who b = api.who(Api.unique("helper"), null, "helper");
        Api.Reply ca = api.post("/api/needs/" + id + "/claims", a, Json.object().put("quantity", 12));
        assertEquals(201, ca.status());
        assertEquals("PUBLISHED", ca.body().path("need").path("state").asText());
        assertEquals(8, api.get("/api/needs/" + id, null).body().path("remaining").asInt());
        assertTrue(listedIds().contains(id), "still listed while some remains");
        assertEquals(409, api.post("/api/needs/" + id + "/claims", b, Json.object().put("quantity", 9)).status(), "only 8 left");
        Api.Reply cb = api.post("/api/needs/" + id + "/claims", b, null);
        assertEquals(8, cb.body().path("claim").path("quantity").asInt(), "no quantity means all that remains");
        assertFalse(listedIds().contains(id));
        for (Api.Reply c : List.of(ca, cb)) {
            Api.Who who = c == ca ? a : b;
            String path = "/api/needs/" + id + "/claims/" + c.body().path("claim").path("id").asText();
            assertEquals(200, api.post(path + "/delivered", who, Json.object().put("note", "已送达")).status());
        }
        Api.Reply one = api.post("/api/needs/" + id + "/claims/" + ca.body().path("claim").path("id").asText() + "/confirm", v.poster(), null);
        assertEquals("DELIVERED", one.body().path("need").path("state").asText(), "one of two parts confirmed");
        Api.Reply two = api.post("/api/needs/" + id + "/claims/" + cb.body().path("claim").path("id").asText() + "/confirm", v.poster(), null);
        assertEquals("FULFILLED", two.body().path("need").path("state").asText());
        JsonNode q = two.body().path("need").path("quantities");
        assertEquals(20, q.path("fulfilled").asInt());
    }

    @Test
    void listingFiltersByWindowAreaAndTextAndPagesWithoutLosingOrRepeating() {
        Api.Village v = api.village(Api.XIMEN);
        String marker = "寻找标记" + Api.unique("m").replaceAll("[^a-z0-9]", "");
        java.util.Set<String> mine = new java.util.HashSet<>();
        for (int i = 0; i < 7; i++) {
            var body = Api.needBody(v.area(), i % 2 == 0 ? "EMPLOYMENT" : "DAILY_LIVING", 1, Api.newIdNumber());
            body.put("title", marker + " 第" + i + "项");
            String id = api.post("/api/needs", v.poster(), body).text("id");
            api.post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "approve"));
            api.post("/api/needs/" + id + "/reviews", v.volunteer(), Json.object().put("decision", "approve"));
            mine.add(id);
        }
        List<JsonNode> paged = api.listAll("?limit=2&area=" + Api.XIMEN + "&text=" + java.net.URLEncoder.encode(marker, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(mine, paged.stream().map(n -> n.path("id").asText()).collect(java.util.stream.Collectors.toSet()));
        assertEquals(7, paged.size(), "no repeats across pages");
        List<JsonNode> jobs = api.listAll("?category=EMPLOYMENT&area=" + Api.XIMEN.substring(0, 9) + "000&limit=3");
        assertTrue(jobs.stream().allMatch(n -> n.path("category").asText().equals("EMPLOYMENT")));
        assertTrue(jobs.stream().allMatch(n -> n.path("area").path("code").asText().startsWith("321181001")));
        assertEquals(4, jobs.stream().filter(n -> mine.contains(n.path("id").asText())).count());
        assertTrue(api.listAll("?area=" + Api.MIANDU).stream().noneMatch(n -> mine.contains(n.path("id").asText())));
    }

    private List<String> listedIds() {
        return api.listAll("?limit=50").stream().map(n -> n.path("id").asText()).toList();
    }

    private List<String> queueIds(Api.Who reviewer) {
        Api.Reply r = api.get("/api/review-queue?limit=50", reviewer);
        assertEquals(200, r.status(), r.toString());
        List<String> ids = new java.util.ArrayList<>();
        String next = r.body().path("next").isNull() ? null : r.body().path("next").asText();
        r.body().path("items").forEach(n -> ids.add(n.path("id").asText()));
        while (next != null) {
            Api.Reply p = api.get("/api/review-queue?limit=50&cursor=" + next, reviewer);
            p.body().path("items").forEach(n -> ids.add(n.path("id").asText()));
            next = p.body().path("next").isNull() ? null : p.body().path("next").asText();
        }
        return ids;
    }

    private static JsonNode find(JsonNode array, String id) {
        for (JsonNode n : array) if (n.path("id").asText().equals(id)) return n;
        throw new AssertionError(id + " not in " + array);
    }
}
