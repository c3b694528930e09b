package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/**
 * The poster's own needs: read in any state, corrected and resubmitted (back to both reviewers),
 * withdrawn while nobody helps; public text that carries an ID or phone number is refused; and the
 * stable codes every field problem and conflict carries.
 */
class PosterEditTest {
    private final Api api = TestPlatform.api();

    @Test
    void aRejectedNeedIsReadByItsPosterOnlyCorrectedAndGoesThroughBothReviewsAgain() {
        Api.Village v = api.village(Api.DONGMEN);
        ObjectNode body = Api.needBody(v.area(), "MEDICAL", 1, Api.newIdNumber());
        String id = api.post("/api/needs", v.poster(), body).text("id");
        assertEquals(200, api.post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "approve")).status());
        assertEquals(200, api.post("/api/needs/" + id + "/reviews", v.volunteer(),
                Json.object().put("decision", "reject").put("reason", "数量写错了")).status());

        Api.Reply mine = api.get("/api/me/needs/" + id, v.poster());
        assertEquals(200, mine.status(), mine.toString());
        assertEquals("REJECTED", mine.text("state"));
        assertEquals("数量写错了", mine.text("rejectReason"));
        assertEquals("王小明", mine.body().path("household").path("name").asText(), "the poster sees what they entered");
        Api.Who otherPoster = api.who(Api.unique("poster"), v.area(), "poster");
        assertEquals(404, api.get("/api/me/needs/" + id, otherPoster).status(), "not someone else's");
        assertEquals(404, api.get("/api/needs/" + id, null).status(), "never public");
        assertEquals(404, api.send("PUT", "/api/needs/" + id, otherPoster, Json.write(body), "application/json").status());

        body.put("quantity", 2).put("title", "助听器两副（已更正）");
        Api.Reply edited = api.send("PUT", "/api/needs/" + id, v.poster(), Json.write(body), "application/json");
        assertEquals(200, edited.status(), edited.toString());
        assertEquals("PENDING_REVIEW", edited.text("state"));
        assertEquals(2, edited.body().path("quantity").asInt());
        assertFalse(edited.body().has("rejectReason"));
        assertFalse(edited.body().path("reviews").path("council").asBoolean(), "the earlier approval does not carry over");
        assertTrue(api.get("/api/review-queue?limit=50", v.council()).raw().contains(id), "back in the council's queue");

        assertEquals(200, api.post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "approve")).status());
        Api.Reply published = api.post("/api/needs/" + id + "/reviews", v.volunteer(), Json.object().put("decision", "approve"));
        assertEquals("PUBLISHED", published.body().path("need").path("state").asText(), published.toString());

        Api.Reply late = api.send("PUT", "/api/needs/" + id, v.poster(), Json.write(body), "application/json");
        assertEquals(409, late.status());
        assertEquals("not_editable", late.text("code"));
        assertEquals("PUBLISHED", late.text("state"));
    }

    @Test
    void aResubmissionCannotOpenASecondNeedOfTheSameCategoryForTheHousehold() {
        Api.Village v = api.village(Api.DONGMEN);
        String idNumber = Api.newIdNumber();
        ObjectNode first = Api.needBody(v.area(), "EDUCATION", 1, idNumber);
        String id = api.post("/api/needs", v.poster(), first).text("id");
        api.post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "reject").put("reason", "信息不全"));
        // While it was rejected the household got another education need.
        assertEquals(201, api.post("/api/needs", v.poster(), Api.needBody(v.area(), "EDUCATION", 1, idNumber)).status());
        Api.Reply again = api.send("PUT", "/api/needs/" + id, v.poster(), Json.write(first), "application/json");
        assertEquals(409, again.status(), again.toString());
        assertEquals("duplicate_household_need", again.text("code"));
        // As another category it may go back.
        first.put("category", "DAILY_LIVING");
        assertEquals(200, api.send("PUT", "/api/needs/" + id, v.poster(), Json.write(first), "application/json").status());
    }

    @Test
    void thePosterWithdrawsANeedNobodyHelpsWithAndTheHouseholdIsFreeAgain() {
        Api.Village v = api.village(Api.DONGMEN);
        String idNumber = Api.newIdNumber();
        String id = api.post("/api/needs", v.poster(), Api.needBody(v.area(), "DISABILITY", 2, idNumber)).text("id");
        api.post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "approve"));
        api.post("/api/needs/" + id + "/reviews", v.volunteer(), Json.object().put("decision", "approve"));
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        Api.Reply claim = api.post("/api/needs/" + id + "/claims", helper, Json.object().put("quantity", 1));
        assertEquals(201, claim.status());

        Api.Reply refused = api.delete("/api/needs/" + id, v.poster(), null);
        assertEquals(409, refused.status());
        assertEquals("claims_open", refused.text("code"));
        assertEquals(404, api.delete("/api/needs/" + id, api.who(Api.unique("poster"), v.area(), "poster"), null).status());

        api.delete("/api/needs/" + id + "/claims/" + claim.body().path("claim").path("id").asText(), helper, null);
        Api.Reply withdrawn = api.delete("/api/needs/" + id, v.poster(), Json.object().put("reason", "家属已自行解决"));
        assertEquals(200, withdrawn.status(), withdrawn.toString());
        assertEquals("WITHDRAWN", withdrawn.text("state"));
        assertEquals(404, api.get("/api/needs/" + id, null).status(), "off the public site");
        assertEquals("WITHDRAWN", api.get("/api/me/needs/" + id, v.poster()).text("state"), "the poster still finds it");
        assertEquals(404, api.post("/api/needs/" + id + "/claims", helper, null).status(), "not claimable: as if it never was");
        assertEquals(201, api.post("/api/needs", v.poster(), Api.needBody(v.area(), "DISABILITY", 1, idNumber)).status(),
                "the household may be posted for again");
    }

    @Test
    void publicTextWithAnIdOrPhoneNumberIsRefusedWithStableCodes() {
        Api.Village v = api.village(Api.DONGMEN);
        ObjectNode body = Api.needBody(v.area(), "MEDICAL", 1, Api.newIdNumber());
        body.put("title", "王小明 13812345678");
        body.put("description", "身份证 " + body.path("household").path("idNumber").asText() + "，请联系。");
        body.put("unit", "");
        Api.Reply r = api.post("/api/needs", v.poster(), body);
        assertEquals(400, r.status(), r.toString());
        assertEquals("contains_phone", field(r, "title").path("code").asText());
        assertEquals("contains_id_number", field(r, "description").path("code").asText());
        assertEquals("required", field(r, "unit").path("code").asText());
        assertFalse(field(r, "unit").path("message").asText().isEmpty(), "the server's words stay as a fallback");

        String id = api.publishedNeed(v, "EDUCATION", 1);
        api.post("/api/needs/" + id + "/claims", api.who(Api.unique("helper"), null, "helper"), null);
        Api.Reply taken = api.post("/api/needs/" + id + "/claims", api.who(Api.unique("helper"), null, "helper"), null);
        assertEquals(409, taken.status());
        assertEquals("need_not_open", taken.text("code"));
        assertEquals("CLAIMED", taken.text("state"));
    }

    private static JsonNode field(Api.Reply r, String name) {
        for (JsonNode f : r.body().path("fields")) if (f.path("field").asText().equals(name)) return f;
        throw new AssertionError("no problem for " + name + " in " + r);
    }
}
