package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/**
 * An organisation's members, against DynamoDB Local: added by its manager by the phone they sign in
 * with (nobody else can use that to learn whether a number has an account), taken off by its manager
 * or leaving: who may, the last manager stays, a removed member no longer acts for it (their claims
 * stay theirs); and
 * help-history imports in the audit trail of exactly the admins whose area covers them.
 */
class OrganisationMembersTest {
    private final Api api = TestPlatform.api();

    /** Taking a member off once, sent twice with one Idempotency-Key (TemplateTest records the calls). */
    static void exercise(Api api) {
        Api.Who owner = api.who(Api.unique("owner"), null, "helper");
        Api.Who member = api.withPhone("member");
        String org = SupplyTest.verifiedCompany(api, owner, api.village(Api.DONGMEN).admin());
        assertEquals(201, api.post("/api/organisations/" + org + "/members", owner, Api.asMember(member, "小周")).status());
        assertEquals(200, TemplateTest.twice(api, "DELETE", members(org, member.sub()), owner, null).status());
    }

    @Test
    void aManagerTakesMembersOffAMemberLeavesTheLastManagerStays() {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who owner = api.who(Api.unique("owner"), null, "helper");
        Api.Who a = api.withPhone("member-a");
        Api.Who b = api.withPhone("member-b");
        String org = SupplyTest.verifiedCompany(api, owner, v.admin());
        for (Api.Who m : new Api.Who[] {a, b}) {
            assertEquals(201, api.post("/api/organisations/" + org + "/members", owner, Api.asMember(m, "成员")).status());
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
        Api.Who a = api.withPhone("member-a");
        Api.Who b = api.withPhone("member-b");
        Api.Who c = api.withPhone("member-c");
        String org = SupplyTest.verifiedCompany(api, owner, v.admin());
        String add = "/api/organisations/" + org + "/members";
        for (Api.Who m : new Api.Who[] {a, b}) {
            assertEquals(201, api.post(add, owner, Api.asMember(m, "成员")).status());
        }
        Api.Reply byMember = api.post(add, a, Api.asMember(c, "小陈"));
        assertEquals(403, byMember.status(), byMember.toString());
        assertEquals(200, api.delete(members(org, b.sub()), owner, null).status());
        Api.Reply byRemoved = api.post(add, b, Api.asMember(c, "小陈"));
        assertEquals(403, byRemoved.status(), byRemoved.toString());
        Api.Reply reAdd = api.post(add, b, Api.asMember(b, "小B"));
        assertEquals(403, reAdd.status(), "a removed member cannot add themselves back: " + reAdd);
        assertEquals(403, api.post(add, v.admin(), Api.asMember(c, "小陈")).status(), "nor an area admin");
        assertEquals(2, organisation(owner, org).path("members").size(), "nobody was added");
        assertEquals(201, api.post(add, owner, Api.asMember(c, "小陈")).status());
    }

    /** By phone, typed as people type it and read as sign-in reads it; the answer says no more than the manager typed. */
    @Test
    void theManagerAddsAColleagueByThePhoneTheySignInWith() {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who owner = api.who(Api.unique("owner"), null, "helper");
        Api.Who a = api.withPhone("member-a");
        String org = SupplyTest.verifiedCompany(api, owner, v.admin());
        String add = "/api/organisations/" + org + "/members";
        String national = Api.phoneOf(a).substring(3);
        String typed = national.substring(0, 3) + " " + national.substring(3, 7) + "-" + national.substring(7);
        Api.Reply added = api.post(add, owner, Json.object().put("phone", typed).put("name", " 小周 "));
        assertEquals(201, added.status(), added.toString());
        assertEquals(a.sub(), added.text("personId"));
        assertEquals("小周", added.text("name"), "the name the manager typed, not the one on their profile");
        String masked = national.substring(0, 3) + "****" + national.substring(7);
        assertEquals(masked, added.text("maskedPhone"), added.toString());
        assertEquals(java.util.Set.of("organisationId", "personId", "name", "maskedPhone"), fieldNames(added.body()), added.toString());
        assertFalse(added.raw().contains(national.substring(3, 7)) || added.raw().contains("测试member-a"), "nothing more of their account: " + added);
        JsonNode seen = organisation(a, org);
        assertEquals("MEMBER", seen.path("myRole").asText(), seen.toString());
        JsonNode row = member(organisation(owner, org), a.sub());
        assertEquals("小周", row.path("name").asText());
        assertEquals("MEMBER", row.path("role").asText());
        assertFalse(row.path("addedAt").asText().isEmpty(), row.toString());
        assertEquals(masked, row.path("maskedPhone").asText(), row.toString());
        for (Api.Who viewer : new Api.Who[] {owner, a}) {
            String raw = api.get("/api/me/supply", viewer).raw();
            assertFalse(raw.contains(national), "the whole number, to " + viewer.sub() + ": " + raw);
        }
        assertEquals("MANAGER", member(organisation(owner, org), owner.sub()).path("role").asText());

        Api.Reply again = api.post(add, owner, Json.object().put("phone", "+86" + national).put("name", "小周"));
        assertEquals(409, again.status(), "the same person, written another way: " + again);
        assertEquals("already_member", again.text("code"), again.toString());

        // Nobody has signed in with this number: a plain sentence, nobody added.
        Api.Reply unknown = api.post(add, owner, Json.object().put("phone", Api.newPhone()).put("name", "小吴"));
        assertEquals(404, unknown.status(), unknown.toString());
        assertEquals("phone_not_registered", unknown.text("code"), unknown.toString());
        assertTrue(unknown.text("message").contains("该手机号还没有登录过本平台，请对方先用手机号登录一次"), unknown.toString());
        // Bad input names the field.
        for (JsonNode bad : new JsonNode[] {Json.object().put("phone", "12345").put("name", "小吴"), Json.object().put("name", "小吴"),
                Json.object().put("phone", "+86 10 1234 5678 99999").put("name", "小吴"), Json.object().put("phone", 13900001111L).put("name", "小吴")}) {
            Api.Reply r = api.post(add, owner, bad);
            assertEquals(400, r.status(), bad + " → " + r);
            assertEquals("phone", r.body().path("fields").path(0).path("field").asText(), r.toString());
        }
        Api.Reply noName = api.post(add, owner, Json.object().put("phone", typed).put("name", " "));
        assertEquals(400, noName.status(), noName.toString());
        assertEquals("name", noName.body().path("fields").path(0).path("field").asText(), noName.toString());
        Api.Reply both = api.post(add, owner, Json.object().put("phone", typed).put("personId", a.sub()).put("name", "小吴"));
        assertEquals(400, both.status(), both.toString());
        assertEquals(2, organisation(owner, org).path("members").size(), "nobody else was added");
        // The older body, by id, is still taken (clients written before phones): no phone to show then.
        Api.Who byIdPerson = api.withPhone("by-id");
        Api.Reply byId = api.post(add, owner, Json.object().put("personId", byIdPerson.sub()).put("name", "小吴"));
        assertEquals(201, byId.status(), byId.toString());
        assertFalse(byId.body().has("maskedPhone"), byId.toString());
        assertTrue(member(organisation(owner, org), byIdPerson.sub()).path("maskedPhone").isMissingNode());
    }

    /**
     * A phone-registration oracle for nobody but the manager: anyone else gets the same 403 for a number
     * that has an account, one that has none and one that is no number, and the phone is never read.
     */
    @Test
    void nobodyButTheManagerLearnsWhetherANumberHasAnAccount() {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who owner = api.who(Api.unique("owner"), null, "helper");
        Api.Who plain = api.withPhone("member");
        String org = SupplyTest.verifiedCompany(api, owner, v.admin());
        String add = "/api/organisations/" + org + "/members";
        assertEquals(201, api.post(add, owner, Api.asMember(plain, "成员")).status());
        Api.Who otherManager = api.who(Api.unique("owner-b"), null, "helper");
        SupplyTest.verifiedCompany(api, otherManager, v.admin());
        Api.Who known = api.withPhone("known");
        String unknownPhone = Api.newPhone();
        Api.Who[] probers = {api.who(Api.unique("stranger"), null, "helper"), plain, otherManager, v.admin()};
        for (Api.Who prober : probers) {
            Api.Reply ofKnown = api.post(add, prober, Json.object().put("phone", Api.phoneOf(known)).put("name", "小张"));
            Api.Reply ofUnknown = api.post(add, prober, Json.object().put("phone", unknownPhone).put("name", "小张"));
            Api.Reply ofNoNumber = api.post(add, prober, Json.object().put("phone", "abc").put("name", "小张"));
            assertEquals(403, ofKnown.status(), prober.sub() + ": " + ofKnown);
            assertEquals(ofKnown.raw(), ofUnknown.raw(), prober.sub() + " tells a known number from an unknown one");
            assertEquals(ofKnown.raw(), ofNoNumber.raw(), prober.sub() + " is told whether it is a number at all");
        }
        assertEquals(401, api.post(add, null, Json.object().put("phone", Api.phoneOf(known)).put("name", "小张")).status());
        assertEquals(0, PhoneReads.of("AddOrganisationMemberFunction", Api.phoneOf(known)), "a known phone was read for a non-manager");
        assertEquals(0, PhoneReads.of("AddOrganisationMemberFunction", unknownPhone), "an unknown phone was read for a non-manager");
        assertEquals(2, organisation(owner, org).path("members").size(), "nobody was added");
        // The manager's request does read it (so the counts above could have been more than 0).
        assertEquals(201, api.post(add, owner, Api.asMember(known, "小张")).status());
        assertEquals(1, PhoneReads.of("AddOrganisationMemberFunction", Api.phoneOf(known)));
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

    private static JsonNode member(JsonNode organisation, String personId) {
        for (JsonNode m : organisation.path("members")) if (m.path("personId").asText().equals(personId)) return m;
        throw new AssertionError("not a member: " + personId + " in " + organisation);
    }

    private static java.util.Set<String> fieldNames(JsonNode o) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private JsonNode organisation(Api.Who who, String org) {
        for (JsonNode o : api.get("/api/me/supply", who).body().path("organisations")) if (o.path("id").asText().equals(org)) return o;
        throw new AssertionError("not in " + who.sub() + "'s organisations: " + org);
    }
}
