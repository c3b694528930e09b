package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/** A poster finds the delivered claims on their needs in GET /api/me and confirms them (the site's 我的 page). */
class PosterConfirmTest {
    private final Api api = TestPlatform.api();

    private JsonNode posted(Api.Who poster, String needId) {
        for (JsonNode n : api.get("/api/me", poster).body().path("posted")) {
            if (n.path("id").asText().equals(needId)) return n;
        }
        throw new AssertionError(needId + " not in the poster's list");
    }

    @Test
    void deliveredClaimsWaitInThePostersListUntilConfirmed() {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who a = api.who(Api.unique("helper"), null, "helper");
        Api.Who b = api.who(Api.unique("helper"), null, "helper");
        String id = api.publishedNeed(v, "EDUCATION", 5);
        String ca = api.post("/api/needs/" + id + "/claims", a, Json.object().put("quantity", 2)).body().path("claim").path("id").asText();
        String cb = api.post("/api/needs/" + id + "/claims", b, Json.object().put("quantity", 3)).body().path("claim").path("id").asText();
        assertTrue(posted(v.poster(), id).path("awaitingConfirmation").isMissingNode(), "nothing delivered yet");

        api.post("/api/needs/" + id + "/claims/" + ca + "/delivered", a, Json.object().put("note", "两套已送到").put("photoRef", "photos/a.jpg"));
        JsonNode waiting = posted(v.poster(), id).path("awaitingConfirmation");
        assertEquals(1, waiting.size(), "only the delivered claim, not the active one");
        assertEquals(ca, waiting.get(0).path("id").asText());
        assertEquals("两套已送到", waiting.get(0).path("deliveryNote").asText());
        assertEquals("photos/a.jpg", waiting.get(0).path("deliveryPhotoRef").asText());
        assertEquals(2, waiting.get(0).path("quantity").asInt());

        Api.Reply ok = api.post("/api/needs/" + id + "/claims/" + ca + "/confirm", v.poster(), null);
        assertEquals(200, ok.status(), ok.toString());
        assertTrue(posted(v.poster(), id).path("awaitingConfirmation").isMissingNode(), "confirmed claims leave the list");
        assertEquals("CLAIMED", posted(v.poster(), id).path("state").asText(), "b still holds 3");
        assertTrue(posted(v.poster(), id).path("household").isMissingNode(), "the list stays the public shape");
        // Another poster of the same village sees none of it.
        Api.Who other = api.who(Api.unique("poster"), Api.DONGMEN, "poster");
        assertEquals(0, api.get("/api/me", other).body().path("posted").size());
        assertNotNull(cb);
    }
    /**
     * A cadre moved to another village (or dismissed) keeps their id but no longer acts for the needs
     * they posted in the old one: no household details, no edit, withdrawal or confirmation.
     */
    @Test
    void aPosterMovedElsewhereNoLongerActsForTheirOldVillagesNeeds() {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        String pending = api.postNeed(v, "MEDICAL", 1);
        String id = api.publishedNeed(v, "EDUCATION", 1);
        String claim = api.post("/api/needs/" + id + "/claims", helper, Json.object().put("quantity", 1)).body().path("claim").path("id").asText();
        assertEquals(200, api.post("/api/needs/" + id + "/claims/" + claim + "/delivered", helper, Json.object().put("note", "已送到")).status());
        assertTrue(api.get("/api/me/needs/" + pending, v.poster()).raw().contains("13812345678"), "the poster sees the household");
        String offer = SupplyTest.offer(api, helper, null, 2, "MEDICAL");

        for (Api.Who moved : new Api.Who[] {api.who(v.poster().sub(), Api.XIMEN, "poster"), api.who(v.poster().sub(), null, "helper")}) {
            Api.Reply mine = api.get("/api/me/needs/" + pending, moved);
            assertFalse(mine.raw().contains("13812345678") || mine.raw().contains("东门村3组18号"), mine.toString());
            assertEquals(403, api.send("PUT", "/api/needs/" + pending, moved, Json.write(Api.needBody(Api.DONGMEN, "MEDICAL", 1, Api.newIdNumber())),
                    "application/json").status(), "edit");
            assertEquals(403, api.delete("/api/needs/" + pending, moved, null).status(), "withdraw");
            assertEquals(403, api.post("/api/offers/" + offer + "/proposals", moved, Json.object().put("needId", pending)).status(), "propose");
            Api.Reply confirm = api.post("/api/needs/" + id + "/claims/" + claim + "/confirm", moved, null);
            assertEquals(403, confirm.status(), "confirm: " + confirm);
        }
        assertEquals(200, api.post("/api/needs/" + id + "/claims/" + claim + "/confirm", v.poster(), null).status(), "still the village's poster");
        assertEquals(201, api.post("/api/offers/" + offer + "/proposals", v.poster(), Json.object().put("needId", pending)).status(), "and proposes");
    }
}
