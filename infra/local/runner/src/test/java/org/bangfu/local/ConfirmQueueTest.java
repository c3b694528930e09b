package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/** GET /api/confirm-queue: an area admin sees the delivered claims of their area and below, and nothing else. */
class ConfirmQueueTest {
    private final Api api = TestPlatform.api();

    /** A need of the village with one claim reported delivered; returns "needId/claimId". */
    private String deliveredIn(String village) {
        Api.Village v = api.village(village);
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        String id = api.publishedNeed(v, "EDUCATION", 3);
        String claim = api.post("/api/needs/" + id + "/claims", helper, Json.object().put("quantity", 2)).body().path("claim").path("id").asText();
        assertEquals(200, api.post("/api/needs/" + id + "/claims/" + claim + "/delivered", helper,
                Json.object().put("note", "两套已送到").put("photoRef", "相册第3张")).status());
        return id + "/" + claim;
    }

    /** Every claim id in the admin's queue, following the cursor page by page. */
    private List<String> queue(Api.Who admin, String query) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int i = 0; i < 500; i++) {
            Api.Reply r = api.get("/api/confirm-queue?limit=3" + query + (cursor == null ? "" : "&cursor=" + cursor), admin);
            assertEquals(200, r.status(), r.toString());
            r.body().path("items").forEach(c -> ids.add(c.path("id").asText()));
            cursor = r.body().path("next").isNull() ? null : r.body().path("next").asText();
            if (cursor == null) return ids;
        }
        throw new AssertionError("the queue never ended");
    }

    private static String claimOf(String needAndClaim) {
        return needAndClaim.substring(needAndClaim.indexOf('/') + 1);
    }

    @Test
    void eachAdminSeesTheDeliveredClaimsOfTheirAreaAndBelowOnly() {
        String east = deliveredIn(Api.DONGMEN);
        String west = deliveredIn(Api.XIMEN);
        String otherTown = deliveredIn(Api.JIANGSHU);
        String otherProvince = deliveredIn(Api.MIANDU);
        Api.Who eastAdmin = api.who(Api.unique("admin"), Api.DONGMEN, "admin");
        Api.Who townAdmin = api.who(Api.unique("admin"), Api.YUNYANG, "admin");
        Api.Who countyAdmin = api.who(Api.unique("admin"), Api.DANYANG, "admin");
        Api.Who hunanAdmin = api.who(Api.unique("admin"), "430225000000", "admin");

        List<String> village = queue(eastAdmin, "");
        assertTrue(village.contains(claimOf(east)));
        assertFalse(village.contains(claimOf(west)), "a village admin does not see the next village's");
        List<String> town = queue(townAdmin, "");
        assertTrue(town.containsAll(List.of(claimOf(east), claimOf(west))));
        assertFalse(town.contains(claimOf(otherTown)));
        List<String> county = queue(countyAdmin, "");
        assertTrue(county.containsAll(List.of(claimOf(east), claimOf(west), claimOf(otherTown))), "a county admin sees the county's");
        assertFalse(county.contains(claimOf(otherProvince)));
        assertTrue(queue(hunanAdmin, "").contains(claimOf(otherProvince)));
        assertFalse(queue(hunanAdmin, "").contains(claimOf(east)));

        List<String> narrowed = queue(countyAdmin, "&area=" + Api.XIMEN);
        assertTrue(narrowed.contains(claimOf(west)));
        assertFalse(narrowed.contains(claimOf(east)), "an admin may narrow to a part of their area");
        assertEquals(403, api.get("/api/confirm-queue?area=" + Api.XIMEN, eastAdmin).status(), "but not widen it");
        assertEquals(403, api.get("/api/confirm-queue?area=" + Api.DANYANG, townAdmin).status());
        assertEquals(400, api.get("/api/confirm-queue?area=12345", countyAdmin).status());
        assertEquals(400, api.get("/api/confirm-queue?cursor=bm9wZQ", countyAdmin).status());
    }

    @Test
    void theQueueCarriesWhatTheAdminChecksAndEmptiesAsTheyConfirm() {
        String delivered = deliveredIn(Api.DONGMEN);
        String needId = delivered.substring(0, delivered.indexOf('/'));
        Api.Who admin = api.who(Api.unique("admin"), Api.DONGMEN, "admin");
        JsonNode item = null;
        for (JsonNode c : api.get("/api/confirm-queue?limit=50", admin).body().path("items")) {
            if (c.path("id").asText().equals(claimOf(delivered))) item = c;
        }
        assertNotNull(item, "the delivered claim is waiting");
        assertEquals("DELIVERED", item.path("state").asText());
        assertEquals("两套已送到", item.path("deliveryNote").asText());
        assertEquals("相册第3张", item.path("deliveryPhotoRef").asText());
        assertEquals(2, item.path("quantity").asInt());
        assertEquals(needId, item.path("need").path("id").asText());
        assertEquals("13812345678", item.path("need").path("household").path("phone").asText(), "the admin can call the family to check");
        assertEquals("东门村", item.path("area").path("name").asText());

        Api.Reply ok = api.post("/api/needs/" + needId + "/claims/" + claimOf(delivered) + "/confirm", admin, null);
        assertEquals(200, ok.status(), ok.toString());
        assertFalse(queue(admin, "").contains(claimOf(delivered)), "a confirmed claim leaves the queue");
    }

    @Test
    void onlyAdminsHaveAQueueAndNobodySeesTheirOwnHelpInIt() {
        Api.Village v = api.village(Api.DONGMEN);
        for (Api.Who who : List.of(v.poster(), v.council(), v.volunteer(), api.who(Api.unique("helper"), null, "helper"))) {
            assertEquals(403, api.get("/api/confirm-queue", who).status(), who.sub());
        }
        assertEquals(401, api.get("/api/confirm-queue", null).status());
        assertEquals(403, api.get("/api/confirm-queue", api.who(Api.unique("admin"), null, "admin")).status(), "an admin with no area");

        // Someone who is both admin and helper in the village: their own delivered claim is not theirs to confirm.
        Api.Who both = api.who(Api.unique("adminhelper"), Api.DONGMEN, "admin", "helper");
        String id = api.publishedNeed(v, "DISABILITY", 1);
        String claim = api.post("/api/needs/" + id + "/claims", both, null).body().path("claim").path("id").asText();
        assertEquals(200, api.post("/api/needs/" + id + "/claims/" + claim + "/delivered", both, Json.object().put("note", "已送达")).status());
        assertFalse(queue(both, "").contains(claim));
        assertEquals(403, api.post("/api/needs/" + id + "/claims/" + claim + "/confirm", both, null).status(), "the rule the list follows");
        assertTrue(queue(v.admin(), "").contains(claim), "another admin of the area sees it");
    }
}
