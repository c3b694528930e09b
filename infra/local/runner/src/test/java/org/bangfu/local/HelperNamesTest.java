package org.bangfu.local;

import static org.bangfu.local.Expect.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.bangfu.lambda.Json;
import org.bangfu.store.Dynamo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 12, as a dishonest person would try it: signing up as an office or with invisible
 * characters, renaming again and again (also by leaving and rejoining), and an area admin taking
 * an abusive helper off — with the open claim going back on the list, no way back in by signing up
 * again, and no admin reaching above their rank or outside their area.
 */
class HelperNamesTest {
    private static Api api;

    @BeforeAll
    static void start() {
        api = TestPlatform.api();
    }

    private static Api.Reply signUp(Api.Who who, String name) {
        return api.post("/api/me/helper", who, Json.object().put("name", name));
    }

    /** A person signed in by phone who signed up as a helper, with the helper role in their token. */
    private static Api.Session helper(String name) {
        Api.Session s = api.signIn(Api.newPhone());
        status(signUp(s.who(), name), 200, "sign-up");
        return Api.session(status(api.post("/api/auth/refresh", null, Json.object().put("refreshToken", s.refreshToken())), 200, "refresh"));
    }

    @Test
    void officesOfficialsAndInvisibleCharactersAreNoName() {
        Api.Who me = api.signIn(Api.newPhone()).who();
        Map<String, String> bad = Map.of(
                "丹阳市民政局", "reserved_word", "管理员", "reserved_word", "官方 客服", "reserved_word", "云阳·扶贫办", "reserved_word",
                "ａｄｍｉｎ小王", "reserved_word", "小王\u202E", "hidden_characters", "小\u200B王", "hidden_characters",
                "\uE000小王", "hidden_characters", "王", "length", "一二三四五六七八九十一二三四五六七八九十一", "length");
        bad.forEach((name, code) -> {
            Api.Reply r = signUp(me, name);
            assertEquals(400, r.status(), name + ": " + r);
            assertEquals("name", r.body().path("fields").path(0).path("field").asText(), r.toString());
            assertEquals(code, r.body().path("fields").path(0).path("code").asText(), name + ": " + r);
        });
        assertEquals(200, signUp(me, "  热心市民小李 ").status(), "an ordinary name, trimmed");
    }

    @Test
    void aNameChangesOnceIn30DaysEvenByLeavingAndRejoining() {
        Api.Session s = api.signIn(Api.newPhone());
        Api.Who me = s.who();
        status(signUp(me, "张家帮扶队"), 200, "first name: free");
        Api.Reply again = signUp(me, "李家帮扶队");
        assertEquals(409, again.status(), again.toString());
        assertEquals("rename_too_soon", again.text("code"), again.toString());
        assertTrue(again.text("message").contains(Instant.now().plus(30, ChronoUnit.DAYS).toString().substring(0, 10)), again.toString());
        status(api.delete("/api/me/helper", me, null), 200, "leave");
        assertEquals(409, signUp(me, "李家帮扶队").status(), "rejoining is no way round it");
        status(signUp(me, "张家帮扶队"), 200, "rejoining under the same name");
        // A month on (the stored time moved back), the rename goes through and the trail says old → new.
        var db = Dynamo.client();
        db.updateItem(u -> u.tableName(LocalPlatform.TABLE).key(Map.of("pk", AttributeValue.fromS("PERSON#" + s.personId()),
                "sk", AttributeValue.fromS("ID#PROFILE"))).updateExpression("SET nameChosenAt = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromN(Long.toString(Instant.now().minus(31, ChronoUnit.DAYS).getEpochSecond())))));
        status(signUp(me, "李家帮扶队"), 200, "a month later");
        var lines = db.query(q -> q.tableName(LocalPlatform.TABLE).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("AUDIT#PERSON#" + s.personId())))).items();
        assertTrue(lines.stream().anyMatch(l -> "rename".equals(l.get("action").s()) && "张家帮扶队".equals(l.get("fromName").s())
                && "李家帮扶队".equals(l.get("toName").s())), lines.toString());
        Api.Reply r = status(api.post("/api/auth/refresh", null, Json.object().put("refreshToken", s.refreshToken())), 200, "refresh");
        assertEquals("李家帮扶队", r.body().path("person").path("name").asText());
    }

    @Test
    void anAreaAdminTakesAnAbusiveHelperOffAndTheirClaimGoesBack() {
        Api.Session h = helper("热心的老周");
        Api.Village v = api.village(Api.DONGMEN);
        String need = api.publishedNeed(v, "DISABILITY", 1);
        status(api.post("/api/needs/" + need + "/claims", h.who(), null), 201, "claim");
        String path = "/api/people/" + h.personId() + "/roles/helper";
        Api.Who otherTown = api.who(Api.unique("admin"), "321181102000", "admin");
        assertEquals(403, api.delete(path, otherTown, null).status(), "an admin of a town the helper never claimed in");
        assertEquals(403, api.delete(path, api.who(Api.unique("helper"), null, "helper"), null).status(), "a helper is no admin");
        Api.Reply r = status(api.delete(path, v.admin(), null), 200, "the county admin removes them");
        assertEquals(1, r.body().path("releasedClaims").asInt(), r.toString());
        Api.Reply retry = status(api.delete(path, v.admin(), null), 200, "a retry sweeps again and changes nothing");
        assertEquals(0, retry.body().path("releasedClaims").asInt(), retry.toString());
        assertEquals(201, api.post("/api/needs/" + need + "/claims", api.who(Api.unique("helper"), null, "helper"), null).status(),
                "the need is back on the list for someone else");
        Api.Reply back = signUp(h.who(), "热心的老周");
        assertEquals(409, back.status(), back.toString());
        assertEquals("helper_removed", back.text("code"));
        Api.Reply t = status(api.post("/api/auth/refresh", null, Json.object().put("refreshToken", h.refreshToken())), 200, "refresh");
        assertFalse(t.body().path("person").path("roles").toString().contains("helper"), t.toString());
        assertTrue(api.get("/api/people?area=" + Api.DANYANG, v.admin()).body().path("changes").toString().contains("remove-helper"));
    }

    @Test
    void noAdminTakesOffTheHelperRoleOfAnAdminAtTheirLevelOrAbove() {
        Api.Who county = api.who(Api.unique("county"), Api.DANYANG, "admin");
        String phone = Api.newPhone();
        status(api.post("/api/people", county, Json.object().put("phone", phone).put("name", "周镇管理员").put("role", "admin")
                .put("area", Api.YUNYANG)), 201, "appoint a town admin");
        Api.Session townAdmin = api.signIn(phone);
        status(signUp(townAdmin.who(), "周晓明"), 200, "who also helps");
        String path = "/api/people/" + townAdmin.personId() + "/roles/helper";
        Api.Who peer = api.who(Api.unique("town"), Api.YUNYANG, "admin");
        assertEquals(403, api.delete(path, peer, null).status(), "a colleague of the same level");
        assertEquals(200, api.delete(path, county, null).status(), "the county above may");
    }
}
