package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Services;
import org.junit.jupiter.api.Test;

/**
 * Generated bodies for every body-taking route (mutations of a valid body and plain garbage),
 * thousands of cases, bounded in time: never a 5xx, and a refused request never changes the need.
 * The seed is printed, so a failure can be replayed.
 */
class FuzzTest {
    private static final Set<Integer> EXPECTED = Set.of(200, 201, 400, 403, 404, 409, 413, 422);
    private static final long BUDGET_MS = 60_000; // a bound, not a target: 3,000 cases take ~10 s on a quiet machine
    private final Api api = TestPlatform.api();

    @Test
    void generatedRequestsNeverGetA5xxAndRefusalsChangeNothing() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("{\"fuzzSeed\":" + seed + "}");
        Random random = new Random(seed);
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who helper = api.who(Api.unique("fuzz"), null, "helper");
        String target = api.publishedNeed(v, "EDUCATION", 10_000);
        Api.Reply claim = api.post("/api/needs/" + target + "/claims", helper, Json.object().put("quantity", 1));
        String claimPath = "/api/needs/" + target + "/claims/" + claim.body().path("claim").path("id").asText();

        record Route(String method, String path, Api.Who who, JsonNode valid) {
        }
        List<Route> routes = List.of(
                new Route("POST", "/api/needs", v.poster(), Api.needBody(v.area(), "MEDICAL", 2, Api.newIdNumber())),
                new Route("POST", "/api/needs/" + target + "/reviews", v.council(), Json.object().put("decision", "reject").put("reason", "理由")),
                new Route("POST", "/api/needs/" + target + "/claims", helper, Json.object().put("quantity", 1)),
                new Route("POST", claimPath + "/delivered", api.who(Api.unique("other"), null, "helper"), Json.object().put("note", "已送达")),
                new Route("POST", claimPath + "/confirm", v.poster(), Json.object()),
                new Route("DELETE", claimPath, api.who(Api.unique("other"), null, "helper"), Json.object().put("reason", "原因")));

        long until = System.currentTimeMillis() + BUDGET_MS;
        int cases = 0;
        int refused = 0;
        int acceptedOnTarget = 0;
        long start = version(target);
        while (System.currentTimeMillis() < until && cases < 3000) {
            Route r = routes.get(random.nextInt(routes.size()));
            Api.Reply reply;
            if (random.nextInt(10) == 0) {
                byte[] garbage = garbage(random);
                reply = api.sendBytes(r.method(), r.path(), r.who(), garbage, random.nextBoolean() ? "application/json" : "application/octet-stream");
            } else {
                reply = api.send(r.method(), r.path(), r.who(), Json.write(mutate(r.valid().deepCopy(), random)), "application/json");
            }
            cases++;
            assertTrue(EXPECTED.contains(reply.status()), "seed " + seed + " case " + cases + ": " + r.method() + " " + r.path() + " → " + reply);
            if (reply.status() >= 400) refused++;
            else if (r.path().contains(target)) acceptedOnTarget++;
        }
        // Every accepted write moves the need's version by exactly one; a refused one must not move it at all.
        assertEquals(start + acceptedOnTarget, version(target), "seed " + seed + ": refused requests changed the need");
        System.out.println("{\"fuzzCases\":" + cases + ",\"refused\":" + refused + ",\"acceptedOnTarget\":" + acceptedOnTarget + "}");
        assertTrue(cases >= 1000, "at least a thousand cases in the time budget, ran " + cases);
    }

    private static long version(String id) {
        return Services.live().needs().need(id).orElseThrow().version();
    }

    private static JsonNode mutate(JsonNode node, Random random) {
        int steps = 1 + random.nextInt(4);
        for (int i = 0; i < steps; i++) {
            if (!(node instanceof ObjectNode o)) return node;
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) names.add(it.next());
            int op = random.nextInt(6);
            ObjectNode where = o;
            String name = names.isEmpty() ? "x" : names.get(random.nextInt(names.size()));
            if (o.get(name) instanceof ObjectNode inner && random.nextBoolean()) {
                where = inner;
                List<String> innerNames = new ArrayList<>();
                inner.fieldNames().forEachRemaining(innerNames::add);
                name = innerNames.isEmpty() ? "x" : innerNames.get(random.nextInt(innerNames.size()));
            }
            switch (op) {
                case 0 -> where.remove(name);
                case 1, 2, 3 -> where.set(name, value(random, 0));
                case 4 -> where.set(randomString(random, 8), value(random, 0));
                default -> {
                    return value(random, 0); // not an object at all
                }
            }
        }
        return node;
    }

    private static JsonNode value(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 8 : 10)) {
            case 0 -> com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.nullNode();
            case 1 -> com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.booleanNode(random.nextBoolean());
            case 2 -> com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(random.nextInt());
            case 3 -> com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(random.nextLong());
            case 4 -> com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40)) * (random.nextBoolean() ? 1 : -1));
            case 5 -> com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(randomString(random, random.nextInt(4) == 0 ? 3000 : 20));
            case 6 -> com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(List.of("2026-13-01", "2099-01-01", "", "0", "-1", "MEDICAL", "approve", "reject",
                    "321181001201", "999999999999", "11010519491231002X", "13812345678").get(random.nextInt(12)));
            case 7 -> com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(List.of(0, -1, 1, 2, 10_001, Integer.MAX_VALUE).get(random.nextInt(6)));
            case 8 -> {
                ArrayNode a = Json.array();
                for (int i = random.nextInt(4); i > 0; i--) a.add(value(random, depth + 1));
                yield a;
            }
            default -> {
                ObjectNode o = Json.object();
                for (int i = random.nextInt(4); i > 0; i--) o.set(randomString(random, 6), value(random, depth + 1));
                yield o;
            }
        };
    }

    private static String randomString(Random random, int max) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(10);
            int cp = switch (kind) {
                case 0 -> random.nextInt(0x20);                 // control
                case 1 -> 0x202A + random.nextInt(5);           // bidi
                case 2 -> 0x1F600 + random.nextInt(80);         // emoji (surrogate pairs)
                case 3 -> 0xD800 + random.nextInt(0x800);       // a lone surrogate
                case 4, 5, 6 -> 0x4E00 + random.nextInt(0x5000); // CJK
                default -> 0x20 + random.nextInt(0x5F);         // ASCII
            };
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    private static byte[] garbage(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] b = new byte[random.nextInt(200)];
                random.nextBytes(b);
                yield b;
            }
            case 1 -> "{\"quantity\": 1,".getBytes(StandardCharsets.UTF_8);
            case 2 -> ("[" + "[".repeat(random.nextInt(2000)) + "]").getBytes(StandardCharsets.UTF_8);
            default -> ("{\"note\":\"" + "\\u00".repeat(3) + "\"}").getBytes(StandardCharsets.UTF_8);
        };
    }
}
