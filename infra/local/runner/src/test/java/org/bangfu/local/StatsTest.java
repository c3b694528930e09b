package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.bangfu.lambda.Json;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Category;
import org.bangfu.fn.statsaggregator.StatsAggregatorHandler;
import org.bangfu.local.dynamodb.DynamoDbLocal;
import org.bangfu.local.dynamodb.LocalTable;
import org.bangfu.store.Dynamo;
import org.bangfu.store.StatsStore;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** The transparency figures: counted from the stream exactly once, equal to what happened, and public without personal data. */
class StatsTest {
    private final Api api = TestPlatform.api();

    /** Four needs of one village: one only published, one claimed, given back and claimed again, one fulfilled, one rejected. */
    private List<String> aVillagesNeeds(Api.Village v) {
        String open = api.publishedNeed(v, "MEDICAL", 2);
        String twice = api.publishedNeed(v, "EDUCATION", 5);
        Api.Who a = api.who(Api.unique("helper"), null, "helper");
        Api.Who b = api.who(Api.unique("helper"), null, "helper");
        String ca = api.post("/api/needs/" + twice + "/claims", a, Json.object().put("quantity", 2)).body().path("claim").path("id").asText();
        assertEquals(200, api.delete("/api/needs/" + twice + "/claims/" + ca, a, null).status());
        assertEquals(201, api.post("/api/needs/" + twice + "/claims", b, Json.object().put("quantity", 1)).status());
        String done = api.publishedNeed(v, "EDUCATION", 1);
        fulfil(v, a, done);
        String rejected = api.postNeed(v, "DAILY_LIVING", 1);
        assertEquals(200, api.post("/api/needs/" + rejected + "/reviews", v.council(),
                Json.object().put("decision", "reject").put("reason", "信息不实")).status());
        return List.of(open, twice, done, rejected);
    }

    private void fulfil(Api.Village v, Api.Who helper, String id) {
        Api.Reply c = api.post("/api/needs/" + id + "/claims", helper, null);
        assertEquals(201, c.status(), c.toString());
        String path = "/api/needs/" + id + "/claims/" + c.body().path("claim").path("id").asText();
        assertEquals(200, api.post(path + "/delivered", helper, Json.object().put("note", "已送达")).status());
        assertEquals(200, api.post(path + "/confirm", v.admin(), null).status());
    }

    private static List<DynamodbEvent.DynamodbStreamRecord> recordsOf(List<String> needIds) {
        List<DynamodbEvent.DynamodbStreamRecord> out = new ArrayList<>();
        needIds.forEach(id -> out.addAll(StreamRecords.of(id)));
        return out;
    }

    /** What those four needs must add up to, wherever they are counted. */
    private static void assertCountsOfFourNeeds(StatsStore.Counts c) {
        assertEquals(3, c.published(), "the rejected one was never published");
        assertEquals(2, c.firstClaims(), "the need claimed twice has one first claim");
        assertEquals(1, c.fulfilled());
        assertEquals(2L, c.claimHistogram().stream().mapToLong(Long::longValue).sum());
        assertEquals(2L, c.claimHistogram().get(0), "claimed within seconds: under a day");
        assertEquals(1L, c.fulfilHistogram().get(0));
    }

    @Test
    void replayedAndDuplicatedStreamRecordsCountEachMilestoneOnce() {
        Api.Village v = api.village(Api.XIMEN);
        List<DynamodbEvent.DynamodbStreamRecord> records = recordsOf(aVillagesNeeds(v));
        String table = LocalTable.createFresh(Dynamo.client(), "stats-test");
        StatsStore stats = new StatsStore(Dynamo.client(), table);
        StatsAggregatorHandler handler = new StatsAggregatorHandler(stats);

        assertTrue(handler.handleRequest(StreamRecords.event(records), null).getBatchItemFailures().isEmpty());
        StatsStore.Snapshot once = stats.read(null);
        assertCountsOfFourNeeds(once.total());
        assertEquals(1, once.byCategory().get(Category.MEDICAL).published());
        assertEquals(2, once.byCategory().get(Category.EDUCATION).published());
        assertEquals(1, once.byCategory().get(Category.EDUCATION).fulfilled());
        assertEquals(0, once.byCategory().get(Category.DAILY_LIVING).published());
        assertEquals(Set.of("320000000000", "321100000000", "321181000000", "321181001000"),
                once.byArea().keySet().stream().map(AreaCode::code).collect(java.util.stream.Collectors.toSet()),
                "counted up to the town, never the village");
        assertCountsOfFourNeeds(once.byArea().get(new AreaCode(Api.YUNYANG)));
        assertCountsOfFourNeeds(stats.read(new AreaCode(Api.DANYANG)).total());
        assertEquals(1, stats.read(new AreaCode(Api.YUNYANG)).byCategory().get(Category.EDUCATION).fulfilled());

        handler.handleRequest(StreamRecords.event(records), null); // the whole batch again
        List<DynamodbEvent.DynamodbStreamRecord> doubled = new ArrayList<>();
        records.forEach(r -> {
            doubled.add(r);
            doubled.add(r);
        });
        handler.handleRequest(StreamRecords.event(doubled), null); // every record twice in one batch
        assertEquals(once, stats.read(null), "replays change nothing");
        assertEquals(once.byArea().get(new AreaCode(Api.YUNYANG)), stats.read(new AreaCode(Api.YUNYANG)).total());
    }

    @Test
    void aCrashAfterAWriteBeforeItsAcknowledgementNeitherDoublesNorLosesACount() {
        Api.Village v = api.village(Api.XIMEN);
        List<DynamodbEvent.DynamodbStreamRecord> records = recordsOf(aVillagesNeeds(v));

        // A handler whose second counting transaction is written, then the process "dies" before it hears back.
        String table = LocalTable.createFresh(Dynamo.client(), "stats-test");
        AtomicInteger transactions = new AtomicInteger();
        DynamoDbClient dying = DynamoDbClient.builder().endpointOverride(URI.create(DynamoDbLocal.shared().endpoint()))
                .region(Region.of("cn-north-1")).credentialsProvider(SystemPropertyCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof TransactWriteItemsRequest && transactions.incrementAndGet() == 2) {
                            throw new IllegalStateException("killed between the write and its acknowledgement");
                        }
                    }
                })).build();
        var response = new StatsAggregatorHandler(new StatsStore(dying, table)).handleRequest(StreamRecords.event(records), null);
        assertFalse(response.getBatchItemFailures().isEmpty(), "the failure is reported");
        // Lambda retries from the first failed record, as the stream pump does.
        String firstFailed = response.getBatchItemFailures().get(0).getItemIdentifier();
        int from = 0;
        while (!records.get(from).getDynamodb().getSequenceNumber().equals(firstFailed)) from++;
        StatsStore stats = new StatsStore(Dynamo.client(), table);
        assertTrue(new StatsAggregatorHandler(stats).handleRequest(StreamRecords.event(records.subList(from, records.size())), null)
                .getBatchItemFailures().isEmpty());
        assertCountsOfFourNeeds(stats.read(null).total());
    }

    @Test
    void theStatsRouteAddsUpWhatHappenedByWindowAndByArea() {
        StreamRecords.awaitQuiet(); // earlier tests' records are counted before the baseline is taken
        JsonNode county = api.get("/api/stats?area=430225000000", null).body();
        JsonNode town = api.get("/api/stats?area=430225100000", null).body();
        aVillagesNeeds(api.village(Api.MIANDU));

        JsonNode after = awaitStats("/api/stats?area=430225000000", county.path("totals").path("fulfilled").asInt() + 1);
        StreamRecords.awaitQuiet();
        after = api.get("/api/stats?area=430225000000", null).body();
        assertEquals(county.path("totals").path("published").asInt() + 3, after.path("totals").path("published").asInt());
        assertEquals(county.path("totals").path("claimed").asInt() + 2, after.path("totals").path("claimed").asInt());
        assertEquals(county.path("totals").path("fulfilled").asInt() + 1, after.path("totals").path("fulfilled").asInt());
        assertEquals(category(county, "EDUCATION").path("published").asInt() + 2, category(after, "EDUCATION").path("published").asInt());
        assertEquals(category(county, "MEDICAL").path("published").asInt() + 1, category(after, "MEDICAL").path("published").asInt());
        assertEquals(category(county, "DAILY_LIVING").path("published").asInt(), category(after, "DAILY_LIVING").path("published").asInt());
        assertEquals(7, after.path("byCategory").size(), "every window, even with nothing in it");
        assertEquals("助学", category(after, "EDUCATION").path("label").asText());

        JsonNode townAfter = api.get("/api/stats?area=430225100000", null).body();
        assertEquals(town.path("totals").path("published").asInt() + 3, townAfter.path("totals").path("published").asInt());
        JsonNode townRow = null;
        for (JsonNode a : after.path("byArea")) {
            assertTrue(Set.of("county", "town").contains(a.path("level").asText()), a.toString());
            assertNotEquals("430225000000", a.path("area").path("code").asText(), "the scope itself is in totals, not a row");
            if (a.path("area").path("code").asText().equals("430225100000")) townRow = a;
        }
        assertNotNull(townRow, "the county's towns are listed");
        assertEquals(townAfter.path("totals").path("published"), townRow.path("published"));
        assertEquals("霞阳镇", townRow.path("area").path("name").asText());

        JsonNode toClaim = after.path("durations").path("toFirstClaim");
        assertEquals(6, toClaim.path("buckets").size());
        long sum = 0;
        for (JsonNode b : toClaim.path("buckets")) sum += b.path("count").asLong();
        assertEquals(toClaim.path("count").asLong(), sum, "the buckets add up to the count");
        assertEquals(after.path("totals").path("claimed").asLong(), toClaim.path("count").asLong());
        assertTrue(toClaim.path("buckets").get(5).path("toDays").isNull(), "the last bucket is open-ended");
        assertEquals(30, toClaim.path("buckets").get(5).path("fromDays").asInt());

        JsonNode overall = api.get("/api/stats", null).body();
        assertTrue(overall.path("scope").path("area").isNull());
        assertTrue(overall.path("totals").path("published").asInt() >= after.path("totals").path("published").asInt());
        Set<String> levels = new HashSet<>();
        overall.path("byArea").forEach(a -> levels.add(a.path("level").asText()));
        assertEquals(Set.of("county", "town"), levels, "overall: counties and towns");
    }

    @Test
    void theFulfilledFeedShowsOnlyFulfilledNeedsNewestFirstAndMasked() {
        Api.Village v = api.village(Api.JIANGSHU);
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        String first = api.publishedNeed(v, "DISABILITY", 1);
        fulfil(v, helper, first);
        String second = api.publishedNeed(v, "HOME_IMPROVEMENT", 1);
        fulfil(v, helper, second);
        String open = api.publishedNeed(v, "DISABILITY", 1);
        String delivered = api.publishedNeed(v, "INSURANCE", 1);
        Api.Reply c = api.post("/api/needs/" + delivered + "/claims", helper, null);
        api.post("/api/needs/" + delivered + "/claims/" + c.body().path("claim").path("id").asText() + "/delivered", helper,
                Json.object().put("note", "已送达"));

        JsonNode feed = api.get("/api/stats?area=321181102000&limit=2", null).body().path("recent");
        assertEquals(second, feed.path("items").get(0).path("id").asText(), "newest first");
        assertEquals(first, feed.path("items").get(1).path("id").asText());
        JsonNode item = feed.path("items").get(0);
        assertEquals(Set.of("id", "category", "categoryLabel", "title", "quantity", "unit", "area", "beneficiary", "publishedAt",
                "fulfilledAt", "daysToFulfil"), fields(item), "the public facts of a done need, and nothing else");
        assertEquals("王**", item.path("beneficiary").asText());
        assertEquals("蒋墅村", item.path("area").path("name").asText());
        assertTrue(item.path("fulfilledAt").asText().compareTo(item.path("publishedAt").asText()) >= 0);

        // Page through the area's whole feed: fulfilled needs only, each really fulfilled, in order.
        List<String> ids = new ArrayList<>();
        String cursor = null;
        String previous = "9999";
        StringBuilder raw = new StringBuilder();
        for (int page = 0; page < 200; page++) {
            Api.Reply r = api.get("/api/stats?area=321181102000&limit=3" + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertEquals(200, r.status(), r.toString());
            raw.append(r.raw());
            for (JsonNode n : r.body().path("recent").path("items")) {
                ids.add(n.path("id").asText());
                assertTrue(n.path("fulfilledAt").asText().compareTo(previous) <= 0, "newest first across pages");
                previous = n.path("fulfilledAt").asText();
                assertTrue(n.path("area").path("code").asText().startsWith("321181102"), "the area filter holds");
            }
            cursor = r.body().path("recent").path("next").isNull() ? null : r.body().path("recent").path("next").asText();
            if (cursor == null) break;
        }
        assertTrue(ids.containsAll(List.of(first, second)));
        assertFalse(ids.contains(open), "a published need is not in the feed");
        assertFalse(ids.contains(delivered), "nor one delivered but not yet confirmed");
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no need twice");
        for (String id : ids) assertEquals("FULFILLED", api.get("/api/needs/" + id, null).text("state"), id);
        for (String secret : List.of("王小明", "13812345678", "东门村3组18号", "李书记", "13900001111")) {
            assertFalse(raw.toString().contains(secret), "personal value in the feed: " + secret);
        }
    }

    @Test
    void badQueriesAreRefusedWithFieldErrorsNeverA500() {
        for (Map.Entry<String, String> q : Map.of(
                "area=" + Api.DONGMEN, "area", "area=321181999000", "area", "area=abc", "area",
                "limit=0", "limit", "limit=51", "limit", "cursor=not-a-cursor", "cursor",
                "cursor=" + java.util.Base64.getUrlEncoder().encodeToString("321181001201#2026#nxxxxxxxxxxxx".getBytes()), "cursor").entrySet()) {
            Api.Reply r = api.get("/api/stats?" + q.getKey(), null);
            assertEquals(400, r.status(), q.getKey() + ": " + r);
            assertEquals(q.getValue(), r.body().path("fields").get(0).path("field").asText(), r.toString());
        }
        Api.Reply ok = api.get("/api/stats?utm_source=wechat", null);
        assertEquals(200, ok.status(), "unknown parameters are ignored");
        assertTrue(ok.headers().firstValue("cache-control").orElse("").contains("max-age"), "cacheable on the CDN");
    }

    private static JsonNode category(JsonNode stats, String code) {
        for (JsonNode c : stats.path("byCategory")) if (c.path("category").asText().equals(code)) return c;
        throw new AssertionError(code + " missing in " + stats);
    }

    private static Set<String> fields(JsonNode o) {
        Set<String> out = new HashSet<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private JsonNode awaitStats(String path, int fulfilled) {
        long until = System.currentTimeMillis() + 30_000;
        JsonNode s = null;
        while (System.currentTimeMillis() < until) {
            s = api.get(path, null).body();
            if (s.path("totals").path("fulfilled").asInt() >= fulfilled) return s;
            Points.sleep(100);
        }
        throw new AssertionError("stats never reached " + fulfilled + " fulfilled: " + s);
    }
}
