package org.bangfu.local;

import static org.bangfu.local.Expect.conflict;
import static org.bangfu.local.Expect.invalid;
import static org.bangfu.local.Expect.invalidExactly;
import static org.bangfu.local.Expect.notFound;
import static org.bangfu.local.Expect.notFoundByHandler;
import static org.bangfu.local.Expect.sane;
import static org.bangfu.local.Expect.status;
import static org.bangfu.local.Expect.tooLarge;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.bangfu.lambda.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Everything a careless or hostile client can put in a request body, a path or a query string:
 * each gets its exact 4xx, the field it concerns is named, nothing is ever a 5xx, and nothing is
 * written when a request is refused.
 */
class BadInputTest {
    private static Api api;
    private static Api.Village v;
    private static Api.Who helper;

    @BeforeAll
    static void start() {
        api = TestPlatform.api();
        v = api.village(Api.DONGMEN);
        helper = api.who(Api.unique("helper"), null, "helper");
    }

    private static String repeat(String s, int n) {
        return s.repeat(n);
    }

    private static ObjectNode body(String idNumber) {
        return Api.needBody(Api.DONGMEN, "MEDICAL", 2, idNumber);
    }

    private static ObjectNode with(String idNumber, Consumer<ObjectNode> change) {
        ObjectNode b = body(idNumber);
        change.accept(b);
        return b;
    }

    /** Proves no need was created for this household in MEDICAL: a valid posting for it still succeeds. */
    private static void householdStillFree(String idNumber) {
        Api.Reply ok = api.post("/api/needs", v.poster(), body(idNumber));
        status(ok, 201, "a valid posting for the household after the rejected ones (a rejected post must not have created a need)");
    }

    private static String publicJson(String id) {
        Api.Reply r = status(api.get("/api/needs/" + id, null), 200, "public read");
        return r.raw();
    }

    // ---- POST /api/needs: the body as a whole --------------------------------------------------

    @Test
    void postNeedBodyThatIsNotAJsonObject() {
        String id = Api.newIdNumber();
        String valid = Json.write(body(id));
        List<Executable> checks = new ArrayList<>();
        String[][] cases = {
                {"malformed JSON", "{\"category\":"},
                {"unquoted keys", "{category: \"MEDICAL\"}"},
                {"single quotes", "{'category':'MEDICAL'}"},
                {"JSON array", "[]"},
                {"array of the valid object", "[" + valid + "]"},
                {"JSON string", "\"hello\""},
                {"JSON number", "42"},
                {"JSON null", "null"},
                {"JSON true", "true"},
                {"whitespace only", "   \n\t "},
                {"duplicate key", "{\"title\":\"重复的标题\"," + valid.substring(1)},
                {"duplicate nested key", valid.replace("\"household\":{", "\"household\":{\"name\":\"张三\",")},
                {"trailing garbage", valid + " x"},
                {"trailing second object", valid + "{}"},
                {"trailing comma", valid.substring(0, valid.length() - 1) + ",}"},
                {"NaN number", valid.replace("\"quantity\":2", "\"quantity\":NaN")},
                {"comment", "/* hi */" + valid},
                {"number longer than the parser allows", valid.replace("\"quantity\":2", "\"quantity\":" + repeat("9", 40))},
                {"deep nesting", valid.substring(0, valid.length() - 1) + ",\"x\":" + repeat("{\"a\":", 30) + "1" + repeat("}", 30) + "}"},
        };
        for (String[] c : cases) {
            checks.add(() -> invalidExactly(api.post("/api/needs", v.poster(), c[1]), "POST needs with " + c[0], "body"));
        }
        checks.add(() -> invalidExactly(api.send("POST", "/api/needs", v.poster(), null, "application/json"), "POST needs without a body", "body"));
        checks.add(() -> invalidExactly(api.send("POST", "/api/needs", v.poster(), "", "application/json"), "POST needs with an empty body", "body"));
        assertAll(checks);
        householdStillFree(id);
    }

    @Test
    void postNeedUnknownFieldsAndWrongTypes() {
        String id = Api.newIdNumber();
        assertAll(
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("priority", 1))), "unknown top-level field", "priority"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("state", "PUBLISHED"))), "client-set state", "state"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("id", "nabcdefghjkmn"))), "client-set id", "id"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> ((ObjectNode) b.get("household")).put("email", "a@b.c"))),
                        "unknown household field", "household.email"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> ((ObjectNode) b.get("contact")).put("wechat", "abc"))),
                        "unknown contact field", "contact.wechat"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("quantity", "2"))), "string quantity", "quantity"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("quantity", true))), "boolean quantity", "quantity"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("quantity", 1.5))), "fractional quantity", "quantity"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("quantity", 2.0))), "2.0 quantity", "quantity"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("title", 12345))), "number title", "title"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.putObject("description").put("a", "b"))),
                        "object description", "description"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.putArray("category").add("MEDICAL"))),
                        "array category", "category"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("valueYuan", "300"))), "string valueYuan", "valueYuan"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("deadline", 20261231))), "number deadline", "deadline"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("areaCode", 321181001201L))), "number areaCode", "areaCode"),
                () -> invalid(api.post("/api/needs", v.poster(), with(id, b -> b.put("household", "王小明"))), "string household", "household"),
                () -> invalid(api.post("/api/needs", v.poster(), with(id, b -> b.putArray("contact").add("李书记"))), "array contact", "contact"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> ((ObjectNode) b.get("household")).put("idNumber", 320102199001011234L))),
                        "number idNumber", "household.idNumber"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> ((ObjectNode) b.get("contact")).put("phone", 13900001111L))),
                        "number contact phone", "contact.phone"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("category", "FOOD"))), "unknown category", "category"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("category", "medical"))), "lower-case category", "category"),
                () -> invalid(api.post("/api/needs", v.poster(), with(id, b -> {
                    b.put("quantity", "x");
                    b.put("title", 1);
                    b.put("priority", 1);
                })), "three problems reported together", "quantity", "title", "priority"));
        householdStillFree(id);
    }

    @Test
    void postNeedMissingFieldsAreEachNamed() {
        String id = Api.newIdNumber();
        String[] required = {"category", "title", "description", "quantity", "unit", "deadline", "areaCode",
                "household.name", "household.idNumber", "household.phone", "household.address", "contact.name", "contact.phone"};
        List<Executable> checks = new ArrayList<>();
        for (String field : required) {
            checks.add(() -> {
                ObjectNode b = body(id);
                int dot = field.indexOf('.');
                if (dot < 0) b.remove(field);
                else ((ObjectNode) b.get(field.substring(0, dot))).remove(field.substring(dot + 1));
                invalidExactly(api.post("/api/needs", v.poster(), b), "missing " + field, field);
            });
            checks.add(() -> {
                ObjectNode b = body(id);
                int dot = field.indexOf('.');
                ObjectNode parent = dot < 0 ? b : (ObjectNode) b.get(field.substring(0, dot));
                parent.putNull(dot < 0 ? field : field.substring(dot + 1));
                invalidExactly(api.post("/api/needs", v.poster(), b), "null " + field, field);
            });
        }
        for (String textField : new String[] {"title", "description", "unit"}) {
            checks.add(() -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put(textField, ""))), "empty " + textField, textField));
            checks.add(() -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put(textField, "   \n  "))), "blank " + textField, textField));
        }
        checks.add(() -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.remove("household"))), "no household",
                "household.name", "household.idNumber", "household.phone", "household.address"));
        checks.add(() -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.remove("contact"))), "no contact",
                "contact.name", "contact.phone"));
        checks.add(() -> invalidExactly(api.post("/api/needs", v.poster(), Json.object()), "empty object", required));
        assertAll(checks);
        householdStillFree(id);
    }

    @Test
    void postNeedOversizedFieldsAndBodies() {
        String id = Api.newIdNumber();
        assertAll(
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("title", repeat("a", 5000)))), "5000-char title", "title"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("title", repeat("题", 61)))), "61-char title", "title"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("title", "题"))), "1-char title", "title"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("description", repeat("述", 1001)))), "1001-char description", "description"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("description", "太短"))), "too short description", "description"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("unit", repeat("个", 11)))), "11-char unit", "unit"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> ((ObjectNode) b.get("household")).put("name", repeat("王", 31)))),
                        "31-char household name", "household.name"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> ((ObjectNode) b.get("household")).put("address", repeat("址", 121)))),
                        "121-char address", "household.address"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> ((ObjectNode) b.get("contact")).put("name", repeat("李", 31)))),
                        "31-char contact name", "contact.name"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("title", "标题\u0000带控制符"))), "NUL in title", "title"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("title", "标题\u001b[31m红色"))), "escape sequence in title", "title"),
                // over 16 KB: 413, whatever the JSON says
                () -> tooLarge(api.post("/api/needs", v.poster(), with(id, b -> b.put("description", repeat("a", 17_000)))), "17 KB description"),
                () -> tooLarge(api.post("/api/needs", v.poster(), with(id, b -> b.put("description", repeat("述", 6000)))),
                        "6000 CJK chars = 18 KB of UTF-8 (the limit is in bytes)"),
                () -> tooLarge(api.post("/api/needs", v.poster(), "[" + repeat("1,", 20_000) + "1]"), "17 KB array"),
                () -> tooLarge(api.send("POST", "/api/needs", v.poster(), "{\"category\": " + repeat(" ", 70_000) + "}", "application/json"),
                        "70 KB of whitespace"),
                () -> tooLarge(api.sendBytes("POST", "/api/needs", v.poster(), new byte[20_000], "application/octet-stream"),
                        "20 KB binary (base64 in the event)"),
                () -> status(api.sendBytes("POST", "/api/needs", v.poster(), new byte[10 * 1024 * 1024 + 1], "application/json"), 413,
                        "over the gateway's 10 MB payload limit"));
        householdStillFree(id);
    }

    @Test
    void bodyOfExactly16KbIsReadAndOneByteMoreIsNot() {
        String id = Api.newIdNumber();
        String valid = Json.write(body(id));
        int pad = 16 * 1024 - valid.getBytes(StandardCharsets.UTF_8).length;
        String exact = valid.substring(0, valid.length() - 1) + repeat(" ", pad) + "}";
        String over = valid.substring(0, valid.length() - 1) + repeat(" ", pad + 1) + "}";
        assertEquals(16 * 1024, exact.getBytes(StandardCharsets.UTF_8).length);
        tooLarge(api.post("/api/needs", v.poster(), over), "16 KB + 1 byte");
        status(api.post("/api/needs", v.poster(), exact), 201, "exactly 16 KB of valid JSON");
    }

    @Test
    void postNeedNumbersOutOfRange() {
        String id = Api.newIdNumber();
        String valid = Json.write(body(id));
        assertAll(
                () -> invalidExactly(api.post("/api/needs", v.poster(), valid.replace("\"quantity\":2", "\"quantity\":1e30")), "quantity 1e30", "quantity"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), valid.replace("\"quantity\":2", "\"quantity\":99999999999999999999")),
                        "quantity 99999999999999999999", "quantity"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), valid.replace("\"quantity\":2", "\"quantity\":2147483648")),
                        "quantity 2^31", "quantity"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), valid.replace("\"quantity\":2", "\"quantity\":-9223372036854775809")),
                        "quantity below long", "quantity"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), valid.replace("\"quantity\":2", "\"quantity\":-1")), "quantity -1", "quantity"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), valid.replace("\"quantity\":2", "\"quantity\":0")), "quantity 0", "quantity"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), valid.replace("\"quantity\":2", "\"quantity\":10001")), "quantity 10001", "quantity"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), valid.replace("\"quantity\":2", "\"quantity\":-0.0")), "quantity -0.0", "quantity"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), valid.replace("\"valueYuan\":300", "\"valueYuan\":1e30")), "valueYuan 1e30", "valueYuan"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), valid.replace("\"valueYuan\":300", "\"valueYuan\":99999999999999999999")),
                        "valueYuan 20 nines", "valueYuan"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), valid.replace("\"valueYuan\":300", "\"valueYuan\":-1")), "valueYuan -1", "valueYuan"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), valid.replace("\"valueYuan\":300", "\"valueYuan\":1000001")),
                        "valueYuan over a million", "valueYuan"));
        householdStillFree(id);
    }

    @Test
    void postNeedBadDatesAreasAndIdentity() {
        String id = Api.newIdNumber();
        String today = Api.today().toString();
        String badCheck = id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1');
        String lowerX = id.substring(0, 17) + "x";
        String feb30 = org.bangfu.core.ChineseIdNumber.withCheck("32118119900230123");
        assertAll(
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("deadline", Api.today().minusDays(1).toString()))),
                        "deadline yesterday", "deadline"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("deadline", "2000-01-01"))), "deadline in 2000", "deadline"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("deadline", "not a date"))), "deadline not a date", "deadline"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("deadline", "2026-02-30"))), "deadline 2026-02-30", "deadline"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("deadline", "2026-13-01"))), "deadline month 13", "deadline"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("deadline", today.replace('-', '/')))), "deadline with slashes", "deadline"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("deadline", today + "T00:00:00"))), "deadline with a time", "deadline"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("deadline", "+" + today))), "deadline with a sign", "deadline"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("deadline", Api.today().plusDays(367).toString()))),
                        "deadline more than a year ahead", "deadline"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("areaCode", "999999999999"))), "area that does not exist", "areaCode"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("areaCode", "321181001299"))), "unknown village", "areaCode"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("areaCode", Api.YUNYANG))), "a town, not a village", "areaCode"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("areaCode", Api.DANYANG))), "a county, not a village", "areaCode"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("areaCode", "32118100120"))), "11-digit area", "areaCode"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("areaCode", "000000000000"))), "all-zero area", "areaCode"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("areaCode", "东门村"))), "area by name", "areaCode"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> b.put("areaCode", "321181000201"))), "area skipping the town level", "areaCode"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> ((ObjectNode) b.get("household")).put("idNumber", badCheck))),
                        "ID number with a wrong check digit", "household.idNumber"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> ((ObjectNode) b.get("household")).put("idNumber", id.substring(0, 17)))),
                        "17-digit ID number", "household.idNumber"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> ((ObjectNode) b.get("household")).put("idNumber", feb30))),
                        "ID number born on Feb 30 (right check digit)", "household.idNumber"),
                () -> {
                    if (id.charAt(17) == 'X') return;
                    invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> ((ObjectNode) b.get("household")).put("idNumber", lowerX))),
                            "ID number with a lower-case x", "household.idNumber");
                },
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> ((ObjectNode) b.get("household")).put("phone", "12345"))),
                        "household phone 12345", "household.phone"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), with(id, b -> ((ObjectNode) b.get("contact")).put("phone", "1390000111a"))),
                        "contact phone with a letter", "contact.phone"));
        householdStillFree(id);
    }

    @Test
    void postNeedInvalidUtf8() {
        String id = Api.newIdNumber();
        byte[] template = Json.write(with(id, b -> b.put("title", "坏字节@@在这里"))).getBytes(StandardCharsets.UTF_8);
        List<Executable> checks = new ArrayList<>();
        byte[][] bads = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE6, (byte) 0xB5}};
        for (byte[] bad : bads) {
            byte[] bytes = replace(template, "@@".getBytes(StandardCharsets.UTF_8), bad);
            for (String type : new String[] {"application/json", "application/octet-stream", "text/plain; charset=utf-8"}) {
                checks.add(() -> invalidExactly(api.sendBytes("POST", "/api/needs", v.poster(), bytes, type),
                        "invalid UTF-8 " + java.util.HexFormat.of().formatHex(bad) + " as " + type, "body"));
            }
        }
        // a base64 event whose bytes are fine is read like any other body
        checks.add(() -> invalidExactly(api.sendBytes("POST", "/api/needs", v.poster(), "[1,2]".getBytes(StandardCharsets.UTF_8), "application/octet-stream"),
                "array as octet-stream", "body"));
        assertAll(checks);
        householdStillFree(id);
    }

    /** A lone UTF-16 surrogate written as a JSON escape is valid JSON but not a character. */
    @Test
    void loneSurrogateEscapeIsRefused() {
        String title = Json.write(body(Api.newIdNumber())).replaceFirst("\"title\":\"[^\"]*\"", "\"title\":\"坏字符\\\\ud800在这里\"");
        String addr = Json.write(body(Api.newIdNumber())).replace("东门村3组18号", "东门村\\udfff3组18号");
        assertAll(
                () -> invalidExactly(api.post("/api/needs", v.poster(), title), "lone high surrogate in title", "title"),
                () -> invalidExactly(api.post("/api/needs", v.poster(), addr), "lone low surrogate in household address", "household.address"));
    }

    private static byte[] replace(byte[] in, byte[] what, byte[] with) {
        String s = new String(in, StandardCharsets.ISO_8859_1);
        String w = new String(what, StandardCharsets.ISO_8859_1);
        int i = s.indexOf(w);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(in, 0, i);
        out.writeBytes(with);
        out.write(in, i + what.length, in.length - i - what.length);
        return out.toByteArray();
    }

    // ---- POST /api/needs/{id}/reviews ------------------------------------------------------------

    @Test
    void reviewBodies() {
        String id = api.postNeed(v, "EDUCATION", 1);
        String path = "/api/needs/" + id + "/reviews";
        Api.Who c = v.council();
        List<Executable> checks = new ArrayList<>();
        String[][] bodyCases = {
                {"malformed", "{\"decision\":"}, {"array", "[\"approve\"]"}, {"string", "\"approve\""}, {"null", "null"},
                {"duplicate decision", "{\"decision\":\"reject\",\"decision\":\"approve\"}"},
                {"trailing garbage", "{\"decision\":\"approve\"}garbage"}, {"whitespace", "  "},
        };
        for (String[] bc : bodyCases) checks.add(() -> invalidExactly(api.post(path, c, bc[1]), "review with " + bc[0], "body"));
        checks.add(() -> invalidExactly(api.send("POST", path, c, null, "application/json"), "review without body", "body"));
        checks.add(() -> invalidExactly(api.post(path, c, Json.object()), "review {}", "decision"));
        checks.add(() -> invalidExactly(api.post(path, c, Json.object().put("decision", "yes")), "decision yes", "decision"));
        checks.add(() -> invalidExactly(api.post(path, c, Json.object().put("decision", "APPROVE")), "decision upper case", "decision"));
        checks.add(() -> invalidExactly(api.post(path, c, Json.object().put("decision", 1)), "decision 1", "decision"));
        checks.add(() -> invalidExactly(api.post(path, c, Json.object().put("decision", true)), "decision true", "decision"));
        checks.add(() -> invalidExactly(api.post(path, c, Json.object().put("decision", "approve").put("comment", "好")), "unknown field", "comment"));
        checks.add(() -> invalidExactly(api.post(path, c, Json.object().put("decision", "approve").put("role", "helper")), "role helper", "role"));
        checks.add(() -> invalidExactly(api.post(path, c, Json.object().put("decision", "approve").put("role", "admin")), "role admin", "role"));
        checks.add(() -> invalidExactly(api.post(path, c, Json.object().put("decision", "approve").put("role", 5)), "role number", "role"));
        checks.add(() -> invalidExactly(api.post(path, c, Json.object().put("decision", "approve").put("reason", 5)), "reason number", "reason"));
        checks.add(() -> invalidExactly(api.post(path, c, Json.object().put("decision", "reject")), "reject without reason", "reason"));
        checks.add(() -> invalidExactly(api.post(path, c, Json.object().put("decision", "reject").put("reason", "坏")), "reject 1-char reason", "reason"));
        checks.add(() -> invalidExactly(api.post(path, c, Json.object().put("decision", "reject").put("reason", "   ")), "reject blank reason", "reason"));
        checks.add(() -> invalidExactly(api.post(path, c, Json.object().put("decision", "reject").put("reason", repeat("因", 201))), "reject 201-char reason", "reason"));
        checks.add(() -> invalidExactly(api.post(path, c, Json.object().put("decision", "approve").put("reason", repeat("a", 5000))), "approve with 5000-char note", "reason"));
        checks.add(() -> tooLarge(api.post(path, c, Json.object().put("decision", "approve").put("reason", repeat("a", 17_000))), "17 KB review"));
        checks.add(() -> invalidExactly(api.sendBytes("POST", path, c, new byte[] {'{', (byte) 0xFF, '}'}, "application/json"), "invalid UTF-8 review", "body"));
        checks.add(() -> invalidExactly(api.sendBytes("POST", path, c, new byte[] {'{', (byte) 0xFF, '}'}, "application/octet-stream"), "invalid UTF-8 review (base64)", "body"));
        assertAll(checks);
        // none of that recorded a review: the council can still approve, and the need still waits for the volunteer
        Api.Reply ok = status(api.post(path, c, Json.object().put("decision", "approve")), 200, "the council's real review");
        assertEquals("PENDING_REVIEW", ok.body().path("need").path("state").asText(), ok::toString);
        assertEquals(false, ok.body().path("need").path("reviews").path("volunteer").asBoolean(), ok::toString);
    }

    // ---- POST /api/needs/{id}/claims -----------------------------------------------------------

    @Test
    void claimBodies() {
        String id = api.publishedNeed(v, "DISABILITY", 5);
        String path = "/api/needs/" + id + "/claims";
        String before = publicJson(id);
        List<Executable> checks = new ArrayList<>();
        String[][] bodyCases = {
                {"malformed", "{\"quantity\":"}, {"array", "[1]"}, {"string", "\"1\""}, {"number", "1"}, {"null", "null"},
                {"duplicate quantity", "{\"quantity\":1,\"quantity\":5}"}, {"trailing garbage", "{\"quantity\":1} ]"},
                {"NaN", "{\"quantity\":NaN}"}, {"Infinity", "{\"quantity\":Infinity}"}, {"hex", "{\"quantity\":0x1}"},
                {"leading zero", "{\"quantity\":01}"}, {"plus sign", "{\"quantity\":+1}"},
        };
        for (String[] bc : bodyCases) checks.add(() -> invalidExactly(api.post(path, helper, bc[1]), "claim with " + bc[0], "body"));
        checks.add(() -> invalidExactly(api.post(path, helper, Json.object().put("quantity", 1).put("note", "x")), "unknown field", "note"));
        checks.add(() -> invalidExactly(api.post(path, helper, Json.object().put("quantity", "1")), "string quantity", "quantity"));
        checks.add(() -> invalidExactly(api.post(path, helper, Json.object().put("quantity", 0)), "quantity 0", "quantity"));
        checks.add(() -> invalidExactly(api.post(path, helper, Json.object().put("quantity", -1)), "quantity -1", "quantity"));
        checks.add(() -> invalidExactly(api.post(path, helper, Json.object().put("quantity", Integer.MIN_VALUE)), "quantity MIN_INT", "quantity"));
        checks.add(() -> invalidExactly(api.post(path, helper, Json.object().put("quantity", 1.5)), "quantity 1.5", "quantity"));
        checks.add(() -> invalidExactly(api.post(path, helper, "{\"quantity\":1e30}"), "quantity 1e30", "quantity"));
        checks.add(() -> invalidExactly(api.post(path, helper, "{\"quantity\":99999999999999999999}"), "quantity 20 nines", "quantity"));
        checks.add(() -> invalidExactly(api.post(path, helper, "{\"quantity\":-99999999999999999999}"), "quantity -20 nines", "quantity"));
        checks.add(() -> invalidExactly(api.post(path, helper, Json.object().put("quantity", 10_001)), "quantity 10001", "quantity"));
        checks.add(() -> invalidExactly(api.post(path, helper, Json.object().set("quantity", Json.object())), "object quantity", "quantity"));
        checks.add(() -> conflict(api.post(path, helper, Json.object().put("quantity", 6)), "PUBLISHED", "claim more than remains"));
        checks.add(() -> conflict(api.post(path, helper, Json.object().put("quantity", 10_000)), "PUBLISHED", "claim 10000 of 5"));
        checks.add(() -> tooLarge(api.post(path, helper, "{\"quantity\":1" + repeat(" ", 17_000) + "}"), "17 KB claim"));
        checks.add(() -> invalidExactly(api.sendBytes("POST", path, helper, new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}, "application/json"),
                "invalid UTF-8 claim", "body"));
        checks.add(() -> invalidExactly(api.sendBytes("POST", path, helper, new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}, "application/octet-stream"),
                "invalid UTF-8 claim (base64)", "body"));
        assertAll(checks);
        assertEquals(before, publicJson(id), "a refused claim changed the need");
    }

    // ---- delivered / confirm / release ----------------------------------------------------------

    @Test
    void claimStepBodies() {
        String id = api.publishedNeed(v, "HOME_IMPROVEMENT", 3);
        Api.Reply claim = status(api.post("/api/needs/" + id + "/claims", helper, Json.object().put("quantity", 2)), 201, "claim");
        String claimId = claim.body().path("claim").path("id").asText();
        String base = "/api/needs/" + id + "/claims/" + claimId;
        String before = publicJson(id);
        List<Executable> checks = new ArrayList<>();
        for (String[] route : new String[][] {{"POST", base + "/delivered"}, {"POST", base + "/confirm"}, {"DELETE", base}}) {
            String m = route[0];
            String p = route[1];
            Api.Who who = p.endsWith("/confirm") ? v.admin() : helper;
            String[][] bodyCases = {
                    {"malformed", "{\"note\":"}, {"array", "[]"}, {"string", "\"done\""}, {"null", "null"}, {"number", "7"},
                    {"duplicate key", "{\"x\":1,\"x\":2}"}, {"trailing garbage", "{} {}"},
            };
            for (String[] bc : bodyCases) {
                checks.add(() -> invalidExactly(api.send(m, p, who, bc[1], "application/json"), m + " " + p + " with " + bc[0], "body"));
            }
            checks.add(() -> invalid(api.send(m, p, who, "{\"bogus\":\"x\"}", "application/json"), m + " " + p + " unknown field", "bogus"));
            checks.add(() -> tooLarge(api.send(m, p, who, "{\"note\":\"" + repeat("a", 17_000) + "\"}", "application/json"), m + " " + p + " 17 KB"));
            checks.add(() -> invalidExactly(api.sendBytes(m, p, who, new byte[] {'{', (byte) 0xFE, '}'}, "application/json"), m + " " + p + " bad UTF-8", "body"));
            checks.add(() -> invalidExactly(api.sendBytes(m, p, who, new byte[] {'{', (byte) 0xFE, '}'}, "application/octet-stream"),
                    m + " " + p + " bad UTF-8 (base64)", "body"));
        }
        String d = base + "/delivered";
        checks.add(() -> invalidExactly(api.post(d, helper, Json.object()), "delivered without a note", "note"));
        checks.add(() -> invalidExactly(api.send("POST", d, helper, null, null), "delivered without a body", "note"));
        checks.add(() -> invalidExactly(api.post(d, helper, Json.object().put("note", "   ")), "blank note", "note"));
        checks.add(() -> invalidExactly(api.post(d, helper, Json.object().put("note", 42)), "number note", "note"));
        checks.add(() -> invalidExactly(api.post(d, helper, Json.object().put("note", repeat("注", 501))), "501-char note", "note"));
        checks.add(() -> invalidExactly(api.post(d, helper, Json.object().put("note", "已送到").put("photoRef", repeat("p", 301))), "301-char photoRef", "photoRef"));
        checks.add(() -> invalidExactly(api.post(d, helper, Json.object().put("note", "已送到").put("photoRef", "")), "empty photoRef", "photoRef"));
        checks.add(() -> invalidExactly(api.post(d, helper, Json.object().put("note", "已送到").set("photoRef", Json.array())), "array photoRef", "photoRef"));
        checks.add(() -> invalidExactly(api.post(base + "/confirm", v.admin(), Json.object().put("note", "ok")), "confirm takes no fields", "note"));
        checks.add(() -> invalidExactly(api.delete(base, helper, Json.object().put("reason", 1)), "number reason", "reason"));
        checks.add(() -> invalidExactly(api.delete(base, helper, Json.object().put("reason", repeat("因", 201))), "201-char reason", "reason"));
        assertAll(checks);
        assertEquals(before, publicJson(id), "a refused claim step changed the need");
        // the claim is still active: the helper can still deliver it
        Api.Reply ok = status(api.post(d, helper, Json.object().put("note", "轮椅已送到")), 200, "the real delivery");
        assertEquals("DELIVERED", ok.body().path("claim").path("state").asText(), ok::toString);
    }

    // ---- ids in paths ------------------------------------------------------------------------

    @Test
    void unknownAndMalformedNeedAndClaimIds() {
        String id = api.publishedNeed(v, "INSURANCE", 2);
        Api.Reply claim = status(api.post("/api/needs/" + id + "/claims", helper, Json.object().put("quantity", 1)), 201, "claim");
        String claimId = claim.body().path("claim").path("id").asText();
        String other = api.publishedNeed(v, "EMPLOYMENT", 2);
        Api.Reply otherClaim = status(api.post("/api/needs/" + other + "/claims", helper, Json.object().put("quantity", 1)), 201, "claim");
        String otherClaimId = otherClaim.body().path("claim").path("id").asText();
        String before = publicJson(id);

        String absentNeed = "nabcdefghjkmn";
        String absentClaim = "cabcdefghjkmn";
        String[] badIds = {
                "..%2F..%2Fetc", "..%2F..%2Fetc%2Fpasswd", repeat("n", 500), "n" + repeat("a", 499), "NABCDEFGHJKMN", "nabcdefghjkm",
                "nabcdefghjkmnp", "nabcdefghjkm1", "nabcdefghjkm%00", "n%E6%B5%8B%E8%AF%95abcdefghij", "%20", "null", "undefined",
                "%27%20OR%201%3D1%20--", "nabc%2Fdefghjkm",
                "%E6%B5", "n%C0%AF%C0%AFabcdefghj", "%EF%BF%BD"};
        List<Executable> checks = new ArrayList<>();
        // well-formed but absent
        checks.add(() -> notFoundByHandler(api.get("/api/needs/" + absentNeed, null), "GET absent need"));
        checks.add(() -> notFoundByHandler(api.post("/api/needs/" + absentNeed + "/reviews", v.council(), Json.object().put("decision", "approve")), "review absent need"));
        checks.add(() -> notFoundByHandler(api.post("/api/needs/" + absentNeed + "/claims", helper, Json.object()), "claim absent need"));
        checks.add(() -> notFoundByHandler(api.post("/api/needs/" + absentNeed + "/claims/" + claimId + "/delivered", helper, Json.object().put("note", "好")),
                "deliver on absent need"));
        checks.add(() -> notFoundByHandler(api.post("/api/needs/" + absentNeed + "/claims/" + claimId + "/confirm", v.admin(), Json.object()), "confirm on absent need"));
        checks.add(() -> notFoundByHandler(api.delete("/api/needs/" + absentNeed + "/claims/" + claimId, helper, null), "release on absent need"));
        // absent claim, and a claim of another need
        for (String c : new String[] {absentClaim, otherClaimId}) {
            String base = "/api/needs/" + id + "/claims/" + c;
            checks.add(() -> notFoundByHandler(api.post(base + "/delivered", helper, Json.object().put("note", "已送到")), "deliver claim " + c));
            checks.add(() -> notFoundByHandler(api.post(base + "/confirm", v.admin(), Json.object()), "confirm claim " + c));
            checks.add(() -> notFoundByHandler(api.delete(base, helper, null), "release claim " + c));
        }
        for (String bad : badIds) {
            checks.add(() -> notFound(api.get("/api/needs/" + bad, null), "GET need " + bad));
            checks.add(() -> notFound(api.post("/api/needs/" + bad + "/reviews", v.council(), Json.object().put("decision", "approve")), "review " + bad));
            checks.add(() -> notFound(api.post("/api/needs/" + bad + "/claims", helper, Json.object()), "claim " + bad));
            checks.add(() -> notFound(api.post("/api/needs/" + id + "/claims/" + bad + "/delivered", helper, Json.object().put("note", "已送到")),
                    "deliver claim " + bad));
            checks.add(() -> notFound(api.post("/api/needs/" + id + "/claims/" + bad + "/confirm", v.admin(), Json.object()), "confirm claim " + bad));
            checks.add(() -> notFound(api.delete("/api/needs/" + id + "/claims/" + bad, helper, null), "release claim " + bad));
        }
        // a claim id where a need id goes, and a need id where a claim id goes
        checks.add(() -> notFoundByHandler(api.get("/api/needs/" + claimId, null), "GET need by a claim id"));
        checks.add(() -> notFoundByHandler(api.post("/api/needs/" + claimId + "/claims", helper, Json.object()), "claim by a claim id"));
        checks.add(() -> notFoundByHandler(api.post("/api/needs/" + id + "/claims/" + id + "/delivered", helper, Json.object().put("note", "已送到")),
                "deliver with the need id as claim id"));
        checks.add(() -> notFoundByHandler(api.delete("/api/needs/" + id + "/claims/" + id, helper, null), "release with the need id as claim id"));
        // raw ../ in the path: no route matches, the gateway says 404
        checks.add(() -> notFound(api.get("/api/needs/../../etc/passwd", null), "raw ../ path"));
        assertAll(checks);
        assertEquals(before, publicJson(id), "the need changed");
        Api.Reply mine = status(api.get("/api/me", helper), 200, "me");
        for (JsonNode c : mine.body().path("claims")) {
            if (c.path("id").asText().equals(claimId) || c.path("id").asText().equals(otherClaimId)) {
                assertEquals("ACTIVE", c.path("state").asText(), "claim touched through a wrong path: " + c);
            }
        }
    }

    /** Escapes the JDK's URI class refuses to build: the HTTP server itself must answer 4xx, never reach a 500. */
    @Test
    void malformedPercentEscapeInPathIsNot500() throws Exception {
        assertAll(
                () -> assertRaw4xx("GET", "/api/needs/%zz", null),
                () -> assertRaw4xx("GET", "/api/needs/n%", null),
                () -> assertRaw4xx("POST", "/api/needs/%E6%B5%zz/claims", helper),
                () -> assertRaw4xx("DELETE", "/api/needs/nabcdefghjkmn/claims/%%", helper));
    }

    /** Sends a request line the JDK's URI class would refuse to build, over a plain socket. */
    private static void assertRaw4xx(String method, String rawPath, Api.Who who) throws Exception {
        java.net.URI base = java.net.URI.create(api.base());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            String req = method + " " + rawPath + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nConnection: close\r\n"
                    + (who == null ? "" : "Authorization: Bearer " + who.token() + "\r\n") + "Content-Length: 0\r\n\r\n";
            socket.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String statusLine = response.lines().findFirst().orElse("");
            int code = Integer.parseInt(statusLine.split(" ")[1]);
            assertTrue(code >= 400 && code < 500, () -> method + " " + rawPath + ": " + response);
        }
    }

    // ---- GET /api/needs query parameters -------------------------------------------------------

    @Test
    void listingQueryParameters() {
        String area = Api.DONGMEN;
        String forgedShape = Base64.getUrlEncoder().withoutPadding().encodeToString("not-a-sort-key".getBytes(StandardCharsets.UTF_8));
        List<Executable> checks = new ArrayList<>();
        String[][] bad = {
                {"category=FOOD", "category"}, {"category=medical", "category"}, {"category=%E5%8A%A9", "category"},
                {"area=abc", "area"}, {"area=999999999999", "area"}, {"area=32118100120", "area"}, {"area=000000000000", "area"},
                {"area=321181001299", "area"},
                {"limit=0", "limit"}, {"limit=51", "limit"}, {"limit=abc", "limit"}, {"limit=-1", "limit"}, {"limit=1.5", "limit"},
                {"limit=99999999999999999999", "limit"}, {"limit=%201", "limit"},
                {"cursor=garbage!!", "cursor"}, {"cursor=" + forgedShape, "cursor"}, {"cursor=" + repeat("A", 2000), "cursor"},
                {"cursor=%00", "cursor"}, {"text=" + repeat("%E5%AD%97", 31), "text"},
        };
        for (String[] b : bad) {
            checks.add(() -> invalidExactly(api.get("/api/needs?" + b[0], null), "GET /api/needs?" + b[0], b[1]));
        }
        // still a listing when the parameters are fine, or empty, or unknown (WeChat appends its own)
        for (String ok : new String[] {"", "?category=MEDICAL", "?category=%E5%8A%A9%E5%8C%BB", "?area=" + area, "?area=" + Api.DANYANG,
                "?limit=1", "?limit=50", "?limit=", "?from=singlemessage&isappinstalled=0", "?text=%27%22%3B--", "?text=%25", "?cursor="}) {
            checks.add(() -> {
                Api.Reply r = status(api.get("/api/needs" + ok, null), 200, "GET /api/needs" + ok);
                assertTrue(r.body().path("items").isArray(), r::toString);
            });
        }
        assertAll(checks);
    }

    /** A cursor with the right shape but made up, inside the listing's own range: an ordinary page or a 400. */
    @Test
    void forgedCursorWithTheRightShape() {
        List<Executable> checks = new ArrayList<>();
        String[][] cases = {
                {Api.DONGMEN + "#2026-01-01#nabcdefghjkmn", "?area=" + Api.DONGMEN + "&cursor="},
                {Api.DONGMEN + "#2026-01-01#nabcdefghjkmn", "?category=MEDICAL&area=" + Api.DONGMEN + "&cursor="},
                {Api.DONGMEN + "#2026-01-01#nabcdefghjkmn", "?cursor="},
                {Api.MIANDU + "#2026-01-01#nabcdefghjkmn", "?cursor="},
                {"999999999999#9999-99-99#n000000000000", "?cursor="},
                {"999999999999#9999-99-99#n000000000000", "?category=EDUCATION&cursor="},
        };
        for (String[] c : cases) {
            String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(c[0].getBytes(StandardCharsets.UTF_8));
            checks.add(() -> {
                Api.Reply r = sane(api.get("/api/needs" + c[1] + cursor, null), "forged cursor " + c[0] + " with " + c[1]);
                assertTrue(r.status() == 200 || r.status() == 400, () -> "forged cursor " + c[0] + " " + c[1] + ": " + r);
                if (r.status() == 400) invalidExactly(r, "forged cursor", "cursor");
            });
        }
        assertAll(checks);
    }

    /**
     * A cursor from one listing used on another (a stale link, a client that keeps the cursor when
     * the filter changes) or forged with a valid shape outside the filter: 400 naming "cursor".
     */
    @Test
    void cursorOutsideTheListingsRangeIs400() {
        Api.Village ximen = api.village(Api.XIMEN);
        api.publishedNeed(ximen, "MEDICAL", 1);
        api.publishedNeed(ximen, "MEDICAL", 1);
        Api.Reply first = status(api.get("/api/needs?area=" + Api.XIMEN + "&limit=1", null), 200, "first XIMEN page");
        String realCursor = first.body().path("next").asText();
        assertTrue(!realCursor.isEmpty() && !first.body().path("next").isNull(), first::toString);
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((Api.MIANDU + "#2026-01-01#nabcdefghjkmn").getBytes(StandardCharsets.UTF_8));
        String queueForged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((Api.MIANDU + "#2026-01-01T00:00:00.000Z#nabcdefghjkmn").getBytes(StandardCharsets.UTF_8));
        assertAll(
                () -> invalidExactly(api.get("/api/needs?area=" + Api.DONGMEN + "&cursor=" + realCursor, null),
                        "a real XIMEN cursor on the DONGMEN listing", "cursor"),
                () -> invalidExactly(api.get("/api/needs?area=" + Api.DONGMEN + "&cursor=" + forged, null),
                        "a forged MIANDU cursor on the DONGMEN listing", "cursor"),
                () -> invalidExactly(api.get("/api/needs?category=MEDICAL&area=" + Api.DONGMEN + "&cursor=" + forged, null),
                        "a forged MIANDU cursor on the DONGMEN MEDICAL listing", "cursor"),
                () -> invalidExactly(api.get("/api/review-queue?cursor=" + queueForged, v.council()),
                        "a forged MIANDU cursor on a DONGMEN review queue", "cursor"));
    }

    @Test
    void reviewQueueQueryParameters() {
        Api.Who c = v.council();
        assertAll(
                () -> invalidExactly(api.get("/api/review-queue?area=abc", c), "queue area=abc", "area"),
                () -> invalidExactly(api.get("/api/review-queue?role=helper", c), "queue role=helper", "role"),
                () -> invalidExactly(api.get("/api/review-queue?limit=0", c), "queue limit=0", "limit"),
                () -> invalidExactly(api.get("/api/review-queue?limit=51", c), "queue limit=51", "limit"),
                () -> invalidExactly(api.get("/api/review-queue?limit=abc", c), "queue limit=abc", "limit"),
                () -> invalidExactly(api.get("/api/review-queue?cursor=garbage", c), "queue forged cursor", "cursor"),
                () -> status(api.get("/api/review-queue?limit=50&from=timeline", c), 200, "queue with an unknown parameter"));
    }

    // ---- a rejected request never changes a need ------------------------------------------------

    @Test
    void neverAChangedNeedAfterARejectedRequest() {
        String id = api.publishedNeed(v, "DAILY_LIVING", 4);
        String before = publicJson(id);
        Api.Who poster = v.poster();
        Api.Who outsider = api.who(Api.unique("helper"), Api.MIANDU, "helper");
        Api.Who forged = new Api.Who("x", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.AAAA");
        String c = "/api/needs/" + id + "/claims";
        List<Api.Reply> replies = new ArrayList<>(List.of(
                api.post(c, helper, "{\"quantity\":"),
                api.post(c, helper, "[{\"quantity\":1}]"),
                api.post(c, helper, "{\"quantity\":1,\"quantity\":1}"),
                api.post(c, helper, "{\"quantity\":1} trailing"),
                api.post(c, helper, "{\"quantity\":0}"),
                api.post(c, helper, "{\"quantity\":-3}"),
                api.post(c, helper, "{\"quantity\":5}"),
                api.post(c, helper, "{\"quantity\":1e30}"),
                api.post(c, helper, "{\"quantity\":\"4\"}"),
                api.post(c, helper, "{\"quantity\":1,\"helperId\":\"someone\"}"),
                api.post(c, helper, "{\"quantity\":1" + repeat(" ", 17_000) + "}"),
                api.sendBytes("POST", c, helper, new byte[] {'{', (byte) 0xFF, '}'}, "application/octet-stream"),
                api.post(c, null, Json.object().put("quantity", 1)),
                api.post(c, forged, Json.object().put("quantity", 1)),
                api.post(c, poster, Json.object().put("quantity", 1)),
                api.post(c, v.council(), Json.object().put("quantity", 1)),
                api.post("/api/needs/" + id + "/reviews", v.council(), Json.object().put("decision", "reject").put("reason", "理由充分")),
                api.post("/api/needs/" + id + "/reviews", outsider, Json.object().put("decision", "reject").put("reason", "理由充分")),
                api.post("/api/needs/" + id + "/reviews", v.volunteer(), "{\"decision\":\"reject\"}"),
                api.post(c + "/cabcdefghjkmn/delivered", helper, Json.object().put("note", "好")),
                api.post(c + "/cabcdefghjkmn/confirm", v.admin(), Json.object()),
                api.delete(c + "/cabcdefghjkmn", v.admin(), null),
                api.post("/api/needs", poster, with(Api.newIdNumber(), b -> b.put("id", id)))));
        for (Api.Reply r : replies) {
            sane(r, "bad request");
            assertTrue(r.status() >= 400 && r.status() < 500, () -> "a bad request was accepted: " + r);
        }
        assertEquals(before, publicJson(id), "a rejected request changed the need");
        assertTrue(api.listAll("?area=" + Api.DONGMEN + "&category=DAILY_LIVING").stream().anyMatch(n -> n.path("id").asText().equals(id)
                && n.path("remaining").asInt() == 4), "the need is still listed with all 4 remaining");
    }
}
