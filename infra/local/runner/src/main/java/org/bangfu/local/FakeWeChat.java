package org.bangfu.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bangfu.lambda.Json;

/**
 * A stand-in for WeChat's server API (and for the one Secrets Manager call that reads the
 * official account), on its own port. It behaves as WeChat does where it matters: every new
 * access_token invalidates the one before (so two refreshers break each other), a jsapi_ticket
 * needs the current token, a web-authorisation code works once (a second use is errcode 40163).
 * Its authorize page (网页授权) asks nobody: it sends the browser back with a code for the fake
 * person it is told to be ({@link #signInAs}; LOCAL_WECHAT_OPENID, else one fixed openid). It counts refreshes for tests.
 * Local only: ./run.sh starts it with LOCAL_WECHAT=fake; nothing of it is in template.yaml.
 */
public final class FakeWeChat implements AutoCloseable {
    public static final String APP_ID = "wx0000000000local";
    static final String APP_SECRET = "local-app-secret";
    public static final String SECRET_ARN = "arn:aws-cn:secretsmanager:cn-north-1:000000000000:secret:bangfu-local-wechat-AbCdEf";

    private final HttpServer server;
    private final AtomicInteger tokens = new AtomicInteger();
    private final AtomicInteger tickets = new AtomicInteger();
    private final AtomicInteger secretReads = new AtomicInteger();
    private final AtomicInteger refusedTokens = new AtomicInteger();
    /** The openid the local "./run.sh" WeChat person has unless LOCAL_WECHAT_OPENID says otherwise. */
    public static final String DEFAULT_OPENID = "oLocalFakeWeChatPerson000001";
    private final Map<String, String> openidByCode = new ConcurrentHashMap<>();
    private final Set<String> usedCodes = ConcurrentHashMap.newKeySet();
    private final Map<String, String> unionidByOpenid = new ConcurrentHashMap<>();
    private volatile String person;
    private volatile String currentToken;
    private volatile String currentTicket;
    private volatile long expiresIn = 7200;
    private volatile String lastSecretId;

    private FakeWeChat(HttpServer server) {
        this.server = server;
    }

    public static FakeWeChat start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        FakeWeChat fake = new FakeWeChat(server);
        server.createContext("/", fake::serve);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(16));
        server.start();
        return fake;
    }

    /** The settings that give the functions this account and point them here. */
    public Map<String, String> settings() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("WECHAT_SECRET_ARN", SECRET_ARN, "WECHAT_API_BASE", base, "WECHAT_OPEN_BASE", base, "SECRETSMANAGER_ENDPOINT", base);
    }

    /** From now on the authorize page hands out codes for this openid (with this unionid, or none). */
    public void signInAs(String openid, String unionid) {
        this.person = openid;
        if (unionid != null) unionidByOpenid.put(openid, unionid);
    }

    private String person() {
        String p = person;
        if (p != null) return p;
        String configured = org.bangfu.store.Dynamo.setting("LOCAL_WECHAT_OPENID");
        return configured == null || configured.isBlank() ? DEFAULT_OPENID : configured;
    }

    /** How many access_tokens / jsapi_tickets were issued, secrets read, requests refused for a stale token. */
    public int tokenRefreshes() {
        return tokens.get();
    }

    public int ticketRefreshes() {
        return tickets.get();
    }

    public int secretReads() {
        return secretReads.get();
    }

    public int refusedTokens() {
        return refusedTokens.get();
    }

    public String lastSecretId() {
        return lastSecretId;
    }

    /** The ticket pages are signed with now (a test checks a signature against it). */
    public String currentTicket() {
        return currentTicket;
    }

    /** The expires_in of what is issued from now on. */
    public void expiresIn(long seconds) {
        this.expiresIn = seconds;
    }

    /** A code as WeChat's authorize page would hand it to our redirect for this openid (snsapi_base). */
    public String codeFor(String openid) {
        String code = "code-" + java.util.UUID.randomUUID();
        openidByCode.put(code, openid);
        return code;
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            if ("POST".equals(ex.getRequestMethod()) && target != null) {
                secretsManager(ex, target);
                return;
            }
            if (path.equals("/connect/oauth2/authorize")) {
                authorize(ex, q);
                return;
            }
            ObjectNode out = switch (path) {
                case "/cgi-bin/token" -> token(q);
                case "/cgi-bin/ticket/getticket" -> ticket(q);
                case "/sns/oauth2/access_token" -> webAuth(q);
                default -> error(40066, "invalid url");
            };
            send(ex, 200, "application/json", Json.write(out));
        }
    }

    private synchronized ObjectNode token(Map<String, String> q) {
        if (!APP_ID.equals(q.get("appid")) || !APP_SECRET.equals(q.get("secret"))) return error(40125, "invalid appsecret");
        pause(); // a real refresh takes a while: the window two refreshers would both fall into
        currentToken = "token-" + tokens.incrementAndGet(); // the previous one stops working now
        return Json.object().put("access_token", currentToken).put("expires_in", expiresIn);
    }

    private ObjectNode ticket(Map<String, String> q) {
        String token = q.get("access_token");
        if (token == null || !token.equals(currentToken)) {
            refusedTokens.incrementAndGet();
            return error(40001, "invalid credential, access_token is invalid or not latest");
        }
        if (!"jsapi".equals(q.get("type"))) return error(40097, "invalid args");
        pause();
        currentTicket = "ticket-" + tickets.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
        return Json.object().put("errcode", 0).put("errmsg", "ok").put("ticket", currentTicket).put("expires_in", expiresIn);
    }

    private ObjectNode webAuth(Map<String, String> q) {
        if (!APP_ID.equals(q.get("appid")) || !APP_SECRET.equals(q.get("secret"))) return error(40125, "invalid appsecret");
        String code = q.get("code");
        String openid = code == null ? null : openidByCode.remove(code); // a code works once
        if (openid == null) return code != null && usedCodes.contains(code) ? error(40163, "code been used") : error(40029, "invalid code");
        usedCodes.add(code);
        ObjectNode out = Json.object().put("access_token", "web-" + openid).put("expires_in", 7200).put("refresh_token", "r")
                .put("openid", openid).put("scope", "snsapi_base");
        String unionid = unionidByOpenid.get(openid);
        if (unionid != null) out.put("unionid", unionid);
        return out;
    }

    /**
     * open.weixin.qq.com/connect/oauth2/authorize as WeChat's browser shows it for snsapi_base: no
     * question asked, straight back to redirect_uri with ?code=…&state=…, if the request is right and
     * redirect_uri is on the site (the account's 网页授权域名, here SITE_URL's host and port).
     */
    private void authorize(HttpExchange ex, Map<String, String> q) throws IOException {
        String redirect = q.getOrDefault("redirect_uri", "");
        String site = org.bangfu.store.Dynamo.setting("SITE_URL");
        boolean onSite;
        try {
            java.net.URI r = java.net.URI.create(redirect), s = java.net.URI.create(site == null ? "" : site);
            onSite = r.getHost() != null && r.getHost().equals(s.getHost()) && r.getPort() == s.getPort();
        } catch (IllegalArgumentException e) {
            onSite = false;
        }
        String state = q.getOrDefault("state", "");
        String problem = !APP_ID.equals(q.get("appid")) ? "appid 无效"
                : !"code".equals(q.get("response_type")) ? "response_type 必须为 code"
                : !"snsapi_base".equals(q.get("scope")) && !"snsapi_userinfo".equals(q.get("scope")) ? "scope 参数错误"
                : !onSite ? "redirect_uri 域名与后台配置不一致 (10003)"
                : !state.matches("[A-Za-z0-9]{0,128}") ? "state 参数错误" : null;
        if (problem != null) {
            send(ex, 400, "text/plain; charset=utf-8", problem);
            return;
        }
        String location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + codeFor(person()) + "&state=" + state;
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(302, -1);
    }

    private void secretsManager(HttpExchange ex, String target) throws IOException {
        JsonNode body = Json.parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String id = body.path("SecretId").asText();
        lastSecretId = id;
        if (!"secretsmanager.GetSecretValue".equals(target) || !SECRET_ARN.equals(id)) {
            send(ex, 400, "application/x-amz-json-1.1", Json.write(Json.object().put("__type", "ResourceNotFoundException")
                    .put("message", "Secrets Manager can't find the specified secret.")));
            return;
        }
        secretReads.incrementAndGet();
        String secret = Json.write(Json.object().put("appId", APP_ID).put("appSecret", APP_SECRET));
        send(ex, 200, "application/x-amz-json-1.1", Json.write(Json.object().put("ARN", SECRET_ARN).put("Name", "bangfu-local-wechat")
                .put("VersionId", "00000000-0000-0000-0000-000000000001").put("SecretString", secret).put("CreatedDate", 1.7e9)));
    }

    private static ObjectNode error(int code, String message) {
        return Json.object().put("errcode", code).put("errmsg", message);
    }

    private static void pause() {
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) return out;
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) out.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        if (server.getExecutor() instanceof java.util.concurrent.ExecutorService e) e.shutdownNow();
    }
}
