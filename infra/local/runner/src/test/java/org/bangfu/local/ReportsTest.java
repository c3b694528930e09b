package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/** The public reports a need that looks wrong; the area's reviewers look into it; nobody else can. */
class ReportsTest {
    private final Api api = TestPlatform.api();

    @Test
    void aReportGoesToTheAreasQueueOncePerReporterAndADismissalKeepsTheNeedListed() {
        Api.Village v = api.village(Api.DONGMEN);
        String id = api.publishedNeed(v, "MEDICAL", 1);
        Api.Reply first = api.post("/api/needs/" + id + "/reports", null, Json.object().put("reason", "听说这户人家已经收到过同样的帮助"));
        assertEquals(202, first.status(), first.toString());
        assertTrue(first.body().path("counted").asBoolean());
        Api.Reply again = api.post("/api/needs/" + id + "/reports", null, Json.object().put("reason", "再举报一次试试看"));
        assertFalse(again.body().path("counted").asBoolean(), "one report per reporter");
        JsonNode reported = find(api.get("/api/review-queue?limit=50", v.council()).body().path("reported"), id);
        assertEquals(1, reported.path("openReports").asInt());
        assertEquals("听说这户人家已经收到过同样的帮助", reported.path("reports").get(0).path("reason").asText());
        Api.Who ximenCouncil = api.who(Api.unique("council"), Api.XIMEN, "council");
        assertFalse(api.get("/api/review-queue?limit=50", ximenCouncil).raw().contains(id), "not in the next village's queue");

        assertEquals(403, api.post("/api/needs/" + id + "/reports/resolve", ximenCouncil,
                Json.object().put("action", "dismiss").put("note", "不是我们村的")).status());
        assertEquals(403, api.post("/api/needs/" + id + "/reports/resolve", api.who(Api.unique("helper"), null, "helper"),
                Json.object().put("action", "dismiss").put("note", "帮助者无权处理")).status());
        assertEquals(400, api.post("/api/needs/" + id + "/reports/resolve", v.council(), Json.object().put("action", "dismiss")).status(),
                "a note is required");
        Api.Reply dismissed = api.post("/api/needs/" + id + "/reports/resolve", v.council(),
                Json.object().put("action", "dismiss").put("note", "入户核实，情况属实"));
        assertEquals(200, dismissed.status(), dismissed.toString());
        assertEquals("PUBLISHED", dismissed.body().path("need").path("state").asText());
        assertFalse(api.get("/api/review-queue?limit=50", v.council()).raw().contains("\"" + id + "\""), "out of the queue");
        assertEquals("PUBLISHED", api.get("/api/needs/" + id, null).text("state"));
        assertEquals(409, api.post("/api/needs/" + id + "/reports/resolve", v.council(),
                Json.object().put("action", "dismiss").put("note", "再处理一次")).status(), "nothing open to resolve");
    }

    @Test
    void aWithdrawalDelistsTheNeedForGoodButNotWhileSomeoneHoldsAClaim() {
        Api.Village v = api.village(Api.DONGMEN);
        String idNumber = Api.newIdNumber();
        var body = Api.needBody(v.area(), "HOME_IMPROVEMENT", 2, idNumber);
        String id = api.post("/api/needs", v.poster(), body).text("id");
        api.post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "approve"));
        api.post("/api/needs/" + id + "/reviews", v.volunteer(), Json.object().put("decision", "approve"));
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        Api.Reply claim = api.post("/api/needs/" + id + "/claims", helper, Json.object().put("quantity", 1));
        assertEquals(202, api.post("/api/needs/" + id + "/reports", null, Json.object().put("reason", "描述与实际情况不符")).status());
        Api.Reply blocked = api.post("/api/needs/" + id + "/reports/resolve", v.admin(), Json.object().put("action", "withdraw").put("note", "撤下"));
        assertEquals(409, blocked.status(), "a helper holds a claim on it");
        api.delete("/api/needs/" + id + "/claims/" + claim.body().path("claim").path("id").asText(), helper, null);
        Api.Reply withdrawn = api.post("/api/needs/" + id + "/reports/resolve", v.admin(), Json.object().put("action", "withdraw").put("note", "核实不符，撤下"));
        assertEquals(200, withdrawn.status(), withdrawn.toString());
        assertEquals("WITHDRAWN", withdrawn.body().path("need").path("state").asText());
        assertEquals(404, api.get("/api/needs/" + id, null).status());
        assertTrue(api.listAll("?area=" + Api.DONGMEN).stream().noneMatch(n -> n.path("id").asText().equals(id)));
        assertEquals(404, api.post("/api/needs/" + id + "/claims", helper, null).status());
        assertEquals(201, api.post("/api/needs", v.poster(), Api.needBody(v.area(), "HOME_IMPROVEMENT", 1, idNumber)).status(),
                "the household may be posted again, correctly this time");
    }

    @Test
    void onlyPublicOpenNeedsCanBeReportedAndTheReasonIsChecked() {
        Api.Village v = api.village(Api.DONGMEN);
        String pending = api.postNeed(v, "EDUCATION", 1);
        assertEquals(404, api.post("/api/needs/" + pending + "/reports", null, Json.object().put("reason", "还没公开的需求")).status());
        String id = api.publishedNeed(v, "EDUCATION", 1);
        assertEquals(400, api.post("/api/needs/" + id + "/reports", null, Json.object().put("reason", "短")).status());
        assertEquals(400, api.post("/api/needs/" + id + "/reports", null, Json.object().put("reason", "理由".repeat(200))).status());
        assertEquals(400, api.post("/api/needs/" + id + "/reports", null, Json.object().put("reason", "理由足够长").put("phone", "138")).status());
        assertEquals(404, api.post("/api/needs/nzzzzzzzzzzzz/reports", null, Json.object().put("reason", "不存在的需求")).status());
    }

    private static JsonNode find(JsonNode reported, String id) {
        for (JsonNode r : reported) if (r.path("need").path("id").asText().equals(id)) return r;
        throw new AssertionError(id + " not reported in " + reported);
    }
}
