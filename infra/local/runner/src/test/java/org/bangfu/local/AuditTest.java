package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/** Every state change and every view of a household's contact details is on the area's audit trail, for its admins only. */
class AuditTest {
    private final Api api = TestPlatform.api();

    @Test
    void stateChangesAndContactViewsAreOnTheAreasTrailWithWhoAndWhat() {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        String id = api.postNeed(v, "MEDICAL", 1);
        assertEquals(200, api.get("/api/review-queue?limit=50", v.council()).status()); // the council sees the household
        api.post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "approve"));
        api.post("/api/needs/" + id + "/reviews", v.volunteer(), Json.object().put("decision", "approve"));
        assertEquals(201, api.post("/api/needs/" + id + "/claims", helper, null).status()); // the helper sees it
        api.get("/api/me", helper);

        List<String> trail = new ArrayList<>();
        for (JsonNode e : api.get("/api/audit?limit=1000", v.admin()).body().path("entries")) {
            if (e.path("needId").asText().equals(id)) trail.add(e.path("actorId").asText() + " " + e.path("action").asText()
                    + (e.has("detail") && e.path("action").asText().equals("view-contact") ? " " + e.path("detail").asText() : ""));
        }
        assertTrue(trail.contains(v.poster().sub() + " post"), trail.toString());
        assertTrue(trail.contains(v.council().sub() + " view-contact review-queue"), trail.toString());
        assertTrue(trail.contains(v.council().sub() + " approve:council"), trail.toString());
        assertTrue(trail.contains(v.volunteer().sub() + " view-contact need"), trail.toString());
        assertTrue(trail.stream().anyMatch(t -> t.startsWith(helper.sub() + " claim:")), trail.toString());
        assertTrue(trail.contains(helper.sub() + " view-contact need"), "the winner's view of the contact: " + trail);
        assertTrue(trail.contains(helper.sub() + " view-contact me"), trail.toString());
        assertEquals(0, trail.stream().filter(t -> t.startsWith("anonymous")).count());
    }

    @Test
    void onlyAdminsOfTheAreaReadItsTrail() {
        Api.Village dongmen = api.village(Api.DONGMEN);
        String id = api.postNeed(dongmen, "EDUCATION", 1);
        Api.Who ximenAdmin = api.who(Api.unique("admin"), Api.XIMEN, "admin");
        Api.Who townAdmin = api.who(Api.unique("admin"), Api.YUNYANG, "admin");
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        assertEquals(403, api.get("/api/audit", helper).status());
        assertEquals(403, api.get("/api/audit", dongmen.council()).status(), "reviewers are not admins");
        assertEquals(403, api.get("/api/audit?area=" + Api.DONGMEN, ximenAdmin).status(), "the next village's admin");
        assertFalse(api.get("/api/audit?limit=1000", ximenAdmin).raw().contains(id), "own area only");
        assertTrue(api.get("/api/audit?limit=1000", townAdmin).raw().contains(id), "the town admin sees its villages");
        assertTrue(api.get("/api/audit?limit=1000&area=" + Api.DONGMEN, dongmen.admin()).raw().contains(id));
        assertEquals(400, api.get("/api/audit?month=2026-13", dongmen.admin()).status());
        assertEquals(401, api.get("/api/audit", null).status());
    }
}
