package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bangfu.lambda.Json;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.PointsRules;
import org.bangfu.core.Scoring;
import org.bangfu.fn.scoring.ScoringHandler;
import org.bangfu.local.dynamodb.DynamoDbLocal;
import org.bangfu.local.dynamodb.LocalTable;
import org.bangfu.store.Dynamo;
import org.bangfu.store.PointsLedger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** Credit points: earned from the stream, exactly once, explained line by line, and summed the same everywhere. */
class PointsTest {
    private final Api api = TestPlatform.api();
    private final PointsRules rules = PointsRules.bundled();

    @Test
    void reviewersAndTheHelperEarnTheRulesPointsOnceTheNeedIsFulfilledWithALineForEachPoint() {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        String id = api.publishedNeed(v, "MEDICAL", 1);
        fulfil(v, helper, id, 1);

        JsonNode council = Points.awaitPoints(api, v.council(), rules.reviewDone());
        assertEquals(rules.reviewDone(), council.path("points").path("total").asInt());
        assertEquals("review.done", council.path("points").path("ledger").get(0).path("rule").asText());
        assertEquals(id, council.path("points").path("ledger").get(0).path("needId").asText());
        assertEquals(rules.reviewDone(), Points.awaitPoints(api, v.volunteer(), rules.reviewDone()).path("points").path("total").asInt());

        // MEDICAL 1.5 × base 10 × 1/1 = 15; 300 yuan / 200 = 1; confirmed at once: fast bonus 3.
        int expected = 15 + 1 + rules.fastBonus();
        JsonNode me = Points.awaitPoints(api, helper, expected);
        assertEquals(expected, me.path("points").path("total").asInt());
        List<String> why = new ArrayList<>();
        int sum = 0;
        for (JsonNode line : me.path("points").path("ledger")) {
            why.add(line.path("rule").asText());
            sum += line.path("points").asInt();
            assertFalse(line.path("reason").asText().isBlank());
        }
        assertEquals(java.util.Set.of("fulfilled.base", "value", "fast.bonus"), java.util.Set.copyOf(why));
        assertEquals(expected, sum, "the ledger lines add up to the total");
        Points.sleep(500);
        assertEquals(expected, api.get("/api/me", helper).body().path("points").path("total").asInt(), "and stay there");
    }

    @Test
    void replayedAndDuplicatedStreamRecordsChangeNothing() {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        String id = api.publishedNeed(v, "EDUCATION", 4);
        fulfil(v, helper, id, 4);
        List<DynamodbEvent.DynamodbStreamRecord> records = StreamRecords.of(id);
        Fresh fresh = new Fresh();
        ScoringHandler scoring = new ScoringHandler(fresh.ledger, new Scoring(rules));
        scoring.handleRequest(StreamRecords.event(records), null);
        int helperPoints = fresh.ledger.total(helper.sub());
        int councilPoints = fresh.ledger.total(v.council().sub());
        assertTrue(helperPoints > 0 && councilPoints == rules.reviewDone());

        scoring.handleRequest(StreamRecords.event(records), null); // the whole batch again
        List<DynamodbEvent.DynamodbStreamRecord> doubled = new ArrayList<>();
        records.forEach(r -> {
            doubled.add(r);
            doubled.add(r);
        });
        scoring.handleRequest(StreamRecords.event(doubled), null); // every record twice in one batch
        assertEquals(helperPoints, fresh.ledger.total(helper.sub()));
        assertEquals(councilPoints, fresh.ledger.total(v.council().sub()));
        assertEquals(3, fresh.ledger.lines(helper.sub(), 100).size(), "one line per rule, once");
        assertEquals(helperPoints, fresh.ledger.leaderboard(null, null, 10).stream()
                .filter(s -> s.personId().equals(helper.sub())).findFirst().orElseThrow().points(), "boards not doubled either");
    }

    @Test
    void aCrashAfterAWriteBeforeItsAcknowledgementNeitherDoublesNorLosesPoints() {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who a = api.who(Api.unique("helper"), null, "helper");
        Api.Who b = api.who(Api.unique("helper"), null, "helper");
        String first = api.publishedNeed(v, "DISABILITY", 1);
        String second = api.publishedNeed(v, "HOME_IMPROVEMENT", 1);
        fulfil(v, a, first, 1);
        fulfil(v, b, second, 1);
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>(StreamRecords.of(first));
        records.addAll(StreamRecords.of(second));

        // What the points should be: the same records through a handler that never fails.
        Fresh reference = new Fresh();
        new ScoringHandler(reference.ledger, new Scoring(rules)).handleRequest(StreamRecords.event(records), null);

        // A handler whose third ledger transaction is written, then the process "dies" before it hears back.
        Fresh crashed = new Fresh();
        AtomicInteger transactions = new AtomicInteger();
        DynamoDbClient dying = client(new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest && transactions.incrementAndGet() == 3) {
                    throw new IllegalStateException("killed between the write and its acknowledgement");
                }
            }
        });
        var response = new ScoringHandler(new PointsLedger(dying, crashed.table), new Scoring(rules)).handleRequest(StreamRecords.event(records), null);
        assertFalse(response.getBatchItemFailures().isEmpty(), "the failure is reported");
        // Lambda retries from the first failed record, as the stream pump does.
        String firstFailed = response.getBatchItemFailures().get(0).getItemIdentifier();
        int from = 0;
        while (!records.get(from).getDynamodb().getSequenceNumber().equals(firstFailed)) from++;
        var retry = new ScoringHandler(crashed.ledger, new Scoring(rules)).handleRequest(StreamRecords.event(records.subList(from, records.size())), null);
        assertTrue(retry.getBatchItemFailures().isEmpty());

        for (String person : List.of(a.sub(), b.sub(), v.council().sub(), v.volunteer().sub())) {
            assertEquals(reference.ledger.total(person), crashed.ledger.total(person), person);
            assertEquals(reference.ledger.lines(person, 100).size(), crashed.ledger.lines(person, 100).size(), person);
        }
    }

    @Test
    void aClaimNotDeliveredInTimeIsReleasedBackToTheListAndEarnsNothing() {
        Api.Village v = api.village(Api.XIMEN);
        Api.Who slow = api.who(Api.unique("helper"), null, "helper");
        String id = api.publishedNeed(v, "EMPLOYMENT", 1);
        Api.Reply claim = api.post("/api/needs/" + id + "/claims", slow, null);
        assertEquals(201, claim.status());
        assertEquals(Api.today().plusDays(rules.claimDays()).toString(), claim.body().path("claim").path("dueOn").asText(""),
                "the helper is told when it is due");
        Points.hygieneAt(Duration.ofDays(rules.claimDays() - 1)).handleRequest(Map.of(), null);
        assertEquals("CLAIMED", api.get("/api/needs/" + id, null).text("state"), "not yet overdue");
        Points.hygieneAt(Duration.ofDays(rules.claimDays() + 1)).handleRequest(Map.of(), null);
        JsonNode need = api.get("/api/needs/" + id, null).body();
        assertEquals("PUBLISHED", need.path("state").asText(), "back on the list");
        assertEquals(1, need.path("remaining").asInt());
        JsonNode mine = api.get("/api/me", slow).body();
        assertEquals("RELEASED", mine.path("claims").get(0).path("state").asText());
        Points.sleep(1500); // give the stream time to (not) award anything
        assertEquals(0, api.get("/api/me", slow).body().path("points").path("total").asInt(), "a released claim earns nothing");
        assertEquals(201, api.post("/api/needs/" + id + "/claims", api.who(Api.unique("helper"), null, "helper"), null).status());
    }

    @Test
    void aNeedNobodyClaimedByItsDeadlineExpiresAndTheHouseholdMayBePostedAgain() {
        Api.Village v = api.village(Api.XIMEN);
        String idNumber = Api.newIdNumber();
        var body = Api.needBody(v.area(), "INSURANCE", 2, idNumber);
        body.put("deadline", Api.today().plusDays(3).toString());
        String id = api.post("/api/needs", v.poster(), body).text("id");
        api.post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "approve"));
        api.post("/api/needs/" + id + "/reviews", v.volunteer(), Json.object().put("decision", "approve"));
        Points.hygieneAt(Duration.ofDays(5)).handleRequest(Map.of(), null);
        assertEquals(404, api.get("/api/needs/" + id, null).status(), "expired needs are not public");
        assertTrue(api.get("/api/me", v.poster()).raw().contains("\"EXPIRED\""), "the poster sees it expired");
        assertEquals(201, api.post("/api/needs", v.poster(), Api.needBody(v.area(), "INSURANCE", 1, idNumber)).status());
    }

    @Test
    void theLeaderboardAndTheCivicPointsExportMatchTheLedgerExactly() {
        Api.Village v = api.village(Api.JIANGSHU);
        Api.Who a = api.who(Api.unique("helper"), null, "helper");
        Api.Who b = api.who(Api.unique("helper"), null, "helper");
        fulfil(v, a, api.publishedNeed(v, "MEDICAL", 2), 2);
        fulfil(v, b, api.publishedNeed(v, "EDUCATION", 3), 3);
        fulfil(v, a, api.publishedNeed(v, "DAILY_LIVING", 1), 1);
        // What the rules give: a 19 (MEDICAL 2/2: 15 + 1 + 3) + 14 (DAILY_LIVING: 10 + 1 + 3), b 16 (EDUCATION 3/3: 12 + 1 + 3), reviewers 3 × 2.
        Map<String, Integer> totals = Map.of(a.sub(), 33, b.sub(), 16, v.council().sub(), 3 * rules.reviewDone(),
                v.volunteer().sub(), 3 * rules.reviewDone());
        for (Api.Who who : List.of(a, b, v.council(), v.volunteer())) {
            JsonNode me = Points.awaitPoints(api, who, totals.get(who.sub()));
            int sum = 0;
            for (JsonNode l : me.path("points").path("ledger")) sum += l.path("points").asInt();
            assertEquals(totals.get(who.sub()), me.path("points").path("total").asInt(), who.sub());
            assertEquals(totals.get(who.sub()), sum, "ledger lines of " + who.sub() + " add up to the total");
        }

        JsonNode board = api.get("/api/leaderboard?area=" + Api.JIANGSHU + "&limit=100", null).body();
        Map<String, Integer> byName = new HashMap<>();
        int lastPoints = Integer.MAX_VALUE;
        for (JsonNode e : board.path("entries")) {
            assertTrue(e.path("points").asInt() <= lastPoints, "highest first");
            lastPoints = e.path("points").asInt();
            byName.put(e.path("name").asText(), e.path("points").asInt());
            assertTrue(e.path("id").isMissingNode(), "display names only");
        }
        for (Api.Who who : List.of(a, b, v.council(), v.volunteer())) {
            assertEquals(totals.get(who.sub()), byName.get("测试" + who.sub()), who.sub() + " on the village board");
        }
        String month = YearMonth.now(Lifecycle.ZONE).toString();
        JsonNode monthly = api.get("/api/leaderboard?area=" + Api.JIANGSHU + "&month=" + month + "&limit=100", null).body();
        assertTrue(monthly.path("entries").toString().contains("测试" + a.sub()));

        Api.Reply csv = api.get("/api/exports/civic-points?area=" + Api.JIANGSHU + "&from=" + month + "&to=" + month, v.admin());
        assertEquals(200, csv.status(), csv.toString());
        assertTrue(csv.headers().firstValue("content-type").orElse("").startsWith("text/csv"));
        Map<String, Integer> exported = new HashMap<>();
        for (String row : csv.raw().replace("\uFEFF", "").split("\r\n")) {
            String[] cells = row.split(",");
            if (cells[0].equals("人员编号")) continue;
            exported.put(cells[0], Integer.parseInt(cells[2]));
        }
        for (Api.Who who : List.of(a, b, v.council(), v.volunteer())) assertEquals(totals.get(who.sub()), exported.get(who.sub()), who.sub());
        assertEquals(403, api.get("/api/exports/civic-points?area=" + Api.JIANGSHU, a).status(), "admins only");
        assertEquals(403, api.get("/api/exports/civic-points?area=" + Api.MIANDU, v.admin()).status(), "own area only");
    }

    @Test
    void aHelperWithTooManyUnfinishedClaimsCannotClaimMoreEvenAllAtOnce() throws Exception {
        Api.Village v = api.village(Api.XIMEN);
        Api.Who hoarder = api.who(Api.unique("hoarder"), null, "helper");
        List<String> needs = new ArrayList<>();
        for (int i = 0; i < 8; i++) needs.add(api.publishedNeed(v, i % 2 == 0 ? "EMPLOYMENT" : "DAILY_LIVING", 1));
        ExecutorService pool = Executors.newFixedThreadPool(needs.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Reply>> replies = new ArrayList<>();
        for (String id : needs) {
            Callable<Api.Reply> c = () -> {
                go.await();
                return api.post("/api/needs/" + id + "/claims", hoarder, null);
            };
            replies.add(pool.submit(c));
        }
        go.countDown();
        List<String> won = new ArrayList<>();
        for (int i = 0; i < needs.size(); i++) {
            Api.Reply r = replies.get(i).get();
            if (r.status() == 201) won.add(r.body().path("claim").path("id").asText() + "@" + needs.get(i));
            else {
                assertEquals(409, r.status(), r.toString());
                assertTrue(r.text("message").contains("未完成"), r.toString());
            }
        }
        pool.shutdown();
        assertEquals(rules.freeOpenClaims(), won.size(), "at most the free number of open claims, however fast they arrive");
        // Finishing them earns the right to hold as many open as completed.
        for (String w : won) {
            String[] parts = w.split("@");
            String path = "/api/needs/" + parts[1] + "/claims/" + parts[0];
            assertEquals(200, api.post(path + "/delivered", hoarder, Json.object().put("note", "已送达")).status());
            assertEquals(200, api.post(path + "/confirm", v.poster(), null).status());
        }
        int more = 0;
        for (String id : needs) {
            if (api.post("/api/needs/" + id + "/claims", hoarder, null).status() == 201) more++;
        }
        // Holding none open with 3 completed: free up to 3, then one more while completed (3) >= open (3); not a 5th.
        assertEquals(rules.freeOpenClaims() + 1, more, "with 3 completed, up to 4 open claims");
    }

    /** Issue 11, item 2: the poster's confirmation alone earns the helper nothing until an area admin confirms too. */
    @Test
    void pointsForAConfirmationThePosterMadeAloneWaitForTheAreaAdmin() {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        String id = api.publishedNeed(v, "DISABILITY", 1);
        Api.Reply c = api.post("/api/needs/" + id + "/claims", helper, null);
        String path = "/api/needs/" + id + "/claims/" + c.body().path("claim").path("id").asText();
        assertEquals(200, api.post(path + "/delivered", helper, Json.object().put("note", "轮椅已送到")).status());
        assertEquals(200, api.post(path + "/confirm", v.poster(), null).status());
        Fresh fresh = new Fresh();
        ScoringHandler scoring = new ScoringHandler(fresh.ledger, new Scoring(rules));
        scoring.handleRequest(StreamRecords.event(StreamRecords.of(id)), null);
        assertEquals(0, fresh.ledger.total(helper.sub()), "the poster's word alone mints no points");
        assertEquals(409, api.post(path + "/confirm", v.poster(), null).status(), "nor does saying it twice");
        assertTrue(api.get("/api/confirm-queue?area=" + Api.DONGMEN, v.admin()).raw().contains(id), "the admin's queue shows what waits for them");
        assertEquals(200, api.post(path + "/confirm", v.admin(), null).status(), "the area admin countersigns");
        scoring.handleRequest(StreamRecords.event(StreamRecords.of(id)), null);
        int earned = fresh.ledger.total(helper.sub());
        assertTrue(earned > 0, "now the helper earns");
        scoring.handleRequest(StreamRecords.event(StreamRecords.of(id)), null);
        assertEquals(earned, fresh.ledger.total(helper.sub()), "once");
        assertEquals(409, api.post(path + "/confirm", v.admin(), null).status());
    }

    /** Issue 11, item 2: a reviewer's points stop at the daily cap; the reviews beyond it are on the ledger with 0 points. */
    @Test
    void aReviewersPointsStopAtTheDailyCap() {
        Api.Village v = api.village(Api.DONGMEN);
        List<String> ids = List.of(api.publishedNeed(v, "MEDICAL", 1), api.publishedNeed(v, "EDUCATION", 1),
                api.publishedNeed(v, "INSURANCE", 1));
        PointsRules r = rules;
        PointsRules twoADay = new PointsRules(r.reviewDone(), r.fulfilledBase(), r.weights(), r.yuanPerPoint(), r.valueMax(), r.fastDays(),
                r.fastBonus(), r.claimDays(), r.freeOpenClaims(), r.maxOpenClaims(), r.releaseCooldownMinutes(), r.releasesBeforeCooldown(),
                r.releaseWeighsDays(), r.claimsPerDay(), r.needMaxPoints(), 2);
        Fresh fresh = new Fresh();
        ScoringHandler scoring = new ScoringHandler(fresh.ledger, new Scoring(twoADay));
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        ids.forEach(id -> records.addAll(StreamRecords.of(id)));
        scoring.handleRequest(StreamRecords.event(records), null);
        scoring.handleRequest(StreamRecords.event(records), null); // replayed: still once
        assertEquals(2 * r.reviewDone(), fresh.ledger.total(v.council().sub()), "two reviews' points a day, not three");
        var lines = fresh.ledger.lines(v.council().sub(), 10);
        assertEquals(3, lines.size(), "every review is on the ledger");
        assertTrue(lines.stream().anyMatch(l -> l.points() == 0 && l.reason().contains("daily cap")), lines::toString);
    }

    /** Issue 11, item 2: rejecting the same poster's or the same household's needs again earns the reviewer nothing more. */
    @Test
    void rejectionsEarnOncePerPosterAndOncePerHousehold() {
        Api.Village v = api.village(Api.XIMEN);
        Api.Who other = api.who(Api.unique("poster"), v.area(), "poster");
        String family = Api.newIdNumber();
        String first = rejected(v, v.poster(), family);
        String samePoster = rejected(v, v.poster(), Api.newIdNumber());
        String sameFamily = rejected(v, other, family); // another poster, the first need's household
        String fresh = rejected(v, other, Api.newIdNumber());
        Fresh ledger = new Fresh();
        ScoringHandler scoring = new ScoringHandler(ledger.ledger, new Scoring(rules));
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (String id : List.of(first, samePoster, sameFamily, fresh)) records.addAll(StreamRecords.of(id));
        scoring.handleRequest(StreamRecords.event(records), null);
        scoring.handleRequest(StreamRecords.event(records), null); // replayed: still once
        assertEquals(2 * rules.reviewDone(), ledger.ledger.total(v.volunteer().sub()), "the first rejection of each poster and household only");
        Map<String, PointsLedger.Line> byNeed = new HashMap<>();
        ledger.ledger.lines(v.volunteer().sub(), 10).forEach(l -> byNeed.put(l.needId(), l));
        assertEquals(4, byNeed.size(), "every rejection is on the ledger: " + byNeed);
        assertEquals(rules.reviewDone(), byNeed.get(first).points());
        assertEquals(0, byNeed.get(samePoster).points());
        assertTrue(byNeed.get(samePoster).reason().contains("poster"), byNeed.get(samePoster)::toString);
        assertEquals(0, byNeed.get(sameFamily).points());
        assertTrue(byNeed.get(sameFamily).reason().contains("household"), byNeed.get(sameFamily)::toString);
        assertEquals(rules.reviewDone(), byNeed.get(fresh).points(), "a stopped rejection used up no limit of its own poster");
    }

    private String rejected(Api.Village v, Api.Who poster, String idNumber) {
        Api.Reply posted = api.post("/api/needs", poster, Api.needBody(v.area(), "EMPLOYMENT", 1, idNumber));
        assertEquals(201, posted.status(), posted.toString());
        Api.Reply r = api.post("/api/needs/" + posted.text("id") + "/reviews", v.volunteer(),
                Json.object().put("decision", "reject").put("reason", "入户核实情况与描述不符"));
        assertEquals("REJECTED", r.body().path("need").path("state").asText(), r.toString());
        return posted.text("id");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void fulfil(Api.Village v, Api.Who helper, String id, int quantity) {
        Api.Reply c = api.post("/api/needs/" + id + "/claims", helper, Json.object().put("quantity", quantity));
        assertEquals(201, c.status(), c.toString());
        String path = "/api/needs/" + id + "/claims/" + c.body().path("claim").path("id").asText();
        assertEquals(200, api.post(path + "/delivered", helper, Json.object().put("note", "已送达")).status());
        assertEquals(200, api.post(path + "/confirm", v.admin(), null).status());
    }

    private static DynamoDbClient client(ExecutionInterceptor interceptor) {
        return DynamoDbClient.builder().endpointOverride(URI.create(DynamoDbLocal.shared().endpoint())).region(Region.of("cn-north-1"))
                .credentialsProvider(SystemPropertyCredentialsProvider.create()).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(interceptor)).build();
    }

    /** A ledger on a table of its own, so only what this test delivers counts. */
    private static final class Fresh {
        final String table = LocalTable.createFresh(Dynamo.client(), "points-test");
        final PointsLedger ledger = new PointsLedger(Dynamo.client(), table);
    }
}
