package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/**
 * An organisation's manager hands over to a member (PATCH …/members/{personId} {"role":"MANAGER"}),
 * against DynamoDB Local: only the manager, only to a current member, never to themselves; racing
 * hand-overs (and a hand-over racing a removal) leave exactly one manager; the area's audit trail
 * has a line for every member added, taken off, leaving, and handed over to.
 */
class OrganisationHandOverTest {
    private final Api api = TestPlatform.api();

    /** A hand-over, sent twice with one Idempotency-Key (TemplateTest records the calls). */
    static void exercise(Api api) {
        Api.Who owner = api.who(Api.unique("owner"), null, "helper");
        Api.Who member = api.who(Api.unique("member"), null, "helper");
        String org = SupplyTest.verifiedCompany(api, owner, api.village(Api.DONGMEN).admin());
        assertEquals(201, api.post("/api/organisations/" + org + "/members", owner, Json.object().put("personId", member.sub()).put("name", "小周")).status());
        assertEquals(200, TemplateTest.twice(api, "PATCH", members(org, member.sub()), owner, MANAGER).status());
    }

    private static final String MANAGER = "{\"role\":\"MANAGER\"}";

    @Test
    void theManagerHandsOverToAMemberAndBecomesOne() {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who owner = api.who(Api.unique("owner"), null, "helper");
        Api.Who a = api.who(Api.unique("member-a"), null, "helper");
        Api.Who b = api.who(Api.unique("member-b"), null, "helper");
        String org = SupplyTest.verifiedCompany(api, owner, v.admin());
        add(owner, org, a);
        add(owner, org, b);
        Api.Who otherOwner = api.who(Api.unique("owner-b"), null, "helper");
        String other = SupplyTest.verifiedCompany(api, otherOwner, v.admin());

        // Nobody but the manager: a member, another organisation's manager, its area's admin, nobody signed in.
        assertEquals(403, patch(org, b, a, MANAGER).status(), "a member makes nobody the manager");
        assertEquals(403, patch(org, a, a, MANAGER).status(), "nor themselves");
        assertEquals(403, patch(org, a, otherOwner, MANAGER).status(), "another organisation's manager");
        assertEquals(403, patch(org, a, v.admin(), MANAGER).status(), "an area admin");
        assertEquals(401, patch(org, a, null, MANAGER).status());
        // Only to a current member of this organisation, never to oneself, with exactly {"role":"MANAGER"}.
        Api.Reply self = patch(org, owner, owner, MANAGER);
        assertEquals(400, self.status(), self.toString());
        assertEquals("self", self.body().path("fields").path(0).path("code").asText(), self.toString());
        assertEquals(404, patch(org, otherOwner, owner, MANAGER).status(), "another organisation's manager is not a member here");
        assertEquals(404, patch(other, a, otherOwner, MANAGER).status(), "a is a member elsewhere only");
        assertEquals(404, patch(org, "no-such-person", owner, MANAGER).status());
        assertEquals(404, api.send("PATCH", "/api/organisations/onosuchorg000/members/" + a.sub(), owner, MANAGER, "application/json").status());
        for (String bad : new String[] {"{}", "{\"role\":\"MEMBER\"}", "{\"role\":\"manager\"}", "{\"role\":1}", "{\"role\":null}",
                "{\"role\":\"MANAGER\",\"personId\":\"x\"}", "[\"MANAGER\"]", "not json", ""}) {
            Api.Reply r = patch(org, a, owner, bad);
            assertEquals(400, r.status(), bad + " → " + r);
            assertEquals("invalid", r.text("error"), bad + " → " + r);
        }
        assertEquals(List.of(owner.sub()), managers(owner, org), "nothing changed so far");

        Api.Reply done = patch(org, a, owner, MANAGER);
        assertEquals(200, done.status(), done.toString());
        assertEquals(a.sub(), done.text("manager"));
        assertEquals(owner.sub(), done.text("formerManager"));
        assertEquals(List.of(a.sub()), managers(a, org));
        assertEquals("MEMBER", organisation(owner, org).path("myRole").asText());
        assertEquals(3, organisation(a, org).path("members").size(), "nobody left");

        // The former manager is a plain member now: it hands over, adds and takes off no more, and may leave.
        assertEquals(403, patch(org, b, owner, MANAGER).status());
        assertEquals(403, api.post("/api/organisations/" + org + "/members", owner, Json.object().put("personId", "someone").put("name", "某")).status());
        assertEquals(403, api.delete(members(org, b.sub()), owner, null).status());
        Api.Reply stays = api.delete(members(org, a.sub()), a, null);
        assertEquals(409, stays.status(), stays.toString());
        assertEquals("last_manager", stays.text("code"), "the new manager cannot leave before handing over");
        Api.Reply again = patch(org, a, a, MANAGER);
        assertEquals(400, again.status(), "already the manager: " + again);
        assertEquals(200, api.delete(members(org, b.sub()), a, null).status(), "the new manager takes members off");
        assertEquals(200, api.delete(members(org, owner.sub()), owner, null).status(), "the registrant leaves");
        assertEquals(List.of(a.sub()), managers(a, org));

        // Every change of members is in the trail of the organisation's area.
        String trail = api.get("/api/audit?limit=1000", v.admin()).raw();
        for (String action : new String[] {"add-member", "hand-over", "remove-member", "leave-organisation"}) {
            assertTrue(trail.contains("\"action\":\"" + action + "\",\"needId\":\"" + org + "\""), action + " of " + org + " in " + trail);
        }
    }

    /** Two hand-overs at once, to different members: one wins, the other is no longer the manager's to make. */
    @Test
    void racingHandOversLeaveExactlyOneManager() throws Exception {
        Api.Who admin = api.village(Api.DONGMEN).admin();
        for (int round = 0; round < 4; round++) {
            Api.Who owner = api.who(Api.unique("owner"), null, "helper");
            List<Api.Who> to = new ArrayList<>();
            String org = SupplyTest.verifiedCompany(api, owner, admin);
            for (int i = 0; i < 3; i++) {
                to.add(api.who(Api.unique("member"), null, "helper"));
                add(owner, org, to.get(i));
            }
            List<Api.Reply> replies = SupplyTest.race(3, i -> patch(org, to.get(i), owner, MANAGER));
            List<Integer> codes = replies.stream().map(Api.Reply::status).sorted().toList();
            assertEquals(List.of(200, 403, 403), codes, replies.toString());
            String winner = replies.stream().filter(r -> r.status() == 200).findFirst().orElseThrow().text("manager");
            assertEquals(List.of(winner), managers(owner, org), "exactly one manager, the winner");
            assertEquals(4, organisation(owner, org).path("members").size());
        }
    }

    /** A hand-over to a member racing that member's removal: never a manager taken off, never a removed manager. */
    @Test
    void aHandOverRacingTheTargetsRemovalLeavesOneManager() throws Exception {
        Api.Who admin = api.village(Api.DONGMEN).admin();
        for (int round = 0; round < 4; round++) {
            Api.Who owner = api.who(Api.unique("owner"), null, "helper");
            Api.Who a = api.who(Api.unique("member"), null, "helper");
            String org = SupplyTest.verifiedCompany(api, owner, admin);
            add(owner, org, a);
            boolean leaves = round % 2 == 1;
            List<Api.Reply> replies = SupplyTest.race(2, i -> i == 0 ? patch(org, a, owner, MANAGER)
                    : api.delete(members(org, a.sub()), leaves ? a : owner, null));
            Api.Reply handOver = replies.get(0);
            Api.Reply removal = replies.get(1);
            if (handOver.status() == 200) {
                // Refused either way: a leaving manager-to-be is the manager (409); the former manager removing is no
                // longer one (403), or read both memberships across the hand-over's commit and saw the target manage (409).
                if (leaves) assertEquals(409, removal.status(), replies.toString());
                else assertTrue(removal.status() == 403 || removal.status() == 409, replies.toString());
                assertEquals(List.of(a.sub()), managers(a, org));
                assertEquals(2, organisation(a, org).path("members").size());
            } else {
                assertEquals(404, handOver.status(), replies.toString());
                assertEquals(200, removal.status(), replies.toString());
                assertEquals(List.of(owner.sub()), managers(owner, org));
                assertEquals(1, organisation(owner, org).path("members").size());
            }
        }
    }

    private void add(Api.Who manager, String org, Api.Who who) {
        Api.Reply r = api.post("/api/organisations/" + org + "/members", manager, Json.object().put("personId", who.sub()).put("name", "成员"));
        assertEquals(201, r.status(), r.toString());
    }

    private Api.Reply patch(String org, Api.Who target, Api.Who who, String body) {
        return patch(org, target.sub(), who, body);
    }

    private Api.Reply patch(String org, String personId, Api.Who who, String body) {
        return api.send("PATCH", members(org, personId), who, body, "application/json");
    }

    private static String members(String org, String personId) {
        return "/api/organisations/" + org + "/members/" + personId;
    }

    /** The managers of {@code org}, as its member {@code who} sees them. */
    private List<String> managers(Api.Who who, String org) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : organisation(who, org).path("members")) if (m.path("role").asText().equals("MANAGER")) out.add(m.path("personId").asText());
        return out;
    }

    private JsonNode organisation(Api.Who who, String org) {
        for (JsonNode o : api.get("/api/me/supply", who).body().path("organisations")) if (o.path("id").asText().equals(org)) return o;
        throw new AssertionError("not in " + who.sub() + "'s organisations: " + org);
    }
}
