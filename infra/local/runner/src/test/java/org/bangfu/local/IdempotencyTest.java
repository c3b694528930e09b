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
}
