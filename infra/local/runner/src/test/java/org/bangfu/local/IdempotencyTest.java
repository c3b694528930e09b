package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/** A lost response, a double tap, a gateway retry: with an Idempotency-Key, the work is done once and answered the same. */
class IdempotencyTest {
    private final Api api = TestPlatform.api();

    @Test
    void aRetriedPostingCreatesOneNeedAndGetsTheSameAnswer() {
        Api.Village v = api.village(Api.DONGMEN);
        var body = Api.needBody(v.area(), "MEDICAL", 1, Api.newIdNumber());
        String key = "post-" + Api.unique("k");
        Api.Reply a = api.sendOnce("POST", "/api/needs", v.poster(), body.put("title", "重试不会重复 " + key), key);
        Api.Reply b = api.sendOnce("POST", "/api/needs", v.poster(), body, key);
        assertEquals(201, a.status(), a.toString());
        assertEquals(201, b.status());
        assertEquals(a.raw(), b.raw());
        assertEquals("true", b.headers().firstValue("idempotent-replayed").orElse(""));
        long same = 0;
        for (var n : api.get("/api/me", v.poster()).body().path("posted")) if (n.path("title").asText().equals("重试不会重复 " + key)) same++;
        assertEquals(1, same, "one need, not two");
    }

    @Test
    void aDoubleTappedClaimMakesOneClaimWhateverTheTiming() throws Exception {
        Api.Village v = api.village(Api.DONGMEN);
        String id = api.publishedNeed(v, "EDUCATION", 10);
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        String key = "tap-" + Api.unique("k");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Reply>> taps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            taps.add(pool.submit(() -> {
                go.await();
                return api.sendOnce("POST", "/api/needs/" + id + "/claims", helper, Json.object().put("quantity", 2), key);
            }));
        }
        go.countDown();
        List<String> claimIds = new ArrayList<>();
        for (Future<Api.Reply> f : taps) {
            Api.Reply r = f.get();
            assertTrue(r.status() == 201 || (r.status() == 409 && r.text("error").equals("in_progress")), r.toString());
            if (r.status() == 201) claimIds.add(r.body().path("claim").path("id").asText());
        }
        pool.shutdown();
        assertTrue(claimIds.stream().distinct().count() == 1, "every 201 is the same claim: " + claimIds);
        assertEquals(8, api.get("/api/needs/" + id, null).body().path("remaining").asInt(), "2 of 10 taken once");
        Api.Reply later = api.sendOnce("POST", "/api/needs/" + id + "/claims", helper, Json.object().put("quantity", 2), key);
        assertEquals(claimIds.get(0), later.body().path("claim").path("id").asText(), "a retry after the fact gets the same claim");
    }

    @Test
    void theSameKeyForADifferentRequestIsRefusedAndKeysBelongToOnePerson() {
        Api.Village v = api.village(Api.DONGMEN);
        String id = api.publishedNeed(v, "EDUCATION", 10);
        Api.Who a = api.who(Api.unique("helper"), null, "helper");
        Api.Who b = api.who(Api.unique("helper"), null, "helper");
        String key = "mine-" + Api.unique("k");
        assertEquals(201, api.sendOnce("POST", "/api/needs/" + id + "/claims", a, Json.object().put("quantity", 1), key).status());
        Api.Reply other = api.sendOnce("POST", "/api/needs/" + id + "/claims", a, Json.object().put("quantity", 3), key);
        assertEquals(422, other.status(), other.toString());
        assertEquals("idempotency_key_reused", other.text("error"));
        assertEquals(201, api.sendOnce("POST", "/api/needs/" + id + "/claims", b, Json.object().put("quantity", 1), key).status(),
                "another person's identical key is their own");
        assertEquals(8, api.get("/api/needs/" + id, null).body().path("remaining").asInt());
        Api.Reply bad = api.sendOnce("POST", "/api/needs/" + id + "/claims", a, null, "short");
        assertEquals(400, bad.status());
        assertEquals("Idempotency-Key", bad.body().path("fields").get(0).path("field").asText());
    }

    @Test
    void aRefusalIsRememberedTooSoARetryCannotSneakThroughLater() {
        Api.Village v = api.village(Api.DONGMEN);
        String id = api.publishedNeed(v, "EDUCATION", 1);
        Api.Who winner = api.who(Api.unique("helper"), null, "helper");
        Api.Who loser = api.who(Api.unique("helper"), null, "helper");
        assertEquals(201, api.post("/api/needs/" + id + "/claims", winner, null).status());
        String key = "late-" + Api.unique("k");
        Api.Reply refused = api.sendOnce("POST", "/api/needs/" + id + "/claims", loser, null, key);
        assertEquals(409, refused.status());
        Api.Reply again = api.sendOnce("POST", "/api/needs/" + id + "/claims", loser, null, key);
        assertEquals(refused.raw(), again.raw());
    }

    /**
     * Issue 11, item 4: the stored answer of a claim holds none of the household's details; a replay
     * rebuilds the need for what the caller may see now (recording the view), so once the claim is
     * released and someone else holds the need, a replay shows the helper nothing personal.
     */
    @Test
    void aReplayShowsOnlyWhatTheCallerMaySeeNowAndTheStoredAnswerHoldsNoPersonalData() {
        Api.Village v = api.village(Api.DONGMEN);
        String idNumber = Api.newIdNumber();
        var body = Api.needBody(v.area(), "MEDICAL", 1, idNumber);
        body.with("household").put("phone", "13700007777").put("address", "东门村9组99号");
        body.with("contact").put("phone", "13600006666");
        Api.Reply posted = api.post("/api/needs", v.poster(), body);
        String id = posted.text("id");
        api.post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "approve"));
        api.post("/api/needs/" + id + "/reviews", v.volunteer(), Json.object().put("decision", "approve"));
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        String key = "replay-" + Api.unique("k");
        String path = "/api/needs/" + id + "/claims";
        Api.Reply first = api.sendOnce("POST", path, helper, null, key);
        assertEquals(201, first.status(), first.toString());
        assertTrue(first.raw().contains("13700007777"), "the holder sees the family's phone");

        var item = org.bangfu.store.Dynamo.client().getItem(r -> r.tableName(LocalPlatform.TABLE).key(java.util.Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("IDEMPOTENCY#" + helper.sub() + "#POST /api/needs/{id}/claims#" + key),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("IDEMPOTENCY")))).item();
        String stored = item.get("answerBody").s();
        for (String secret : List.of("13700007777", "东门村9组99号", idNumber, "13600006666", "王小明")) {
            assertFalse(stored.contains(secret), "the stored answer holds " + secret + ": " + stored);
        }

        long views = contactViews(id, helper.sub());
        Api.Reply again = api.sendOnce("POST", path, helper, null, key);
        assertEquals(201, again.status());
        assertEquals(first.raw(), again.raw(), "while nothing changed, the replay is the same answer");
        assertEquals(views + 1, contactViews(id, helper.sub()), "a replay that shows the contact records the view");

        String claimId = first.body().path("claim").path("id").asText();
        assertEquals(200, api.delete(path + "/" + claimId, helper, null).status());
        assertEquals(201, api.post(path, api.who(Api.unique("helper"), null, "helper"), null).status());
        Api.Reply late = api.sendOnce("POST", path, helper, null, key);
        assertEquals(201, late.status(), late.toString());
        assertEquals("true", late.headers().firstValue("idempotent-replayed").orElse(""));
        assertEquals("RELEASED", late.body().path("claim").path("state").asText(), "the claim as it is now");
        for (String secret : List.of("13700007777", "东门村9组99号", idNumber, "13600006666")) {
            assertFalse(late.raw().contains(secret), "a released helper's replay shows " + secret + ": " + late);
        }
        assertFalse(late.body().path("need").has("household"));
    }

    private static long contactViews(String needId, String viewer) {
        return org.bangfu.lambda.Services.live().audit().of(needId).stream()
                .filter(a -> a.action().equals("view-contact") && a.actorId().equals(viewer)).count();
    }
}
