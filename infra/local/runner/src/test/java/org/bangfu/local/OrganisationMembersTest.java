package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/**
 * An organisation's members taken off by its manager or leaving, against DynamoDB Local: who may,
 * the last manager stays, a removed member no longer acts for it (their claims stay theirs); and
 * help-history imports in the audit trail of exactly the admins whose area covers them.
 */
class OrganisationMembersTest {
    private final Api api = TestPlatform.api();

    /** Taking a member off once, sent twice with one Idempotency-Key (TemplateTest records the calls). */
    static void exercise(Api api) {
        Api.Who owner = api.who(Api.unique("owner"), null, "helper");
        Api.Who member = api.who(Api.unique("member"), null, "helper");
        String org = SupplyTest.verifiedCompany(api, owner, api.village(Api.DONGMEN).admin());
        assertEquals(201, api.post("/api/organisations/" + org + "/members", owner, Json.object().put("personId", member.sub()).put("name", "小周")).status());
        assertEquals(200, TemplateTest.twice(api, "DELETE", members(org, member.sub()), owner, null).status());
    }

    @Test
    void aManagerTakesMembersOffAMemberLeavesTheLastManagerStays() {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who owner = api.who(Api.unique("owner"), null, "helper");
        Api.Who a = api.who(Api.unique("member-a"), null, "helper");
        Api.Who b = api.who(Api.unique("member-b"), null, "helper");
        String org = SupplyTest.verifiedCompany(api, owner, v.admin());
        for (Api.Who m : new Api.Who[] {a, b}) {
            assertEquals(201, api.post("/api/organisations/" + org + "/members", owner, Json.object().put("personId", m.sub()).put("name", "成员")).status());
        }
        // Another company's manager, and a plain member, take nobody off.
        Api.Who otherOwner = api.who(Api.unique("owner-b"), null, "helper");
        SupplyTest.verifiedCompany(api, otherOwner, v.admin());
        assertEquals(403, api.delete(members(org, a.sub()), otherOwner, null).status());
        assertEquals(403, api.delete(members(org, a.sub()), b, null).status());
        assertEquals(403, api.delete(members(org, owner.sub()), a, null).status());
        // The last manager cannot leave.
        Api.Reply last = api.delete(members(org, owner.sub()), owner, null);
        assertEquals(409, last.status(), last.toString());
        assertEquals("last_manager", last.text("code"), last.toString());
        JsonNode mine = organisation(owner, org);
        assertEquals("MANAGER", mine.path("myRole").asText(), mine.toString());
        assertEquals(3, mine.path("members").size(), mine.toString());

        // a claims for the company, then is taken off: no more claims for it, the old one stays a's.
        String need = api.publishedNeed(v, "MEDICAL", 3);
        Api.Reply claim = api.post("/api/needs/" + need + "/claims", a, Json.object().put("quantity", 1).put("organisationId", org));
        assertEquals(201, claim.status(), claim.toString());
        Api.Reply removed = api.delete(members(org, a.sub()), owner, null);
        assertEquals(200, removed.status(), removed.toString());
        assertEquals(404, api.delete(members(org, a.sub()), owner, null).status(), "taken off once");
        Api.Reply again = api.post("/api/needs/" + need + "/claims", a, Json.object().put("quantity", 1).put("organisationId", org));
        assertEquals(403, again.status(), again.toString());
        assertTrue(api.get("/api/me", a).raw().contains(claim.body().path("claim").path("id").asText(claim.text("id"))), "the claim stays a's");
        assertEquals(0, api.get("/api/me/supply", a).body().path("organisations").size());

        // b leaves; the manager is the only one left.
        Api.Reply left = api.delete(members(org, b.sub()), b, null);
        assertEquals(200, left.status(), left.toString());
        assertTrue(left.body().path("left").asBoolean());
        assertEquals(1, organisation(owner, org).path("members").size());
        assertEquals(404, api.delete(members(org, "no-such-person"), owner, null).status());
        assertEquals(404, api.delete("/api/organisations/onosuchorg000/members/" + b.sub(), owner, null).status());
        assertEquals(401, api.delete(members(org, b.sub()), null, null).status());
    }

    /** Only the manager adds members: not a plain member, not one taken off, not an area admin. */
    @Test
    void onlyTheManagerAddsMembers() {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who owner = api.who(Api.unique("owner"), null, "helper");
        Api.Who a = api.who(Api.unique("member-a"), null, "helper");
        Api.Who b = api.who(Api.unique("member-b"), null, "helper");
        Api.Who c = api.who(Api.unique("member-c"), null, "helper");
        String org = SupplyTest.verifiedCompany(api, owner, v.admin());
        String add = "/api/organisations/" + org + "/members";
        for (Api.Who m : new Api.Who[] {a, b}) {
            assertEquals(201, api.post(add, owner, Json.object().put("personId", m.sub()).put("name", "成员")).status());
        }
        Api.Reply byMember = api.post(add, a, Json.object().put("personId", c.sub()).put("name", "小陈"));
        assertEquals(403, byMember.status(), byMember.toString());
        assertEquals(200, api.delete(members(org, b.sub()), owner, null).status());
        Api.Reply byRemoved = api.post(add, b, Json.object().put("personId", c.sub()).put("name", "小陈"));
        assertEquals(403, byRemoved.status(), byRemoved.toString());
        Api.Reply reAdd = api.post(add, b, Json.object().put("personId", b.sub()).put("name", "小B"));
        assertEquals(403, reAdd.status(), "a removed member cannot add themselves back: " + reAdd);
        assertEquals(403, api.post(add, v.admin(), Json.object().put("personId", c.sub()).put("name", "小陈")).status(), "nor an area admin");
        assertEquals(2, organisation(owner, org).path("members").size(), "nobody was added");
        assertEquals(201, api.post(add, owner, Json.object().put("personId", c.sub()).put("name", "小陈")).status());
    }

    @Test
    void importsAreInTheAuditTrailOfTheAdminsWhoseAreaCoversThem() {
        Api.Who city = api.who(Api.unique("city-admin"), "321100000000", "admin");
        Api.Who province = api.who(Api.unique("province-admin"), "320000000000", "admin");
        Api.Who county = api.village(Api.DONGMEN).admin();
        Api.Who town = api.who(Api.unique("town-admin"), Api.YUNYANG, "admin");
        Api.Who elsewhere = api.village(Api.MIANDU).admin();
        String cityWide = import_(city, null);
        String forCounty = import_(city, Api.DANYANG);
        String byCounty = import_(county, null);
        for (Api.Who admin : new Api.Who[] {city, province}) {
            String trail = api.get("/api/audit", admin).raw();
            for (String source : new String[] {cityWide, forCounty, byCounty}) assertTrue(trail.contains(source), source + " in " + trail);
        }
        String countys = api.get("/api/audit", county).raw();
        assertTrue(countys.contains(forCounty) && countys.contains(byCounty), countys);
        assertFalse(countys.contains(cityWide), "a city-wide import is not the county's");
        for (Api.Who admin : new Api.Who[] {town, elsewhere}) {
            Api.Reply r = api.get("/api/audit", admin);
            assertEquals(200, r.status(), r.toString());
            for (String source : new String[] {cityWide, forCounty, byCounty}) assertFalse(r.raw().contains(source), source + " in " + r.raw());
        }
    }

    /** An import by {@code admin} (for {@code area}, null: their own), its source unique; returns the source. */
    private String import_(Api.Who admin, String area) {
        String source = Api.unique("民政局");
        String csv = "身份证号,窗口,内容,来源,日期\n" + Api.newIdNumber() + ",助学,学费减免,民政局," + Api.today() + "\n";
        var body = Json.object().put("source", source).put("csv", csv);
        if (area != null) body.put("areaCode", area);
        Api.Reply r = api.post("/api/help-imports", admin, body);
        assertEquals(201, r.status(), r.toString());
        return source;
    }

    private static String members(String org, String personId) {
        return "/api/organisations/" + org + "/members/" + personId;
    }

    private JsonNode organisation(Api.Who who, String org) {
        for (JsonNode o : api.get("/api/me/supply", who).body().path("organisations")) if (o.path("id").asText().equals(org)) return o;
        throw new AssertionError("not in " + who.sub() + "'s organisations: " + org);
    }
}
