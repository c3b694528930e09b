package org.bangfu.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bangfu.lambda.Json;
import org.bangfu.core.SmsTemplates;

/**
 * The local SMS outbox: a stand-in for Tencent Cloud SMS on its own port. The functions send
 * through the real provider code (SMS_PROVIDER=tencent, SMS_ENDPOINT pointing here); this server
 * checks the TC3-HMAC-SHA256 signature as Tencent would, keeps what would have been sent, and
 * the gateway shows it at GET /api/dev/sms. Local only: nothing of it is in template.yaml.
 */
public final class SmsOutbox implements AutoCloseable {
    static final String SECRET_ID = "AKIDlocal";
    static final String SECRET_KEY = "local-secret-key";
    static final String APP_ID = "1400000000";
    private static final int KEEP = 500;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final Deque<ObjectNode> sent = new ArrayDeque<>();
    private final Map<String, String> templateByTencentId = new LinkedHashMap<>();
    private final Map<String, String> tencentIdByTemplate = new LinkedHashMap<>();
    private final HttpServer server;
    private volatile int refused;

    private SmsOutbox(HttpServer server) {
        this.server = server;
        int n = 100001;
        for (String name : SmsTemplates.bundled().names()) {
            String id = Integer.toString(n++);
            templateByTencentId.put(id, name);
            tencentIdByTemplate.put(name, id);
        }
    }

    public static SmsOutbox start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        SmsOutbox outbox = new SmsOutbox(server);
        server.createContext("/", outbox::serve);
        server.start();
        return outbox;
    }

    /** The settings that point the functions' SMS provider here. */
    public Map<String, String> settings() {
        StringBuilder ids = new StringBuilder();
        tencentIdByTemplate.forEach((name, id) -> ids.append(ids.isEmpty() ? "" : ";").append(name).append('=').append(id));
        return Map.of("SMS_PROVIDER", "tencent", "SMS_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort(),
                "TENCENTCLOUD_SECRET_ID", SECRET_ID, "TENCENTCLOUD_SECRET_KEY", SECRET_KEY, "SMS_APP_ID", APP_ID,
                "SMS_SIGN_NAME", "帮扶认领", "SMS_REGION", "ap-guangzhou", "SMS_TEMPLATE_IDS", ids.toString());
    }

    /** What would have been sent, newest first; only to {@code phone} when given. */
    public synchronized ArrayNode messages(String phone) {
        ArrayNode out = Json.array();
        // Asked as a person types it (13812345678), stored as sent (E.164).
        String wanted = phone == null ? null : org.bangfu.core.Phone.parse(phone).orElse(phone);
        for (ObjectNode m : sent) {
            if (wanted == null || wanted.equals(m.path("phone").asText())) out.add(m);
        }
        return out;
    }

    /** Requests refused for a bad signature or body (a test's proof that the signing is checked). */
    public int refused() {
        return refused;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            ObjectNode answer = Json.object();
            ObjectNode response = answer.putObject("Response");
            response.put("RequestId", java.util.UUID.randomUUID().toString());
            String problem = check(ex, body);
            JsonNode req = null;
            if (problem == null) {
                try {
                    req = Json.parse(body);
                } catch (IOException e) {
                    problem = "InvalidParameter";
                }
            }
            String template = req == null ? null : templateByTencentId.get(req.path("TemplateId").asText());
            if (problem == null && (template == null || !APP_ID.equals(req.path("SmsSdkAppId").asText())
                    || req.path("SignName").asText().isEmpty())) {
                problem = "FailedOperation.TemplateIncorrectOrUnapproved";
            }
            if (problem != null) {
                refused++;
                response.putObject("Error").put("Code", problem).put("Message", "refused by the local outbox");
            } else {
                List<String> names = SmsTemplates.bundled().placeholders(template);
                ArrayNode statuses = response.putArray("SendStatusSet");
                for (JsonNode phone : req.path("PhoneNumberSet")) {
                    Map<String, String> params = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) params.put(names.get(i), req.path("TemplateParamSet").path(i).asText(""));
                    ObjectNode m = Json.object();
                    m.put("phone", phone.asText());
                    m.put("template", template);
                    ObjectNode p = m.putObject("params");
                    params.forEach(p::put);
                    m.put("text", "【" + req.path("SignName").asText() + "】" + SmsTemplates.bundled().render(template, params));
                    m.put("at", Instant.now().toString());
                    synchronized (this) {
                        sent.addFirst(m);
                        while (sent.size() > KEEP) sent.removeLast();
                    }
                    statuses.addObject().put("SerialNo", java.util.UUID.randomUUID().toString()).put("PhoneNumber", phone.asText())
                            .put("Code", "Ok").put("Message", "send success");
                }
            }
            byte[] out = Json.write(answer).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("content-type", "application/json");
            ex.sendResponseHeaders(200, out.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(out);
            }
        }
    }

    /** Tencent's own check of a TC3-HMAC-SHA256 request, written from its documentation; null when it holds. */
    static String check(HttpExchange ex, String body) {
        var h = ex.getRequestHeaders();
        String auth = h.getFirst("Authorization");
        String ts = h.getFirst("X-TC-Timestamp");
        String action = h.getFirst("X-TC-Action");
        String contentType = h.getFirst("Content-Type");
        String host = h.getFirst("Host");
        if (auth == null || ts == null || action == null || contentType == null || host == null) return "MissingParameter";
        if (!"SendSms".equals(action) || !"2021-01-11".equals(h.getFirst("X-TC-Version"))) return "InvalidAction";
        long timestamp;
        try {
            timestamp = Long.parseLong(ts);
        } catch (NumberFormatException e) {
            return "InvalidParameter";
        }
        if (Math.abs(Instant.now().getEpochSecond() - timestamp) > 300) return "AuthFailure.SignatureExpire";
        String date = DATE.format(Instant.ofEpochSecond(timestamp));
        String expectedPrefix = "TC3-HMAC-SHA256 Credential=" + SECRET_ID + "/" + date + "/sms/tc3_request, SignedHeaders=";
        if (!auth.startsWith(expectedPrefix)) return "AuthFailure.SecretIdNotFound";
        String rest = auth.substring(expectedPrefix.length());
        int comma = rest.indexOf(", Signature=");
        if (comma < 0) return "AuthFailure.InvalidAuthorization";
        String[] signed = rest.substring(0, comma).split(";");
        String signature = rest.substring(comma + ", Signature=".length());
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signed) {
            String v = h.getFirst(name);
            if (v == null) return "AuthFailure.InvalidAuthorization";
            canonicalHeaders.append(name).append(':').append(name.equals("x-tc-action") ? v.toLowerCase(java.util.Locale.ROOT) : v.strip()).append('\n');
        }
        if (!List.of(signed).containsAll(List.of("content-type", "host"))) return "AuthFailure.InvalidAuthorization";
        String canonical = ex.getRequestMethod() + "\n" + ex.getRequestURI().getRawPath() + "\n"
                + (ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery()) + "\n"
                + canonicalHeaders + "\n" + String.join(";", signed) + "\n" + sha256(body);
        String toSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + date + "/sms/tc3_request\n" + sha256(canonical);
        byte[] k = hmac(("TC3" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, "sms");
        k = hmac(k, "tc3_request");
        String expected = HexFormat.of().formatHex(hmac(k, toSign));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8))
                ? null : "AuthFailure.SignatureFailure";
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
