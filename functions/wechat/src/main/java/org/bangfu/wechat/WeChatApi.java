package org.bangfu.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * The few calls of WeChat's server API we make, on the JDK's HTTP client. The base is
 * https://api.weixin.qq.com unless WECHAT_API_BASE says otherwise (a fake, locally and in tests).
 */
public final class WeChatApi {
    public static final String DEFAULT_BASE = "https://api.weixin.qq.com";
    /** errcodes that mean "this access_token is not (any longer) valid": another refresh replaced it, or it expired. */
    private static final Set<Integer> TOKEN_INVALID = Set.of(40001, 40014, 42001);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A credential and how many seconds WeChat says it lives. */
    public record Issued(String value, long expiresInSeconds) {
    }

    /** What a snsapi_base code exchange tells: the person's openid in our official account, and the unionid where the account has one. */
    public record WebAuth(String openid, String unionid) {
    }

    /** WeChat could not be reached or refused for a reason that is not ours to fix now (503 for the caller). */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** The access_token WeChat was given is no longer valid. */
    public static final class TokenInvalid extends Unavailable {
        TokenInvalid(String message) {
            super(message);
        }
    }

    /** WeChat refused a code (used, expired or made up): the caller's fault (400). */
    public static final class BadCode extends RuntimeException {
        BadCode(String message) {
            super(message);
        }
    }

    private final String base;
    private final HttpClient http;

    public WeChatApi(String base) {
        this.base = base == null || base.isBlank() ? DEFAULT_BASE : base.replaceAll("/+$", "");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** GET /cgi-bin/token: a new access_token (which invalidates the previous one). */
    public Issued accessToken(WeChatAccount account) {
        JsonNode r = get("/cgi-bin/token?grant_type=client_credential&appid=" + q(account.appId()) + "&secret=" + q(account.appSecret()));
        if (!r.hasNonNull("access_token")) throw new Unavailable("WeChat gave no access_token: " + errorOf(r));
        return new Issued(r.path("access_token").asText(), r.path("expires_in").asLong(7200));
    }

    /** GET /cgi-bin/ticket/getticket?type=jsapi with a valid access_token. */
    public Issued jsapiTicket(String accessToken) {
        JsonNode r = get("/cgi-bin/ticket/getticket?type=jsapi&access_token=" + q(accessToken));
        int code = r.path("errcode").asInt(0);
        if (TOKEN_INVALID.contains(code)) throw new TokenInvalid("WeChat refused the access_token: " + errorOf(r));
        if (code != 0 || !r.hasNonNull("ticket")) throw new Unavailable("WeChat gave no jsapi_ticket: " + errorOf(r));
        return new Issued(r.path("ticket").asText(), r.path("expires_in").asLong(7200));
    }

    /** GET /sns/oauth2/access_token: the openid behind a web-authorisation code (snsapi_base; each code works once). */
    public WebAuth exchangeCode(WeChatAccount account, String code) {
        JsonNode r = get("/sns/oauth2/access_token?appid=" + q(account.appId()) + "&secret=" + q(account.appSecret())
                + "&code=" + q(code) + "&grant_type=authorization_code");
        int err = r.path("errcode").asInt(0);
        // 40029 invalid code, 40163 code been used: the person's, not ours.
        if (err == 40029 || err == 40163) throw new BadCode("WeChat refused the code: " + errorOf(r));
        if (err != 0 || !r.hasNonNull("openid")) throw new Unavailable("WeChat gave no openid: " + errorOf(r));
        return new WebAuth(r.path("openid").asText(), r.hasNonNull("unionid") ? r.path("unionid").asText() : null);
    }

    private JsonNode get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(3)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) throw new Unavailable("WeChat answered HTTP " + response.statusCode());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new Unavailable("WeChat unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }

    private static String errorOf(JsonNode r) {
        return r.path("errcode").asText("?") + " " + r.path("errmsg").asText("");
    }

    private static String q(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }
}
