package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Grant;
import org.bangfu.core.Ids;
import org.bangfu.core.Person;
import org.bangfu.core.Role;
import org.bangfu.fn.notify.NotifyHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Services;
import org.bangfu.store.Dynamo;
import org.bangfu.store.PeopleStore;
import org.junit.jupiter.api.Test;

/** Inboxes from the stream: each step lands once in the right inbox, in the person's language, even when records come again. */
class NotificationsTest {
    private final Api api = TestPlatform.api();

    private static List<String> kinds(Api.Reply inbox) {
        List<String> out = new ArrayList<>();
        inbox.body().path("items").forEach(i -> out.add(i.path("kind").asText()));
        return out;
    }

    /** Waits for the stream pump to have written {@code kind} to this inbox. */
    private Api.Reply awaitKind(Api.Who who, String kind) throws InterruptedException {
        long until = System.currentTimeMillis() + 30_000;
        Api.Reply r;
        do {
            r = api.get("/api/me/notifications", who);
            assertEquals(200, r.status(), r.toString());
            if (kinds(r).contains(kind)) return r;
            Thread.sleep(200);
        } while (System.currentTimeMillis() < until);
        fail(kind + " never reached " + who.sub() + ": " + r);
        return r;
    }

    @Test
    void everyStepLandsOnceInTheRightInbox() throws Exception {
        Api.Village v = api.village(Api.DONGMEN);
        String need = api.publishedNeed(v, "EDUCATION", 1);
        awaitKind(v.poster(), "NEED_APPROVED");
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        // The helper reads English.
        assertEquals(200, api.post("/api/me/notification-settings", helper, Json.object().put("language", "en")).status());
        String claimId = api.post("/api/needs/" + need + "/claims", helper, null).body().path("claim").path("id").asText();
        awaitKind(v.poster(), "NEED_CLAIMED");
        String claimPath = "/api/needs/" + need + "/claims/" + claimId;
        assertEquals(200, api.post(claimPath + "/delivered", helper, Json.object().put("note", "书包已送到")).status());
        Api.Reply poster = awaitKind(v.poster(), "CLAIM_DELIVERED");
        JsonNode delivered = null;
        for (JsonNode i : poster.body().path("items")) if (i.path("kind").asText().equals("CLAIM_DELIVERED")) delivered = i;
        assertTrue(delivered.path("actionNeeded").asBoolean());
        assertTrue(delivered.path("text").asText().contains("请与家庭核实后确认"), delivered.toString());
        assertEquals(200, api.post(claimPath + "/confirm", v.admin(), null).status());
        Api.Reply mine = awaitKind(helper, "POINTS_EARNED");
        assertTrue(mine.body().path("items").get(0).path("text").asText().startsWith("You earned"), mine.toString());

        // Replaying every stream record of this need changes nothing.
        int before = api.get("/api/me/notifications", v.poster()).body().path("items").size();
        int helperBefore = api.get("/api/me/notifications", helper).body().path("items").size();
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>(StreamRecords.of(need));
        records.addAll(StreamRecords.ofKey("PERSON#" + helper.sub()));
        assertTrue(records.size() > 5, "the need's and the helper's records: " + records.size());
        DynamodbEvent event = StreamRecords.event(records);
        NotifyHandler notify = new NotifyHandler(Services.live(), org.bangfu.sms.SmsProviders::fromEnvironment);
        assertTrue(notify.handleRequest(event, null).getBatchItemFailures().isEmpty());
        assertTrue(notify.handleRequest(event, null).getBatchItemFailures().isEmpty());
        Api.Reply after = api.get("/api/me/notifications", v.poster());
        assertEquals(before, after.body().path("items").size(), "exactly once: " + after);
        assertEquals(helperBefore, api.get("/api/me/notifications", helper).body().path("items").size(), "points told once");
        assertEquals(List.of("CLAIM_DELIVERED", "NEED_CLAIMED", "NEED_APPROVED"), kinds(after), "newest first");

        // Read: one, then all.
        assertEquals(3, after.body().path("unread").asInt());
        String first = after.body().path("items").get(0).path("id").asText();
        var ids = Json.object();
        ids.putArray("ids").add(first);
        assertEquals(1, api.post("/api/me/notifications/read", v.poster(), ids).body().path("marked").asInt());
        assertEquals(2, api.get("/api/me/notifications", v.poster()).body().path("unread").asInt());
        assertEquals(200, api.post("/api/me/notifications/read", v.poster(), Json.object().put("all", true)).status());
        assertEquals(0, api.get("/api/me/notifications", v.poster()).body().path("unread").asInt());
        // A batch replayed after the lines were read writes nothing over them (still read, no new line).
        assertTrue(notify.handleRequest(event, null).getBatchItemFailures().isEmpty());
        Api.Reply replayed = api.get("/api/me/notifications", v.poster());
        assertEquals(0, replayed.body().path("unread").asInt(), replayed.toString());
        assertEquals(before, replayed.body().path("items").size());
        // Someone else's line is not found, and bad input is a clear 400.
        assertEquals(0, api.post("/api/me/notifications/read", helper, ids).body().path("marked").asInt());
        assertEquals(400, api.post("/api/me/notifications/read", helper, Json.object().put("ids", "x")).status());
        assertEquals(400, api.post("/api/me/notification-settings", helper, Json.object().put("language", "fr")).status());
        assertEquals(401, api.get("/api/me/notifications", null).status());
    }

    /** An admin of {@code area} as identity makes one (a person with a phone and the role), signed in by phone. */
    private Api.Who admin(String area) {
        String phone = Api.newPhone();
        PeopleStore people = new PeopleStore(Dynamo.client(), LocalPlatform.TABLE);
        Person p = people.getOrCreate(phone, Ids.person(), "管理员" + area, Instant.now());
        people.grant(p, new Grant(Role.ADMIN, new AreaCode(area), "test", Instant.now()), "grant-role", null);
        return api.signIn(phone).who();
    }

    private long reportsOf(Api.Who who, String need) {
        long n = 0;
        for (JsonNode i : api.get("/api/me/notifications", who).body().path("items")) {
            if (i.path("kind").asText().equals("NEED_REPORTED") && i.path("needId").asText().equals(need)) n++;
        }
        return n;
    }

    @Test
    void aReportReachesTheNeedsReviewersAndEveryAdminWhoseAreaHoldsItOnce() throws Exception {
        Api.Village v = api.village(Api.DONGMEN);
        String need = api.publishedNeed(v, "MEDICAL", 1);
        Api.Who town = admin("321181001000");
        Api.Who county = admin("321181000000");
        Api.Who otherTown = admin("321181102000");
        Api.Who otherVillage = admin(Api.XIMEN);
        assertEquals(202, api.post("/api/needs/" + need + "/reports", null, Json.object().put("reason", "听说这户人家已经收到过同样的帮助")).status());
        for (Api.Who who : List.of(v.council(), v.volunteer(), town, county)) {
            for (JsonNode line : awaitKind(who, "NEED_REPORTED").body().path("items")) {
                if (line.path("kind").asText().equals("NEED_REPORTED")) assertTrue(line.path("actionNeeded").asBoolean(), line.toString());
            }
        }
        NotifyHandler notify = new NotifyHandler(Services.live(), org.bangfu.sms.SmsProviders::fromEnvironment);
        DynamodbEvent event = StreamRecords.event(StreamRecords.of(need));
        assertTrue(notify.handleRequest(event, null).getBatchItemFailures().isEmpty());
        for (Api.Who who : List.of(v.council(), v.volunteer(), town, county)) assertEquals(1, reportsOf(who, need), who.sub());
        assertEquals(0, reportsOf(otherTown, need), "an admin of another town");
        assertEquals(0, reportsOf(otherVillage, need), "an admin of the next village");
    }

    @Test
    void aClaimIsChasedThreeDaysBeforeItIsDueOnceThenReleased() throws Exception {
        Api.Village v = api.village(Api.XIMEN);
        Api.Who slow = api.who(Api.unique("helper"), null, "helper");
        String need = api.publishedNeed(v, "EMPLOYMENT", 1);
        String dueOn = api.post("/api/needs/" + need + "/claims", slow, null).body().path("claim").path("dueOn").asText();
        long days = java.time.temporal.ChronoUnit.DAYS.between(Api.today(), java.time.LocalDate.parse(dueOn));
        Points.hygieneAt(java.time.Duration.ofDays(days - 4)).handleRequest(java.util.Map.of(), null);
        assertFalse(kinds(api.get("/api/me/notifications", slow)).contains("CLAIM_DUE_SOON"), "not yet: four days before");
        Points.hygieneAt(java.time.Duration.ofDays(days - 3)).handleRequest(java.util.Map.of(), null);
        Points.hygieneAt(java.time.Duration.ofDays(days - 2)).handleRequest(java.util.Map.of(), null);
        Api.Reply inbox = api.get("/api/me/notifications", slow);
        assertEquals(1, kinds(inbox).stream().filter("CLAIM_DUE_SOON"::equals).count(), "one reminder: " + inbox);
        assertTrue(inbox.body().path("items").get(0).path("text").asText().contains(dueOn));
        Points.hygieneAt(java.time.Duration.ofDays(days + 1)).handleRequest(java.util.Map.of(), null);
        awaitKind(slow, "CLAIM_RELEASED");
    }
}
