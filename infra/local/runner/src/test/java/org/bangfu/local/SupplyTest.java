package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/**
 * The supply side through the gateway, on DynamoDB Local: an organisation registered and verified,
 * its offer matched to a need, proposed, accepted (a claim), delivered and confirmed, its
 * contribution counted; offers' capacity under concurrent acceptance; households' help history with
 * an imported record; and who may see or do any of it.
 */
class SupplyTest {
    private final Api api = TestPlatform.api();

    /** The supply side's routes, and whether each needs a signed-in person (TemplateTest checks them all). */
    static final java.util.Map<String, Boolean> ROUTES = java.util.Map.ofEntries(
            java.util.Map.entry("POST /api/organisations", true), java.util.Map.entry("POST /api/organisations/{id}/decision", true),
            java.util.Map.entry("POST /api/organisations/{id}/members", true), java.util.Map.entry("GET /api/organisations", false),
            java.util.Map.entry("GET /api/organisations/{id}", false), java.util.Map.entry("POST /api/offers", true),
            java.util.Map.entry("GET /api/offers", false), java.util.Map.entry("GET /api/offers/{id}", false),
            java.util.Map.entry("POST /api/offers/{id}/proposals", true),
            java.util.Map.entry("POST /api/offers/{id}/proposals/{proposalId}/answer", true), java.util.Map.entry("GET /api/me/supply", true),
            java.util.Map.entry("DELETE /api/offers/{id}", true), java.util.Map.entry("PATCH /api/offers/{id}", true),
            java.util.Map.entry("GET /share/offer/{id}", false),
            java.util.Map.entry("GET /api/needs/{id}/help-history", true), java.util.Map.entry("POST /api/help-imports", true));

    /** Every supply function once on its success path, writes sent twice with one Idempotency-Key (TemplateTest records the calls). */
    static void exercise(Api api) {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who owner = api.who(Api.unique("company"), null, "helper");
        Api.Who member = api.withPhone("member");
        String org = TemplateTest.twice(api, "POST", "/api/organisations", owner, Json.object().put("name", "测试单位").put("kind", "CHARITY")
                .put("areaCode", Api.DANYANG).set("contact", Json.object().put("name", "周经理").put("phone", "13900002222"))).text("id");
        assertEquals(200, TemplateTest.twice(api, "POST", "/api/organisations/" + org + "/decision", v.admin(),
                Json.object().put("decision", "approve")).status());
        assertEquals(201, TemplateTest.twice(api, "POST", "/api/organisations/" + org + "/members", owner,
                Api.asMember(member, "小周")).status());
        String offer = TemplateTest.twice(api, "POST", "/api/offers", owner, offerBody(org, 5, "MEDICAL")).text("id");
        assertEquals(200, api.get("/api/organisations", null).status());
        assertEquals(200, api.get("/api/organisations/" + org, null).status());
        assertEquals(200, api.get("/api/offers?category=MEDICAL&covers=" + Api.DONGMEN, null).status());
        assertEquals(200, api.get("/api/offers/" + offer, null).status());
        String need = api.publishedNeed(v, "MEDICAL", 1);
        String p = TemplateTest.twice(api, "POST", "/api/offers/" + offer + "/proposals", v.poster(), Json.object().put("needId", need)).text("id");
        Api.Reply accepted = TemplateTest.twice(api, "POST", "/api/offers/" + offer + "/proposals/" + p + "/answer", member,
                Json.object().put("decision", "accept"));
        assertEquals(200, accepted.status());
        // Giving back the offer's claim frees the offer's unit (UpdateItem of the offer, GetItem of the helper's record).
        assertEquals(200, api.delete("/api/needs/" + need + "/claims/" + accepted.body().path("claim").path("id").asText(), member, null).status());
        // One accepted claim stays open, for the scheduled hygiene to give back when overdue (UpdateItem of the offer).
        String kept = api.post("/api/offers/" + offer + "/proposals", v.poster(), Json.object().put("needId", api.publishedNeed(v, "MEDICAL", 1))).text("id");
        assertEquals(200, answer(api, member, offer, kept, "accept").status());
        String need2 = api.publishedNeed(v, "MEDICAL", 2);
        Api.Reply onBehalf = TemplateTest.twice(api, "POST", "/api/needs/" + need2 + "/claims", member,
                Json.object().put("quantity", 1).put("organisationId", org));
        assertEquals(201, onBehalf.status());
        // Confirming help given on behalf of the organisation counts for it too (UpdateItem of the organisation).
        String orgClaim = "/api/needs/" + need2 + "/claims/" + onBehalf.body().path("claim").path("id").asText();
        assertEquals(200, api.post(orgClaim + "/delivered", member, Json.object().put("note", "已送达")).status());
        assertEquals(200, api.post(orgClaim + "/confirm", v.admin(), null).status());
        assertEquals(200, api.get("/api/me/supply", owner).status());
        assertEquals(200, api.get("/api/me/supply", v.admin()).status());
        assertEquals(200, api.get("/share/offer/" + offer, null).status());
        long version = api.get("/api/offers/" + offer, null).body().path("version").asLong();
        assertEquals(200, TemplateTest.twice(api, "PATCH", "/api/offers/" + offer, owner, Json.object().put("version", version).put("quantity", 6)).status());
        String p2 = api.post("/api/offers/" + offer + "/proposals", v.poster(), Json.object().put("needId", api.publishedNeed(v, "MEDICAL", 1))).text("id");
        assertNotNull(p2);
        assertEquals(200, TemplateTest.twice(api, "DELETE", "/api/offers/" + offer, member, Json.object().put("reason", "已送完")).status());
        String csv = "身份证号,窗口,内容,来源,日期\n" + Api.newIdNumber() + ",助学,学费减免,民政局," + Api.today() + "\n";
        assertEquals(201, TemplateTest.twice(api, "POST", "/api/help-imports", v.admin(), Json.object().put("source", "民政局").put("csv", csv)).status());
        // A need of a household with an imported record (BatchGetItem of the import).
        String idNumber = Api.newIdNumber();
        assertEquals(201, api.post("/api/help-imports", v.admin(), Json.object().put("source", "民政局")
                .put("csv", idNumber + ",助学,学费减免,民政局," + Api.today())).status());
        String hhNeed = api.post("/api/needs", v.poster(), Api.needBody(v.area(), "EDUCATION", 1, idNumber)).text("id");
        assertEquals(200, api.get("/api/needs/" + hhNeed + "/help-history", v.council()).status());
        // The review queue flags it, from the import (BatchGetItem of the import's lines).
        assertEquals(200, api.get("/api/review-queue", v.council()).status());
    }

    /** A company registered by {@code owner} and verified by the county's admin; returns its id. */
    static String verifiedCompany(Api api, Api.Who owner, Api.Who admin) {
        Api.Reply r = api.post("/api/organisations", owner, Json.object().put("name", "丹阳康复器材有限公司" + Api.unique(""))
                .put("kind", "COMPANY").put("areaCode", Api.DANYANG).set("contact", Json.object().put("name", "周经理").put("phone", "13900002222")));
        assertEquals(201, r.status(), r.toString());
        String id = r.text("id");
        Api.Reply d = api.post("/api/organisations/" + id + "/decision", admin, Json.object().put("decision", "approve"));
        assertEquals(200, d.status(), d.toString());
        assertEquals("联盟成员单位", d.text("badge"));
        return id;
    }

    static ObjectNode offerBody(String org, int quantity, String category) {
        ObjectNode o = Json.object().put("kind", "GOODS").put("category", category).put("title", "轮椅")
                .put("description", "可折叠轮椅，免费赠送给行动不便的困难群众。").put("quantity", quantity).put("unit", "台")
                .put("areaCode", Api.DANYANG).put("until", Api.today().plusDays(60).toString());
        if (org != null) o.put("organisationId", org);
        return o;
    }

    static String offer(Api api, Api.Who who, String org, int quantity, String category) {
        Api.Reply r = api.post("/api/offers", who, offerBody(org, quantity, category));
        assertEquals(201, r.status(), r.toString());
        return r.text("id");
    }

    static String propose(Api api, Api.Who poster, String offer, String need) {
        Api.Reply r = api.post("/api/offers/" + offer + "/proposals", poster, Json.object().put("needId", need));
        assertEquals(201, r.status(), r.toString());
        return r.text("id");
    }

    static Api.Reply answer(Api api, Api.Who who, String offer, String proposal, String decision) {
        return api.post("/api/offers/" + offer + "/proposals/" + proposal + "/answer", who, Json.object().put("decision", decision));
    }

    @Test
    void aCompanysOfferOfWheelchairsMeetsAVillagesNeedAndTheHelpIsCountedForTheCompany() {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who company = api.who(Api.unique("company"), null, "helper");
        // Registered, not yet verified: not public, cannot publish offers.
        Api.Reply reg = api.post("/api/organisations", company, Json.object().put("name", "丹阳康复器材有限公司").put("kind", "企业")
                .put("areaCode", Api.DANYANG).set("contact", Json.object().put("name", "周经理").put("phone", "13900002222")));
        assertEquals(201, reg.status(), reg.toString());
        String org = reg.text("id");
        assertEquals("PENDING", reg.text("state"));
        assertEquals(404, api.get("/api/organisations/" + org, null).status());
        assertEquals(409, api.post("/api/offers", company, offerBody(org, 20, "DISABILITY")).status(), "not verified yet");
        assertTrue(api.get("/api/me/supply", v.admin()).raw().contains(org), "waits in the county admin's list");
        assertEquals(403, api.post("/api/organisations/" + org + "/decision", v.poster(), Json.object().put("decision", "approve")).status());
        Api.Who otherAdmin = api.who(Api.unique("admin"), "430225000000", "admin");
        assertEquals(403, api.post("/api/organisations/" + org + "/decision", otherAdmin, Json.object().put("decision", "approve")).status());
        Api.Reply ok = api.post("/api/organisations/" + org + "/decision", v.admin(), Json.object().put("decision", "approve"));
        assertEquals(200, ok.status(), ok.toString());
        assertEquals(409, api.post("/api/organisations/" + org + "/decision", v.admin(), Json.object().put("decision", "approve")).status());
        JsonNode pub = api.get("/api/organisations/" + org, null).body();
        assertEquals("联盟成员单位", pub.path("badge").asText());
        assertFalse(pub.has("contact"), "the public view has no contact");

        // 20 wheelchairs for the county: public, and shown as fitting a 助残 need of a village in it.
        String offer = offer(api, company, org, 20, "DISABILITY");
        assertTrue(api.get("/api/offers?category=DISABILITY&area=" + Api.DANYANG, null).raw().contains(offer));
        assertEquals("丹阳康复器材有限公司", api.get("/api/offers/" + offer, null).body().path("organisation").path("name").asText());
        String need = api.postNeed(v, "DISABILITY", 1);
        assertTrue(api.get("/api/offers?category=DISABILITY&covers=" + Api.DONGMEN, null).raw().contains(offer));
        assertFalse(api.get("/api/offers?category=MEDICAL&covers=" + Api.DONGMEN, null).raw().contains(offer), "another window");
        assertFalse(api.get("/api/offers?category=DISABILITY&covers=" + Api.MIANDU, null).raw().contains(offer), "another county");

        // The cadre proposes; only the offerer answers; acceptance waits for publication, then is a claim for the company.
        assertEquals(403, api.post("/api/offers/" + offer + "/proposals", v.council(), Json.object().put("needId", need)).status());
        String proposal = propose(api, v.poster(), offer, need);
        assertEquals(403, answer(api, api.who(Api.unique("helper"), null, "helper"), offer, proposal, "accept").status());
        assertEquals(409, answer(api, company, offer, proposal, "accept").status(), "the need is not published yet");
        assertEquals(200, api.post("/api/needs/" + need + "/reviews", v.council(), Json.object().put("decision", "approve")).status());
        assertEquals(200, api.post("/api/needs/" + need + "/reviews", v.volunteer(), Json.object().put("decision", "approve")).status());
        Api.Reply accepted = answer(api, company, offer, proposal, "accept");
        assertEquals(200, accepted.status(), accepted.toString());
        assertEquals(19, accepted.body().path("offer").path("remaining").asInt());
        assertEquals(org, accepted.body().path("claim").path("organisation").path("id").asText());
        assertEquals("CLAIMED", accepted.body().path("need").path("state").asText());
        assertEquals(409, answer(api, company, offer, proposal, "accept").status(), "answered once");
        assertTrue(api.get("/api/me/supply", company).raw().contains("\"state\":\"ACCEPTED\""));

        // Delivered, confirmed: the company's contribution, and the family's help history.
        String claim = accepted.body().path("claim").path("id").asText();
        assertEquals(200, api.post("/api/needs/" + need + "/claims/" + claim + "/delivered", company, Json.object().put("note", "轮椅已送到")).status());
        assertEquals(200, api.post("/api/needs/" + need + "/claims/" + claim + "/confirm", v.admin(), null).status());
        JsonNode board = api.get("/api/organisations?area=" + Api.DANYANG + "&limit=200", null).body();
        JsonNode mine = null;
        for (JsonNode o : board.path("items")) if (o.path("id").asText().equals(org)) mine = o;
        assertNotNull(mine, board.toString());
        assertEquals(1, mine.path("contribution").path("claimsConfirmed").asInt());
        assertEquals(1, mine.path("contribution").path("units").asInt());
        assertEquals(300, mine.path("contribution").path("valueYuan").asInt());
        JsonNode history = api.get("/api/needs/" + need + "/help-history", v.council()).body();
        assertEquals("丹阳康复器材有限公司", history.path("items").path(0).path("from").asText(), history.toString());
        assertEquals("PLATFORM", history.path("items").path(0).path("source").asText());
    }

    @Test
    void aMemberClaimsForTheOrganisationAndAStrangerCannot() {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who owner = api.who(Api.unique("company"), null, "helper");
        Api.Who member = api.withPhone("member");
        String org = verifiedCompany(api, owner, v.admin());
        String need = api.publishedNeed(v, "EDUCATION", 2);
        ObjectNode forOrg = Json.object().put("quantity", 1).put("organisationId", org);
        assertEquals(403, api.post("/api/needs/" + need + "/claims", member, forOrg).status(), "not a member yet");
        assertEquals(403, api.post("/api/organisations/" + org + "/members", member,
                Api.asMember(member, "小周")).status(), "only members add members");
        assertEquals(201, api.post("/api/organisations/" + org + "/members", owner,
                Api.asMember(member, "小周")).status());
        Api.Reply c = api.post("/api/needs/" + need + "/claims", member, forOrg);
        assertEquals(201, c.status(), c.toString());
        assertEquals(org, c.body().path("claim").path("organisation").path("id").asText());
        assertEquals(400, api.post("/api/needs/" + need + "/claims", member, Json.object().put("organisationId", "nope")).status());
    }

    /** 12 members accept 12 proposals to an offer of 5 at the same moment: exactly 5 win, the offer is used up and delisted. */
    @Test
    void anOffersCapacityIsNeverOverCommittedUnderConcurrentAcceptance() throws Exception {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who owner = api.who(Api.unique("company"), null, "helper");
        String org = verifiedCompany(api, owner, v.admin());
        List<Api.Who> members = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            Api.Who m = api.withPhone("member");
            assertEquals(201, api.post("/api/organisations/" + org + "/members", owner, Api.asMember(m, "成员" + i)).status());
            members.add(m);
        }
        String offer = offer(api, owner, org, 5, "HOME_IMPROVEMENT");
        List<String> proposals = new ArrayList<>();
        for (int i = 0; i < 12; i++) proposals.add(propose(api, v.poster(), offer, api.publishedNeed(v, "HOME_IMPROVEMENT", 1)));
        List<Api.Reply> replies = race(12, i -> answer(api, members.get(i), offer, proposals.get(i), "accept"));
        long won = replies.stream().filter(r -> r.status() == 200).count();
        assertEquals(5, won, "exactly the capacity: " + replies.stream().map(Api.Reply::status).toList());
        replies.stream().filter(r -> r.status() != 200).forEach(r -> assertEquals(409, r.status(), r.toString()));
        JsonNode o = api.get("/api/offers/" + offer, null).body();
        assertEquals(0, o.path("remaining").asInt());
        assertEquals("USED_UP", o.path("state").asText());
        assertFalse(api.get("/api/offers?category=HOME_IMPROVEMENT&covers=" + Api.DONGMEN, null).raw().contains(offer), "delisted");
        // A winner gives the claim back: its unit returns to the offer, which is listed again.
        int w = 0;
        while (replies.get(w).status() != 200) w++;
        JsonNode won1 = replies.get(w).body();
        Api.Reply released = api.delete("/api/needs/" + won1.path("need").path("id").asText() + "/claims/" + won1.path("claim").path("id").asText(),
                members.get(w), null);
        assertEquals(200, released.status(), released.toString());
        assertEquals(1, api.get("/api/offers/" + offer, null).body().path("remaining").asInt());
        assertTrue(api.get("/api/offers?category=HOME_IMPROVEMENT&covers=" + Api.DONGMEN, null).raw().contains(offer), "listed again");

        // One proposal, six members accepting it at once: one claim.
        String offer2 = offer(api, owner, org, 10, "HOME_IMPROVEMENT");
        String p = propose(api, v.poster(), offer2, api.publishedNeed(v, "HOME_IMPROVEMENT", 1));
        List<Api.Reply> same = race(6, i -> answer(api, members.get(12 + i), offer2, p, "accept"));
        assertEquals(1, same.stream().filter(r -> r.status() == 200).count(), same.stream().map(Api.Reply::status).toList().toString());
        assertEquals(9, api.get("/api/offers/" + offer2, null).body().path("remaining").asInt());
    }

    /** A capacity per month is published and shown as such; an unknown capacity is a 400 naming the field. */
    @Test
    void anOfferCanCountItsQuantityPerMonth() {
        Api.Who helper = api.who(Api.unique("visits"), null, "helper");
        Api.Reply monthly = api.post("/api/offers", helper, offerBody(null, 5, "HOME_IMPROVEMENT").put("capacity", "MONTHLY"));
        assertEquals(201, monthly.status(), monthly.toString());
        assertEquals("MONTHLY", monthly.text("capacity"));
        assertEquals(5, monthly.body().path("remaining").asInt());
        assertEquals("OPEN", monthly.text("state"));
        Api.Reply bad = api.post("/api/offers", helper, offerBody(null, 5, "HOME_IMPROVEMENT").put("capacity", "WEEKLY"));
        assertEquals(400, bad.status(), bad.toString());
        assertTrue(bad.raw().contains("capacity"), bad.toString());
    }

    @Test
    void anImportedCivilAffairsRecordShowsInTheReviewQueueAndABadFileImportsNothing() {
        Api.Village v = api.village(Api.DONGMEN);
        String idNumber = Api.newIdNumber();
        String day = Api.today().minusMonths(2).toString();
        // A bad file: every bad row by line, and nothing of it imported (its good first row included).
        String bad = "身份证号,窗口,内容,来源,日期\n" + idNumber + ",助学,学费减免,丹阳市民政局," + day + "\n123,助学,学费,民政局," + day
                + "\n" + idNumber + ",修路,修路,民政局," + day + "\n";
        Api.Reply refused = api.post("/api/help-imports", v.admin(), Json.object().put("source", "丹阳市民政局").put("csv", bad));
        assertEquals(400, refused.status(), refused.toString());
        assertEquals(List.of("line 3", "line 4"), refused.body().path("fields").findValuesAsText("field"));
        assertEquals(403, api.post("/api/help-imports", v.council(), Json.object().put("source", "x").put("csv", bad)).status());
        String need = api.postNeed(v, "MEDICAL", 1);
        // (the need above is another household; this one is the imported family's)
        ObjectNode body = Api.needBody(v.area(), "EDUCATION", 1, idNumber);
        String familyNeedFirst = api.post("/api/needs", v.poster(), body).text("id");
        assertFalse(queueItem(v.council(), familyNeedFirst).path("helpHistory").path("flagged").asBoolean(), "nothing imported");

        String good = "身份证号,窗口,内容,来源,日期\n" + idNumber + ",助学,学费减免一学期,丹阳市民政局," + day + "\n";
        Api.Reply imported = api.post("/api/help-imports", v.admin(), Json.object().put("source", "丹阳市民政局").put("csv", good));
        assertEquals(201, imported.status(), imported.toString());
        assertEquals(1, imported.body().path("rows").asInt());
        JsonNode item = queueItem(v.council(), familyNeedFirst);
        assertTrue(item.path("helpHistory").path("flagged").asBoolean(), item.toString());
        JsonNode line = item.path("helpHistory").path("items").path(0);
        assertEquals("EDUCATION", line.path("category").asText());
        assertEquals("丹阳市民政局", line.path("from").asText());
        assertEquals("IMPORTED", line.path("source").asText());
        // Reviewers and admins of the area only.
        assertEquals(200, api.get("/api/needs/" + familyNeedFirst + "/help-history", v.admin()).status());
        assertEquals(403, api.get("/api/needs/" + familyNeedFirst + "/help-history", v.poster()).status());
        assertEquals(403, api.get("/api/needs/" + familyNeedFirst + "/help-history", api.who(Api.unique("helper"), null, "helper")).status());
        assertEquals(403, api.get("/api/needs/" + familyNeedFirst + "/help-history", api.village(Api.XIMEN).council()).status());
        assertEquals(401, api.get("/api/needs/" + familyNeedFirst + "/help-history", null).status());
        assertTrue(api.get("/api/audit", v.admin()).raw().contains("import-help"), "the import is in the area's audit trail");
        assertNotNull(need);
    }

    private JsonNode queueItem(Api.Who reviewer, String needId) {
        Api.Reply q = api.get("/api/review-queue?limit=50&area=" + Api.DONGMEN, reviewer);
        assertEquals(200, q.status(), q.toString());
        for (JsonNode n : q.body().path("items")) if (n.path("id").asText().equals(needId)) return n;
        String next = q.body().path("next").asText(null);
        while (next != null) {
            Api.Reply more = api.get("/api/review-queue?limit=50&area=" + Api.DONGMEN + "&cursor=" + next, reviewer);
            for (JsonNode n : more.body().path("items")) if (n.path("id").asText().equals(needId)) return n;
            next = more.body().path("next").isNull() ? null : more.body().path("next").asText();
        }
        throw new AssertionError(needId + " not in the queue");
    }

    interface Call {
        Api.Reply run(int i);
    }

    static List<Api.Reply> race(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Reply>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                final int k = i;
                fs.add(pool.submit(() -> {
                    go.await();
                    return call.run(k);
                }));
            }
            go.countDown();
            List<Api.Reply> out = new ArrayList<>();
            for (Future<Api.Reply> f : fs) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
