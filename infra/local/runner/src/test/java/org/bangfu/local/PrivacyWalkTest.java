package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bangfu.lambda.Json;
import org.bangfu.core.Category;
import org.bangfu.core.ChineseIdNumber;
import org.bangfu.local.dynamodb.Template;
import org.junit.jupiter.api.Test;

/**
 * Many needs with unique personal values, in every state, then every public route walked with
 * every filter: no household name, ID number, phone, address, nor the contact's name or phone,
 * may appear in any public response body, nor in anything the platform logs meanwhile.
 */
class PrivacyWalkTest {
    private final Api api = TestPlatform.api();
    private final Random random = new Random(20261122);

    @Test
    void noPersonalValueAppearsInAnyPublicResponseOrLogLine() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new TeeStream(original, logged), true, StandardCharsets.UTF_8));
        List<String> secrets = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try {
            String[] villages = {Api.DONGMEN, Api.XIMEN, Api.JIANGSHU, Api.MIANDU};
            for (String area : villages) {
                Api.Village v = api.village(area);
                for (int i = 0; i < 6; i++) {
                    Category category = Category.values()[random.nextInt(Category.values().length)];
                    ObjectNode body = Api.needBody(area, category.name(), 1 + random.nextInt(3), idNumber());
                    String name = rare(3);
                    String phone = "13" + (100_000_000 + random.nextInt(899_999_999));
                    String address = "村" + rare(4) + (random.nextInt(90) + 10) + "号";
                    String contactName = rare(3);
                    String contactPhone = "15" + (100_000_000 + random.nextInt(899_999_999));
                    ((ObjectNode) body.get("household")).put("name", name).put("phone", phone).put("address", address);
                    ((ObjectNode) body.get("contact")).put("name", contactName).put("phone", contactPhone);
                    secrets.addAll(List.of(name, body.path("household").path("idNumber").asText(), phone, address, contactName, contactPhone));
                    Api.Reply posted = api.post("/api/needs", v.poster(), body);
                    assertEquals(201, posted.status(), posted.toString());
                    String id = posted.text("id");
                    ids.add(id);
                    driveToSomeState(v, id, i);
                }
            }
            Points.hygieneAt(Duration.ofDays(20)).handleRequest(Map.of(), null); // some claims overdue, some needs expired

            List<String> bodies = new ArrayList<>();
            for (String q : queries(villages)) {
                bodies.add(api.get("/api/needs" + q, null).raw());
                api.listAll(q).forEach(n -> bodies.add(n.toString()));
            }
            for (String id : ids) {
                bodies.add(api.get("/api/needs/" + id, null).raw());
                if (Routes.from(Template.ofProject()).match("GET", "/share/" + id).isPresent()) {
                    bodies.add(api.get("/share/" + id, null).raw());
                }
            }
            bodies.add(api.get("/api/leaderboard?limit=100", null).raw());
            for (String area : villages) bodies.add(api.get("/api/leaderboard?limit=100&area=" + area, null).raw());
            for (String path : List.of("/api/stats")) {
                if (Routes.from(Template.ofProject()).match("GET", path).isPresent()) bodies.add(api.get(path, null).raw());
            }
            // The admin's export is not public, but it is about helpers: it must carry no household data either.
            bodies.add(api.get("/api/exports/civic-points?area=" + Api.DANYANG, api.village(Api.DONGMEN).admin()).raw());
            Points.sleep(500); // let the stream pump log what it does with all this

            String all = String.join("\n", bodies);
            assertTrue(all.length() > 10_000, "the walk saw real content");
            for (String secret : secrets) {
                assertFalse(all.contains(secret), "personal value in a public response: " + secret);
            }
            String log = logged.toString(StandardCharsets.UTF_8);
            assertTrue(log.contains("\"route\""), "the walk was logged");
            for (String secret : secrets) assertFalse(log.contains(secret), "personal value in the logs: " + secret);
        } finally {
            System.setOut(original);
        }
    }

    /** Pending, rejected, published, partly claimed, claimed, delivered, fulfilled, each household differently. */
    private void driveToSomeState(Api.Village v, String id, int which) {
        if (which == 0) return;
        if (which == 1) {
            api.post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "reject").put("reason", "复核不符"));
            return;
        }
        api.post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "approve"));
        api.post("/api/needs/" + id + "/reviews", v.volunteer(), Json.object().put("decision", "approve"));
        if (which == 2) return;
        Api.Who helper = api.who(Api.unique("helper"), null, "helper");
        Api.Reply c = api.post("/api/needs/" + id + "/claims", helper, Json.object().put("quantity", 1));
        if (which == 3 || c.status() != 201) return;
        String path = "/api/needs/" + id + "/claims/" + c.body().path("claim").path("id").asText();
        api.post(path + "/delivered", helper, Json.object().put("note", "已送达"));
        if (which == 4) return;
        api.post(path + "/confirm", v.admin(), null);
    }

    private static List<String> queries(String[] villages) {
        List<String> q = new ArrayList<>(List.of("?limit=50", "?text=" + enc("测试需求")));
        for (Category c : Category.values()) q.add("?limit=50&category=" + c.name());
        for (String v : villages) {
            q.add("?limit=50&area=" + v);
            q.add("?limit=50&area=" + v.substring(0, 9) + "000");
            q.add("?limit=50&area=" + v.substring(0, 6) + "000000");
        }
        return q;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String rare(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append((char) (0x9F00 + random.nextInt(0xA0))); // a block of rare CJK characters
        return b.toString();
    }

    private String idNumber() {
        return ChineseIdNumber.withCheck(String.format("321181%04d%02d%02d%03d", 1940 + random.nextInt(60), 1 + random.nextInt(12),
                1 + random.nextInt(28), random.nextInt(1000)));
    }

    /** Writes to the console and keeps a copy. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
