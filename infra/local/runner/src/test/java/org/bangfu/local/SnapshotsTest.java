package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.bangfu.fn.snapshots.SnapshotBucket;
import org.bangfu.fn.snapshots.SnapshotHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Services;
import org.bangfu.local.dynamodb.Template;
import org.bangfu.local.s3.LocalBuckets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Snapshots on the real local S3 server, written by the snapshot function the stream pump drives:
 * after lifecycle steps each file says exactly what the API answers; replayed, duplicated and
 * reversed batches change nothing; a burst in one batch writes each file once; a delisted need
 * leaves every list; no file holds a household field.
 */
class SnapshotsTest {
    private final Api api = TestPlatform.api();
    private final S3Client s3 = LocalBuckets.client(TestPlatform.platform.s3().endpoint());
    private final String bucket = LocalBuckets.names(Template.ofProject(), LocalPlatform.TABLE).get("SnapshotBucket");

    private Optional<String> file(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    private JsonNode json(String key) throws Exception {
        return Json.parse(file(key).orElseThrow(() -> new AssertionError("no snapshot " + key)));
    }

    /** The list files a need in this village appears in: everywhere and each of its areas, all windows and its own. */
    private static List<String> listsOf(String village, String category) {
        List<String> out = new ArrayList<>();
        for (String area : List.of("all", village.substring(0, 2) + "0000000000", village.substring(0, 4) + "00000000",
                village.substring(0, 6) + "000000", village.substring(0, 9) + "000", village)) {
            out.add(area + "/all");
            out.add(area + "/" + category);
        }
        return out;
    }

    private static String query(String list) {
        String[] p = list.split("/");
        List<String> q = new ArrayList<>();
        if (!p[0].equals("all")) q.add("area=" + p[0]);
        if (!p[1].equals("all")) q.add("category=" + p[1]);
        return q.isEmpty() ? "" : "?" + String.join("&", q);
    }

    /** Every snapshot of this need equals the API's answer (both share cards with SITE_URL's absolute URLs). */
    private void assertSnapshotsMatchApi(String id, String village, String category) throws Exception {
        Api.Reply need = api.get("/api/needs/" + id, null);
        if (need.status() == 200) assertEquals(need.body(), json("snapshots/needs/" + id + ".json"), "need " + id);
        else assertTrue(file("snapshots/needs/" + id + ".json").isEmpty(), "no snapshot of a need the API does not show");
        Api.Reply card;
        TestPlatform.platform.serveSnapshots(false); // the function's own card, not the snapshot the gateway would serve
        try {
            card = api.get("/share/" + id, null);
        } finally {
            TestPlatform.platform.serveSnapshots(true);
        }
        if (card.status() == 200) assertEquals(card.raw(), file("share/" + id).orElseThrow());
        else assertTrue(file("share/" + id).isEmpty());
        for (String list : listsOf(village, category)) {
            Api.Reply page = api.get("/api/needs" + query(list), null);
            assertEquals(200, page.status(), page.toString());
            assertEquals(page.body(), json("snapshots/lists/" + list + ".json"), "list " + list);
        }
        for (String scope : List.of("all", village.substring(0, 6) + "000000", village.substring(0, 9) + "000")) {
            Api.Reply stats = api.get("/api/stats" + (scope.equals("all") ? "" : "?area=" + scope), null);
            assertEquals(stats.body(), json("snapshots/stats/" + scope + ".json"), "stats " + scope);
        }
    }

    private boolean listedInAnySnapshot(String id, String village, String category) throws Exception {
        for (String list : listsOf(village, category)) {
            for (JsonNode n : json("snapshots/lists/" + list + ".json").path("items")) if (n.path("id").asText().equals(id)) return true;
        }
        return false;
    }

    @Test
    void everySnapshotSaysWhatTheApiSaysThroughTheLifecycleAndADelistedNeedLeavesEveryList() throws Exception {
        Api.Village v = api.village(Api.XIMEN);
        String id = api.publishedNeed(v, "EDUCATION", 3);
        StreamRecords.awaitQuiet(true);
        assertSnapshotsMatchApi(id, v.area(), "EDUCATION");
        assertEquals("PUBLISHED", json("snapshots/needs/" + id + ".json").path("state").asText());
        assertTrue(listedInAnySnapshot(id, v.area(), "EDUCATION"));

        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        assertEquals(201, api.post("/api/needs/" + id + "/claims", helper, Json.object().put("quantity", 1)).status());
        StreamRecords.awaitQuiet(true);
        assertSnapshotsMatchApi(id, v.area(), "EDUCATION");
        assertEquals(2, json("snapshots/needs/" + id + ".json").path("remaining").asInt());

        // The rest taken: no longer claimable anywhere.
        Api.Who other = api.who(Api.unique("helper"), null, "helper");
        assertEquals(201, api.post("/api/needs/" + id + "/claims", other, Json.object().put("quantity", 2)).status());
        StreamRecords.awaitQuiet(true);
        JsonNode snap = json("snapshots/needs/" + id + ".json");
        assertEquals("CLAIMED", snap.path("state").asText());
        assertEquals(0, snap.path("remaining").asInt());
        assertFalse(listedInAnySnapshot(id, v.area(), "EDUCATION"), "a need claimed in full leaves every list snapshot");
        assertTrue(file("share/" + id).orElseThrow().contains("已被认领"));
        assertSnapshotsMatchApi(id, v.area(), "EDUCATION");

        // Replayed, duplicated and reversed: the old records of a need that was claimable change nothing.
        var records = new ArrayList<>(StreamRecords.of(id));
        assertTrue(records.size() > 5, "the need's history is on the stream");
        var reversed = new ArrayList<>(records);
        Collections.reverse(reversed);
        SnapshotHandler replay = new SnapshotHandler(Services.live(), SnapshotBucket.live(), System.getProperty("SITE_URL"));
        for (int i = 0; i < reversed.size(); i += 2) {
            var batch = new ArrayList<>(reversed.subList(i, Math.min(reversed.size(), i + 2)));
            batch.addAll(batch); // each record twice
            assertTrue(replay.handleRequest(StreamRecords.event(batch), null).getBatchItemFailures().isEmpty());
        }
        assertSnapshotsMatchApi(id, v.area(), "EDUCATION");
        assertFalse(listedInAnySnapshot(id, v.area(), "EDUCATION"));
    }

    @Test
    void leaderboardsAndTheAllianceListAreSnapshotsOfWhatTheApiSaysOnceHelpIsConfirmed() throws Exception {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who company = api.who(Api.unique("company"), null, "helper");
        String org = SupplyTest.verifiedCompany(api, company, v.admin());
        String id = api.publishedNeed(v, "EDUCATION", 1);
        Api.Reply claim = api.post("/api/needs/" + id + "/claims", company, Json.object().put("quantity", 1).put("organisationId", org));
        assertEquals(201, claim.status(), claim.toString());
        String claimId = claim.body().path("claim").path("id").asText();
        assertEquals(200, api.post("/api/needs/" + id + "/claims/" + claimId + "/delivered", company, Json.object().put("note", "书本已送到")).status());
        assertEquals(200, api.post("/api/needs/" + id + "/claims/" + claimId + "/confirm", v.admin(), null).status());
        StreamRecords.awaitQuiet(true);

        String month = java.time.YearMonth.from(Api.today()).toString();
        for (String area : List.of("all", Api.DANYANG, v.area())) {
            for (String m : List.of("all", month)) {
                List<String> q = new ArrayList<>(List.of("limit=10"));
                if (!area.equals("all")) q.add("area=" + area);
                if (!m.equals("all")) q.add("month=" + m);
                Api.Reply board = api.get("/api/leaderboard?" + String.join("&", q), null);
                assertEquals(200, board.status());
                assertEquals(board.body(), json("snapshots/boards/" + area + "/" + m + ".json"), "board " + area + " " + m);
            }
        }
        assertFalse(json("snapshots/boards/" + v.area() + "/" + month + ".json").path("entries").isEmpty(), "this month's board has its first points");
        for (String area : List.of("all", "320000000000", "321100000000", Api.DANYANG)) {
            Api.Reply list = api.get("/api/organisations?limit=10" + (area.equals("all") ? "" : "&area=" + area), null);
            assertEquals(200, list.status());
            assertEquals(list.body(), json("snapshots/organisations/" + area + ".json"), "organisations " + area);
        }
        assertFalse(json("snapshots/organisations/" + Api.DANYANG + ".json").path("items").isEmpty(), "the verified company's county has a list");
    }

    @Test
    void aBurstInOneBatchWritesEachFileOnce() throws Exception {
        Api.Village v = api.village(Api.DONGMEN);
        String a = api.publishedNeed(v, "MEDICAL", 2);
        String b = api.publishedNeed(v, "MEDICAL", 2);
        StreamRecords.awaitQuiet(true);
        var records = new ArrayList<>(StreamRecords.of(a));
        records.addAll(StreamRecords.of(b));
        SnapshotBucket.InMemory memory = new SnapshotBucket.InMemory();
        new SnapshotHandler(Services.live(), memory, null).handleRequest(StreamRecords.event(records), null);
        // Two needs (JSON + card each), twelve lists they share, three figures (everywhere, county, town; the province and city count nothing).
        assertEquals(memory.files.size(), memory.puts, "each file written once: " + memory.files.keySet());
        assertEquals(4 + 12 + 5, memory.files.size(), memory.files.keySet().toString());
    }

    /**
     * Two stream shards rebuild one list at once: shard A read the table while the need was still
     * listed and is slow to write; meanwhile the need is claimed whole and shard B writes the list
     * without it. A's write must not put the need back (it finds the file changed and reads again).
     */
    @Test
    void aSlowShardNeverPutsBackAListItReadBeforeAnotherShardsNewerWrite() throws Exception {
        Api.Village v = api.village(Api.JIANGSHU);
        String need = api.publishedNeed(v, "EDUCATION", 1);
        String listKey = org.bangfu.fn.snapshots.Snapshots.LISTS + v.area() + "/EDUCATION.json";
        String own = "race-" + Long.toString(System.nanoTime(), 36);
        s3.createBucket(r -> r.bucket(own)); // a bucket of its own: the platform's stream writes to the other one
        SnapshotBucket files = SnapshotBucket.of(s3, own);
        new org.bangfu.fn.snapshots.Snapshots(Services.live(), files, "").rebuild(List.of(need));
        assertTrue(text(own, listKey).contains(need), "listed to begin with");

        var aHasRead = new java.util.concurrent.CountDownLatch(1);
        var bHasWritten = new java.util.concurrent.CountDownLatch(1);
        var held = new java.util.concurrent.atomic.AtomicBoolean();
        SnapshotBucket slow = new SnapshotBucket() {
            public void put(String key, byte[] body, String type, String cache) { files.put(key, body, type, cache); }
            public void delete(String key) { files.delete(key); }
            public String version(String key) { return files.version(key); }
            public boolean putIfUnchanged(String key, byte[] body, String type, String cache, String expected) {
                if (key.equals(listKey) && held.compareAndSet(false, true)) {
                    assertTrue(new String(body, StandardCharsets.UTF_8).contains(need), "shard A read the need listed");
                    aHasRead.countDown();
                    try {
                        assertTrue(bHasWritten.await(60, java.util.concurrent.TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return files.putIfUnchanged(key, body, type, cache, expected);
            }
        };
        var shardA = java.util.concurrent.CompletableFuture.runAsync(() -> new org.bangfu.fn.snapshots.Snapshots(Services.live(), slow, "").rebuild(List.of(need)));
        assertTrue(aHasRead.await(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(201, api.post("/api/needs/" + need + "/claims", api.who(Api.unique("helper"), null, "helper"), null).status());
        new org.bangfu.fn.snapshots.Snapshots(Services.live(), files, "").rebuild(List.of(need)); // shard B
        assertFalse(text(own, listKey).contains(need), "shard B wrote the list without the claimed need");
        bHasWritten.countDown();
        shardA.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertFalse(text(own, listKey).contains(need), "shard A's late write must not list the claimed need again");
    }

    private String text(String bucket, String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
    }

    @Test
    void noSnapshotHoldsAHouseholdField() throws Exception {
        Api.Village v = api.village(Api.JIANGSHU);
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String idNumber = Api.newIdNumber();
            ObjectNode body = Api.needBody(v.area(), i == 0 ? "DISABILITY" : "HOME_IMPROVEMENT", 2, idNumber);
            String name = "蒋" + "秘密" + Api.unique("x").hashCode();
            String phone = "139" + String.format("%08d", Math.abs(name.hashCode()) % 100_000_000);
            String address = "蒋墅村秘密组" + i + "号" + Api.unique("a");
            ((ObjectNode) body.get("household")).put("name", name).put("phone", phone).put("address", address);
            String contactPhone = "137" + String.format("%08d", Math.abs(address.hashCode()) % 100_000_000);
            ((ObjectNode) body.get("contact")).put("name", "联系人" + i + "号甲").put("phone", contactPhone);
            secrets.addAll(List.of(name, idNumber, phone, address, contactPhone, "联系人" + i + "号甲"));
            Api.Reply posted = api.post("/api/needs", v.poster(), body);
            assertEquals(201, posted.status(), posted.toString());
            String id = posted.text("id");
            assertEquals(200, api.post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "approve")).status());
            assertEquals(200, api.post("/api/needs/" + id + "/reviews", v.volunteer(), Json.object().put("decision", "approve")).status());
            if (i == 1) assertEquals(201, api.post("/api/needs/" + id + "/claims", api.who(Api.unique("helper"), null, "helper"), null).status());
        }
        StreamRecords.awaitQuiet(true);
        StringBuilder all = new StringBuilder();
        int files = 0;
        for (var page : s3.listObjectsV2Paginator(r -> r.bucket(bucket))) {
            for (var o : page.contents()) {
                all.append(file(o.key()).orElse("")).append('\n');
                files++;
            }
        }
        assertTrue(files > 20 && all.length() > 10_000, "the walk saw real snapshots");
        for (String s : secrets) assertFalse(all.toString().contains(s), "a snapshot holds a household or contact field: " + s);
    }
}
