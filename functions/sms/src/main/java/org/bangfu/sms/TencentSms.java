package org.bangfu.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import org.bangfu.core.SmsMessage;
import org.bangfu.core.SmsSender;
import org.bangfu.core.SmsTemplates;

/**
 * Tencent Cloud SMS, API 3.0 action SendSms (version 2021-01-11), signed with TC3-HMAC-SHA256:
 * a canonical request over content-type, host and x-tc-action and the body's SHA-256, a key
 * derived from the secret key by date, service and "tc3_request".
 */
final class TencentSms implements SmsSender {
    static final String ENDPOINT = "https://sms.tencentcloudapi.com";
    static final String SERVICE = "sms";
    static final String VERSION = "2021-01-11";
    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final URI endpoint;
    private final String secretId;
    private final String secretKey;
    private final String appId;
    private final String signName;
    private final String region;
    private final Map<String, String> templateIds;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Clock clock;

    TencentSms(URI endpoint, String secretId, String secretKey, String appId, String signName, String region,
               Map<String, String> templateIds) {
        this(endpoint, secretId, secretKey, appId, signName, region, templateIds, Clock.systemUTC());
    }

    TencentSms(URI endpoint, String secretId, String secretKey, String appId, String signName, String region,
               Map<String, String> templateIds, Clock clock) {
        this.endpoint = endpoint;
        this.secretId = secretId;
        this.secretKey = secretKey;
        this.appId = appId;
        this.signName = signName;
        this.region = region;
        this.templateIds = Map.copyOf(templateIds);
        this.clock = clock;
    }

    @Override
    public void send(SmsMessage message) {
        String templateId = templateIds.get(message.template());
        if (templateId == null) throw new Failed("no Tencent template id for " + message.template() + " in SMS_TEMPLATE_IDS");
        ObjectNode body = JSON.createObjectNode();
        body.putArray("PhoneNumberSet").add(message.phone());
        body.put("SmsSdkAppId", appId);
        body.put("SignName", signName);
        body.put("TemplateId", templateId);
        var params = body.putArray("TemplateParamSet");
        for (String name : SmsTemplates.bundled().placeholders(message.template())) params.add(message.params().getOrDefault(name, ""));
        String payload = body.toString();
        long timestamp = Instant.now(clock).getEpochSecond();
        String host = endpoint.getAuthority();
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/")).timeout(Duration.ofSeconds(5))
                .header("Content-Type", CONTENT_TYPE)
                .header("X-TC-Action", "SendSms")
                .header("X-TC-Version", VERSION)
                .header("X-TC-Region", region)
                .header("X-TC-Timestamp", Long.toString(timestamp))
                .header("Authorization", authorization(secretId, secretKey, host, "SendSms", payload, timestamp))
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build();
        JsonNode answer;
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            answer = JSON.readTree(r.body()).path("Response");
        } catch (IOException e) {
            throw new Failed("Tencent Cloud SMS unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted", e);
        }
        if (answer.has("Error")) {
            throw new Failed("Tencent Cloud SMS refused: " + answer.path("Error").path("Code").asText() + " "
                    + answer.path("Error").path("Message").asText());
        }
        JsonNode status = answer.path("SendStatusSet").path(0);
        if (!"Ok".equalsIgnoreCase(status.path("Code").asText())) {
            throw new Failed("Tencent Cloud SMS did not send: " + status.path("Code").asText() + " " + status.path("Message").asText());
        }
    }

    /** The Authorization header of TC3-HMAC-SHA256 (signed headers: content-type;host;x-tc-action). */
    static String authorization(String secretId, String secretKey, String host, String action, String payload, long timestamp) {
        String date = DATE.format(Instant.ofEpochSecond(timestamp));
        String signedHeaders = "content-type;host;x-tc-action";
        String canonicalRequest = "POST\n/\n\n"
                + "content-type:" + CONTENT_TYPE + "\n"
                + "host:" + host + "\n"
                + "x-tc-action:" + action.toLowerCase(java.util.Locale.ROOT) + "\n"
                + "\n" + signedHeaders + "\n" + Signing.sha256Hex(payload);
        String scope = date + "/" + SERVICE + "/tc3_request";
        String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + Signing.sha256Hex(canonicalRequest);
        byte[] kDate = Signing.hmac("HmacSHA256", ("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] kService = Signing.hmac("HmacSHA256", kDate, SERVICE);
        byte[] kSigning = Signing.hmac("HmacSHA256", kService, "tc3_request");
        String signature = HexFormat.of().formatHex(Signing.hmac("HmacSHA256", kSigning, stringToSign));
        return "TC3-HMAC-SHA256 Credential=" + secretId + "/" + scope + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    }
}
