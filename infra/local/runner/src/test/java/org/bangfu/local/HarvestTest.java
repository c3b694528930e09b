package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangfu.core.AreaRegistry;
import org.bangfu.core.Lifecycle;
import org.bangfu.fn.claimneed.ClaimNeedHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Services;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, items 1 and 6, as a dishonest helper would try them: collecting every household's
 * contact by claiming and releasing, reading ID numbers, and holding a need past its time by
 * giving it back and claiming it again.
 */
class HarvestTest {
    private final Api api = TestPlatform.api();

    @Test
    void aHelperNeverGetsTheIdNumberWhileReviewersAndAdminsDo() {
        Api.Village v = api.village(Api.XIMEN);
        String idNumber = Api.newIdNumber();
        Api.Reply posted = api.post("/api/needs", v.poster(), Api.needBody(v.area(), "DISABILITY", 1, idNumber));
        String id = posted.text("id");
        assertTrue(api.get("/api/review-queue?limit=50", v.council()).raw().contains(idNumber), "the reviewer checks the ID number");
        api.post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "approve"));
        api.post("/api/needs/" + id + "/reviews", v.volunteer(), Json.object().put("decision", "approve"));
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        Api.Reply claim = api.post("/api/needs/" + id + "/claims", helper, null);
        assertEquals(201, claim.status(), claim.toString());
        assertTrue(claim.body().path("need").path("household").has("phone"), "the holder gets what it takes to help");
        assertFalse(claim.raw().contains(idNumber), "but not the ID number: " + claim);
        assertFalse(api.get("/api/me", helper).raw().contains(idNumber), "nor in 我的");
        String claimPath = "/api/needs/" + id + "/claims/" + claim.body().path("claim").path("id").asText();
        Api.Reply delivered = api.post(claimPath + "/delivered", helper, Json.object().put("note", "已送到"));
        assertFalse(delivered.raw().contains(idNumber), delivered.toString());
        assertTrue(api.get("/api/confirm-queue?limit=50", v.admin()).raw().contains(idNumber), "the admin checks it before confirming");
    }

    /** The attack of the review: claim one unit of every public need, release it at once, repeat (before: all five households). */
    @Test
    void claimingAndReleasingCannotCollectTheAreasHouseholds() {
        Api.Village v = api.village(Api.XIMEN);
        List<String> needs = new ArrayList<>();
        for (int i = 0; i < 5; i++) needs.add(api.publishedNeed(v, "DAILY_LIVING", 3));
        Api.Who harvester = api.who(Api.unique("helper"), null, "helper");
        Set<String> households = new HashSet<>();
        int refused = 0;
        for (String id : needs) {
            Api.Reply c = api.post("/api/needs/" + id + "/claims", harvester, Json.object().put("quantity", 1));
            if (c.status() != 201) {
                assertEquals(409, c.status(), c.toString());
                assertFalse(c.raw().contains("13812345678"), "a refusal shows nothing personal");
                refused++;
                continue;
            }
            JsonNode h = c.body().path("need").path("household");
            households.add(h.path("name").asText() + h.path("address").asText() + id);
            String claimId = c.body().path("claim").path("id").asText();
            assertEquals(200, api.delete("/api/needs/" + id + "/claims/" + claimId, harvester, null).status());
        }
        assertEquals(2, households.size(), "one give-back a day is free; after the second, the cooldown stops the next claim");
        assertEquals(needs.size() - 2, refused);
        // The area admin sees the churn: the release is on the audit trail with how often.
        String audit = api.get("/api/audit?limit=1000", v.admin()).raw();
        assertTrue(audit.contains(harvester.sub()) && audit.contains("天内第 2 次取消"), "the admin sees who gave claims back and how often");
    }

    /** Released on day 10 and claimed again: still due on day 14, and after day 14 not again. */
    @Test
    void givingANeedBackAndClaimingItAgainDoesNotRestartTheClock() throws Exception {
        Api.Village v = api.village(Api.XIMEN);
        String id = api.publishedNeed(v, "EDUCATION", 1);
        String helper = Api.unique("helper");
        APIGatewayV2HTTPResponse first = claimAt(Duration.ZERO, id, helper);
        assertEquals(201, first.getStatusCode(), first.getBody());
        JsonNode claim = Json.parse(first.getBody()).path("claim");
        String dueOn = claim.path("dueOn").asText();
        Api.Who admin = v.admin();
        assertEquals(200, api.delete("/api/needs/" + id + "/claims/" + claim.path("id").asText(), admin, null).status());
        APIGatewayV2HTTPResponse again = claimAt(Duration.ofDays(10), id, helper);
        assertEquals(201, again.getStatusCode(), again.getBody());
        assertEquals(dueOn, Json.parse(again.getBody()).path("claim").path("dueOn").asText(), "the first claim's clock, not a new one");
        assertEquals(200, api.delete("/api/needs/" + id + "/claims/" + Json.parse(again.getBody()).path("claim").path("id").asText(),
                admin, null).status());
        APIGatewayV2HTTPResponse late = claimAt(Duration.ofDays(16), id, helper);
        assertEquals(409, late.getStatusCode(), "held for its whole time already: " + late.getBody());
        assertEquals(201, claimAt(Duration.ofDays(16), id, Api.unique("helper")).getStatusCode(), "someone else may take it");
    }

    /**
     * Issue 11, item 3: a second posting for the same ID number, with another phone and address,
     * must not redirect the help of a need already reviewed and claimed; the change is audited.
     */
    @Test
    void aSecondPostingForTheSameFamilyCannotRewriteWhatTheHelperOfAReviewedNeedGets() {
        Api.Village v = api.village(Api.XIMEN);
        String idNumber = Api.newIdNumber();
        var original = Api.needBody(v.area(), "MEDICAL", 1, idNumber);
        original.with("household").put("phone", "13711112222").put("address", "西门村1组1号");
        String id = api.post("/api/needs", v.poster(), original).text("id");
        api.post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "approve"));
        api.post("/api/needs/" + id + "/reviews", v.volunteer(), Json.object().put("decision", "approve"));
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        assertEquals(201, api.post("/api/needs/" + id + "/claims", helper, null).status());

        var rewrite = Api.needBody(v.area(), "EDUCATION", 1, idNumber);
        rewrite.with("household").put("phone", "13799998888").put("address", "别处99号");
        Api.Reply second = api.post("/api/needs", v.poster(), rewrite);
        assertEquals(201, second.status(), second.toString());

        String mine = api.get("/api/me", helper).raw();
        assertTrue(mine.contains("13711112222") && mine.contains("西门村1组1号"), "the helper keeps what the reviewers approved: " + mine);
        assertFalse(mine.contains("13799998888") || mine.contains("别处99号"), "an unreviewed phone and address never reach them");
        // The new details wait for their own review, and the change is on the audit trail.
        String queue = api.get("/api/review-queue?limit=50", v.council()).raw();
        assertTrue(queue.contains("13799998888"), "the reviewers see the new details with the new need");
        String audit = api.get("/api/audit?limit=1000", v.admin()).raw();
        assertTrue(audit.contains(second.text("id")) && audit.contains("household details differ from the register: phone, address"), audit);
    }

    /** The real claim handler on the shared table, its clock moved on by {@code later}. */
    private static APIGatewayV2HTTPResponse claimAt(Duration later, String needId, String helper) {
        Services live = Services.live();
        ClaimNeedHandler handler = new ClaimNeedHandler(live.with(
                new Lifecycle(Clock.offset(Clock.systemUTC(), later), AreaRegistry.bundled())));
        Map<String, String> claims = Map.of("sub", helper, "name", "测试", "roles", "[helper]");
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("POST /api/needs/{id}/claims")
                .withRawPath("/api/needs/" + needId + "/claims").withPathParameters(Map.of("id", needId))
                .withHeaders(Map.of("content-type", "application/json")).withBody("{}").withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("harvest-test")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build()).build())
                        .build())
                .build();
        return handler.handleRequest(event, null);
    }
}
