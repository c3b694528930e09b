package org.bangfu.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bangfu.core.SmsMessage;
import org.bangfu.core.SmsSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Alibaba Cloud SMS and Amazon SNS against fake provider servers that check the request signing
 * the way the providers do (written here from their documentation, not with our signing code),
 * refuse a wrong secret, and keep what they would have sent. Tencent's: SmsOutboxTest (the local outbox).
 */
class ProvidersTest {
    private static final String KEY_ID = "LTAIexample";
    private static final String SECRET = "example-secret";
    private HttpServer server;
    private final List<Map<String, String>> sent = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    private String start(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/", handler);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static SmsSender sender(Map<String, String> settings) {
        UnaryOperator<String> s = settings::get;
        return SmsProviders.create(s);
    }

    // ---- Alibaba Cloud ------------------------------------------------------------------------

    @Test
    void alibabaCloudSmsIsSignedAsAlibabaChecksIt() throws Exception {
        String url = start(this::aliyun);
        Map<String, String> settings = Map.of("SMS_PROVIDER", "aliyun", "SMS_ENDPOINT", url, "ALIBABA_CLOUD_ACCESS_KEY_ID", KEY_ID,
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET, "SMS_SIGN_NAME", "帮扶认领", "SMS_TEMPLATE_IDS", "signin.code=SMS_100001");
        sender(settings).send(new SmsMessage("+8613812345678", "signin.code", Map.of("code", "482913")));
        assertEquals(1, sent.size(), refused.toString());
        assertEquals("13812345678", sent.get(0).get("PhoneNumbers"));
        assertEquals("SMS_100001", sent.get(0).get("TemplateCode"));
        assertEquals("{\"code\":\"482913\"}", sent.get(0).get("TemplateParam"));
        assertEquals("帮扶认领", sent.get(0).get("SignName"));

        Map<String, String> wrong = new java.util.HashMap<>(settings);
        wrong.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "not-the-secret");
        SmsSender.Failed e = assertThrows(SmsSender.Failed.class,
                () -> sender(wrong).send(new SmsMessage("+8613812345678", "signin.code", Map.of("code", "1"))));
        assertTrue(e.getMessage().contains("SignatureDoesNotMatch"), e.getMessage());
        assertEquals(1, sent.size());
    }

    private void aliyun(HttpExchange ex) throws IOException {
        Map<String, String> q = new TreeMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        String signature = q.remove("Signature");
        StringBuilder canonical = new StringBuilder();
        q.forEach((k, v) -> canonical.append(canonical.isEmpty() ? "" : "&").append(pct(k)).append('=').append(pct(v)));
        String toSign = "GET&" + pct("/") + "&" + pct(canonical.toString());
        String expected = Base64.getEncoder().encodeToString(mac("HmacSHA1", (SECRET + "&").getBytes(StandardCharsets.UTF_8), toSign));
        String answer;
        if (!KEY_ID.equals(q.get("AccessKeyId")) || !expected.equals(signature) || !"HMAC-SHA1".equals(q.get("SignatureMethod"))
                || q.get("SignatureNonce") == null || !"2017-05-25".equals(q.get("Version")) || !"SendSms".equals(q.get("Action"))) {
            refused.add(String.valueOf(q));
            answer = "{\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"Specified signature is not matched with our calculation.\"}";
            reply(ex, 400, "application/json", answer);
        } else {
            sent.add(q);
            reply(ex, 200, "application/json", "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"1\",\"RequestId\":\"r\"}");
        }
    }

    private static String pct(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    // ---- Amazon SNS ---------------------------------------------------------------------------

    @Test
    void snsPublishIsSignedWithSigV4AsAwsChecksIt() throws Exception {
        String url = start(this::sns);
        System.setProperty("aws.accessKeyId", KEY_ID);
        System.setProperty("aws.secretAccessKey", SECRET);
        try {
            Map<String, String> settings = Map.of("SMS_PROVIDER", "sns", "SMS_ENDPOINT", url, "AWS_REGION", "eu-west-1");
            sender(settings).send(new SmsMessage("+447700900123", "signin.code", Map.of("code", "590017")));
            assertEquals(1, sent.size(), refused.toString());
            assertEquals("+447700900123", sent.get(0).get("PhoneNumber"));
            assertTrue(sent.get(0).get("Message").contains("590017"), sent.toString());
            assertEquals("Transactional", sent.get(0).get("MessageAttributes.entry.1.Value.StringValue"));

            System.setProperty("aws.secretAccessKey", "not-the-secret");
            SmsSender.Failed e = assertThrows(SmsSender.Failed.class,
                    () -> sender(settings).send(new SmsMessage("+447700900123", "signin.code", Map.of("code", "1"))));
            assertTrue(e.getMessage().contains("SignatureDoesNotMatch") || e.getMessage().contains("signature"), e.getMessage());
            assertEquals(1, sent.size());
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    private void sns(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String amzDate = ex.getRequestHeaders().getFirst("X-Amz-Date");
        Map<String, String> form = new TreeMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        if (auth != null && amzDate != null && sigV4Holds(ex, body, auth, amzDate) && "Publish".equals(form.get("Action"))) {
            sent.add(form);
            reply(ex, 200, "text/xml", "<PublishResponse xmlns=\"https://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>m-1</MessageId>"
                    + "</PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>");
        } else {
            refused.add(String.valueOf(auth));
            reply(ex, 403, "text/xml", "<ErrorResponse xmlns=\"https://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type>"
                    + "<Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message>"
                    + "</Error><RequestId>r-2</RequestId></ErrorResponse>");
        }
    }

    /** AWS Signature Version 4, recomputed from the request as received. */
    private static boolean sigV4Holds(HttpExchange ex, byte[] body, String auth, String amzDate) {
        String prefix = "AWS4-HMAC-SHA256 Credential=";
        if (!auth.startsWith(prefix)) return false;
        String[] parts = auth.substring(prefix.length()).split(",\\s*");
        String credential = parts[0];
        String signedHeaders = parts[1].substring("SignedHeaders=".length());
        String signature = parts[2].substring("Signature=".length());
        String[] scope = credential.split("/"); // key/date/region/service/aws4_request
        if (scope.length != 5 || !KEY_ID.equals(scope[0]) || !"sns".equals(scope[3]) || !amzDate.startsWith(scope[1])) return false;
        StringBuilder headers = new StringBuilder();
        for (String h : signedHeaders.split(";")) {
            String v = ex.getRequestHeaders().getFirst(h);
            if (v == null) return false;
            headers.append(h).append(':').append(v.strip().replaceAll("\\s+", " ")).append('\n');
        }
        if (!List.of(signedHeaders.split(";")).contains("host")) return false;
        String canonical = ex.getRequestMethod() + "\n" + ex.getRequestURI().getRawPath() + "\n"
                + (ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery()) + "\n"
                + headers + "\n" + signedHeaders + "\n" + hex(sha256(body));
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + String.join("/", scope[1], scope[2], scope[3], scope[4]) + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] k = mac("HmacSHA256", ("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8), scope[1]);
        k = mac("HmacSHA256", k, scope[2]);
        k = mac("HmacSHA256", k, scope[3]);
        k = mac("HmacSHA256", k, "aws4_request");
        // The request must also be recent, as AWS refuses old signatures.
        Instant at = java.time.LocalDateTime.parse(amzDate, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")).toInstant(ZoneOffset.UTC);
        return Math.abs(Instant.now().getEpochSecond() - at.getEpochSecond()) < 300
                && MessageDigest.isEqual(hex(mac("HmacSHA256", k, toSign)).getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("content-type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
        ex.close();
    }

    private static byte[] mac(String alg, byte[] key, String data) {
        try {
            Mac m = Mac.getInstance(alg);
            m.init(new SecretKeySpec(key, alg));
            return m.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

}
