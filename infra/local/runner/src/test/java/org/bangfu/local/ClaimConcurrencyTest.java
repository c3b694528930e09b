package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.Test;

/** Many helpers pressing "认领" at the same moment, through the gateway, against DynamoDB Local. */
class ClaimConcurrencyTest {
    private final Api api = TestPlatform.api();

    @Test
    void ofAHundredSimultaneousClaimsOnOneNeedExactlyOneWinsAndTheRestGet409WithTheState() throws Exception {
        Api.Village v = api.village(Api.DONGMEN);
        String id = api.publishedNeed(v, "MEDICAL", 1);
        List<Api.Reply> replies = race(100, i -> null, id);
        long won = replies.stream().filter(r -> r.status() == 201).count();
        assertEquals(1, won, "exactly one winner: " + summary(replies));
        for (Api.Reply r : replies) {
            if (r.status() != 201) {
                assertEquals(409, r.status(), r.toString());
                assertTrue(List.of("CLAIMED", "PUBLISHED").contains(r.text("state")), r.toString());
            }
        }
        JsonNode need = api.get("/api/needs/" + id, null).body();
        assertEquals("CLAIMED", need.path("state").asText());
        assertEquals(0, need.path("remaining").asInt());
    }

    @Test
    void aDivisibleNeedClaimedConcurrentlyNeverGoesBelowZeroAndNothingIsLost() throws Exception {
        Api.Village v = api.village(Api.DONGMEN);
        String id = api.publishedNeed(v, "EDUCATION", 20);
        List<Api.Reply> replies = race(100, i -> Json.object().put("quantity", 1 + ThreadLocalRandom.current().nextInt(3)), id);
        int claimed = 0;
        for (Api.Reply r : replies) {
            if (r.status() == 201) claimed += r.body().path("claim").path("quantity").asInt();
            else assertEquals(409, r.status(), r.toString());
        }
        assertTrue(claimed <= 20, "over-claimed: " + claimed);
        JsonNode need = api.get("/api/needs/" + id, null).body();
        int remaining = need.path("remaining").asInt();
        assertTrue(remaining >= 0);
        assertEquals(20, claimed + remaining, "every unit is either claimed by a 201 or still remaining");
        assertTrue(remaining < 3, "with 100 claimers of 1–3 units, at most 2 can be left unclaimable: " + remaining);
        if (remaining == 0) assertEquals("CLAIMED", need.path("state").asText());
    }

    @Test
    void twentySingleUnitsGoToExactlyTwentyOfAHundredClaimers() throws Exception {
        Api.Village v = api.village(Api.DONGMEN);
        String id = api.publishedNeed(v, "EDUCATION", 20);
        List<Api.Reply> replies = race(100, i -> Json.object().put("quantity", 1), id);
        assertEquals(20, replies.stream().filter(r -> r.status() == 201).count(), summary(replies));
        assertEquals(80, replies.stream().filter(r -> r.status() == 409).count(), summary(replies));
        assertEquals(0, api.get("/api/needs/" + id, null).body().path("remaining").asInt());
        assertTrue(api.listAll("?limit=50").stream().noneMatch(n -> n.path("id").asText().equals(id)), "delisted");
    }

    private List<Api.Reply> race(int n, java.util.function.IntFunction<JsonNode> body, String id) throws Exception {
        List<Api.Who> helpers = new ArrayList<>();
        for (int i = 0; i < n; i++) helpers.add(api.who(Api.unique("racer"), null, "helper"));
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Api.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                final int k = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/needs/" + id + "/claims", helpers.get(k), body.apply(k));
                }));
            }
            start.countDown();
            List<Api.Reply> out = new ArrayList<>();
            for (Future<Api.Reply> f : futures) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String summary(List<Api.Reply> replies) {
        java.util.Map<Integer, Long> byStatus = new java.util.TreeMap<>();
        replies.forEach(r -> byStatus.merge(r.status(), 1L, Long::sum));
        return byStatus + " first non-201/409: " + replies.stream().filter(r -> r.status() != 201 && r.status() != 409).findFirst().map(Object::toString).orElse("-");
    }
}
