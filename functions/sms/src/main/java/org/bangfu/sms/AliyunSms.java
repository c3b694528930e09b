package org.bangfu.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.bangfu.core.SmsMessage;
import org.bangfu.core.SmsSender;

/**
 * Alibaba Cloud SMS (Dysmsapi 2017-05-25, action SendSms), RPC style with signature version 1.0:
 * the parameters sorted and percent-encoded (RFC 3986), "GET&%2F&" + the encoded query, HMAC-SHA1
 * under the AccessKey secret + "&", base64, sent as Signature.
 */
final class AliyunSms implements SmsSender {
    static final String ENDPOINT = "https://dysmsapi.aliyuncs.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String accessKeyId;
    private final String accessKeySecret;
    private final String signName;
    private final Map<String, String> templateIds;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    AliyunSms(URI endpoint, String accessKeyId, String accessKeySecret, String signName, Map<String, String> templateIds, Clock clock) {
        this.endpoint = endpoint;
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
        this.signName = signName;
        this.templateIds = Map.copyOf(templateIds);
        this.clock = clock;
    }

    @Override
    public void send(SmsMessage message) {
        String templateCode = templateIds.get(message.template());
        if (templateCode == null) throw new Failed("no Alibaba template code for " + message.template() + " in SMS_TEMPLATE_IDS");
        ObjectNode params = JSON.createObjectNode();
        message.params().forEach(params::put);
        Map<String, String> q = new TreeMap<>();
        q.put("AccessKeyId", accessKeyId);
        q.put("Action", "SendSms");
        q.put("Format", "JSON");
        q.put("PhoneNumbers", phone(message.phone()));
        q.put("RegionId", "cn-hangzhou");
        q.put("SignName", signName);
        q.put("SignatureMethod", "HMAC-SHA1");
        q.put("SignatureNonce", UUID.randomUUID().toString());
        q.put("SignatureVersion", "1.0");
        q.put("TemplateCode", templateCode);
        q.put("TemplateParam", params.toString());
        q.put("Timestamp", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        q.put("Version", "2017-05-25");
        String query = canonical(q);
        String signature = sign(accessKeySecret, "GET", query);
        URI uri = URI.create(endpoint.toString().replaceAll("/+$", "") + "/?Signature=" + encode(signature) + "&" + query);
        JsonNode answer;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            answer = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new Failed("Alibaba Cloud SMS unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted", e);
        }
        if (!"OK".equals(answer.path("Code").asText())) {
            throw new Failed("Alibaba Cloud SMS refused: " + answer.path("Code").asText() + " " + answer.path("Message").asText());
        }
    }

    /** Mainland numbers as 11 digits; others with their country code, without "+". */
    static String phone(String e164) {
        return e164.startsWith("+86") ? e164.substring(3) : e164.substring(1);
    }

    static String canonical(Map<String, String> sorted) {
        StringBuilder b = new StringBuilder();
        sorted.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(encode(k)).append('=').append(encode(v)));
        return b.toString();
    }

    static String sign(String secret, String method, String canonicalQuery) {
        String toSign = method + "&" + encode("/") + "&" + encode(canonicalQuery);
        return Base64.getEncoder().encodeToString(Signing.hmac("HmacSHA1", (secret + "&").getBytes(StandardCharsets.UTF_8), toSign));
    }

    /** RFC 3986 percent-encoding, as Alibaba's signature wants it. */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
