package org.bangfu.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bangfu.lambda.Json;
import org.bangfu.local.Gateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AWS sign-in (Cognito hosted UI, authorization code + PKCE) against a fake authorization
 * server on 127.0.0.1: the site finds it through /config.json (a gateway override) with the demo
 * user list hidden, as in AWS. The fake checks the PKCE parameters and the verifier, and issues
 * real dev tokens from the runner, so the API accepts what the site ends up holding.
 */
class CognitoSignInTest extends BrowserTest {
    private static final String CLIENT_ID = "fake-client-id";
    private static final String NAME = "云端帮扶人";

    private HttpServer fake;
    private String domain;
    private String redirectUri;
    /** code → {challenge, redirect_uri, client_id} */
    private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private volatile boolean tamperState;

    @BeforeEach
    void startFakeHostedUi() throws IOException {
        fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        fake.createContext("/oauth2/authorize", this::authorize);
        fake.createContext("/oauth2/token", this::token);
        fake.start();
        domain = "http://127.0.0.1:" + fake.getAddress().getPort();
        redirectUri = Site.base() + "/signin.html";
        ObjectNode cognito = Json.object().put("domain", domain).put("clientId", CLIENT_ID).put("redirectUri", redirectUri);
        ObjectNode config = Json.object();
        config.set("cognito", cognito);
        Gateway.siteConfig(Json.write(config));
        Gateway.hideDevUsers(true);
    }

    @AfterEach
    void stopFakeHostedUi() {
        Gateway.siteConfig(null);
        Gateway.hideDevUsers(false);
        if (fake != null) fake.stop(0); // null when the class was skipped (no Chromium)
    }

    @Test
    void signsInThroughTheHostedUiWithPkceAndUsesTheApi() {
        try (BrowserContext ctx = Site.context(Site.PHONE)) {
            Page page = Site.open(ctx, "/signin.html?next=" + URLEncoder.encode("/mine.html", StandardCharsets.UTF_8));
            assertEquals(0, page.locator("#users button[data-sub]").count(), "no demo picker where /api/dev/users is 404");
            page.locator("#cognito").click();
            page.waitForURL("**/mine.html");
            assertEquals(List.of(), problems, "what the fake authorization server refused");
            assertEquals(1, tokenRequests.size(), "one code exchange");
            // 我的 comes from GET /api/me with the ID token as the bearer: the API accepted it.
            page.locator("#main .lead").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(NAME)).waitFor();
            assertTrue(page.locator(".site-header .who").textContent().contains(NAME));
            Object s = page.evaluate("() => JSON.parse(sessionStorage.getItem('bangfu.session'))");
            assertNotNull(s);
            @SuppressWarnings("unchecked")
            Map<String, Object> user = (Map<String, Object>) ((Map<String, Object>) s).get("user");
            assertEquals("cognito-helper-1", user.get("sub"));
            assertEquals(List.of("helper"), user.get("groups"));
            assertEquals(Http.DONGMEN, user.get("area"));
            assertNull(page.evaluate("() => sessionStorage.getItem('bangfu.pkce')"), "the verifier is used once and dropped");
            Site.shot(page, "signin-cognito-mine-360");
            // A second visit to the sign-in page offers the hosted UI again, with the current user shown.
            page.navigate("/signin.html");
            page.locator("#cognito").waitFor();
            assertTrue(page.locator("#main").textContent().contains(NAME));
        }
    }

    @Test
    void aTamperedStateIsRefusedAndNoCodeIsExchanged() {
        tamperState = true;
        try (BrowserContext ctx = Site.context(Site.DESKTOP)) {
            Page page = Site.open(ctx, "/signin.html");
            page.locator("#cognito").click();
            page.locator("#signin-error").waitFor();
            assertTrue(page.locator("#signin-error").textContent().contains("登录请求已失效"), page.locator("#signin-error").textContent());
            assertEquals(List.of(), tokenRequests, "the code is not traded when the state does not match");
            assertNull(page.evaluate("() => sessionStorage.getItem('bangfu.session')"));
            assertFalse(page.url().contains("code="), "the code is dropped from the address");
            page.locator("#cognito").waitFor(); // and one can try again
            Site.shot(page, "signin-cognito-bad-state-desktop");
        }
    }

    @Test
    void aRefusedCodeExchangeSaysSo() {
        // A code the authorization server does not know (expired, used): it answers invalid_grant, as Cognito does.
        try (BrowserContext ctx = Site.context(Site.DESKTOP)) {
            Page page = Site.open(ctx, "/");
            page.evaluate("() => sessionStorage.setItem('bangfu.pkce', JSON.stringify({verifier: 'x'.repeat(43), state: 's1', next: '/'}))");
            page.navigate("/signin.html?code=unknown&state=s1");
            page.locator("#signin-error").waitFor();
            assertTrue(page.locator("#signin-error").textContent().contains("没有发放令牌"), page.locator("#signin-error").textContent());
            assertNull(page.evaluate("() => sessionStorage.getItem('bangfu.session')"));
        }
    }

    // ---- the fake hosted UI ----------------------------------------------------------------

    private void authorize(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> q = form(ex.getRequestURI().getRawQuery());
            String problem = !"GET".equals(ex.getRequestMethod()) ? "method " + ex.getRequestMethod()
                    : !"code".equals(q.get("response_type")) ? "response_type " + q.get("response_type")
                    : !CLIENT_ID.equals(q.get("client_id")) ? "client_id " + q.get("client_id")
                    : !redirectUri.equals(q.get("redirect_uri")) ? "redirect_uri " + q.get("redirect_uri")
                    : !"openid profile".equals(q.get("scope")) ? "scope " + q.get("scope")
                    : !"S256".equals(q.get("code_challenge_method")) ? "code_challenge_method " + q.get("code_challenge_method")
                    : q.get("code_challenge") == null || !q.get("code_challenge").matches("[A-Za-z0-9_-]{43}") ? "code_challenge " + q.get("code_challenge")
                    : q.get("state") == null || q.get("state").length() < 16 ? "state " + q.get("state") : null;
            if (problem != null) {
                problems.add("authorize: " + problem);
                ex.sendResponseHeaders(400, -1);
                return;
            }
            String code = UUID.randomUUID().toString();
            codes.put(code, Map.of("challenge", q.get("code_challenge"), "redirect_uri", q.get("redirect_uri"), "client_id", q.get("client_id")));
            String state = tamperState ? q.get("state") + "x" : q.get("state");
            ex.getResponseHeaders().set("location", redirectUri + "?code=" + code + "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
            ex.sendResponseHeaders(302, -1);
        }
    }

    private void token(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getResponseHeaders().set("access-control-allow-origin", "*"); // Cognito's token endpoint allows CORS
            ex.getResponseHeaders().set("content-type", "application/json");
            String contentType = String.valueOf(ex.getRequestHeaders().getFirst("content-type"));
            Map<String, String> f = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            tokenRequests.add(f.toString());
            Map<String, String> issued = f.get("code") == null ? null : codes.remove(f.get("code"));
            String problem = !"POST".equals(ex.getRequestMethod()) ? "method " + ex.getRequestMethod()
                    : !contentType.startsWith("application/x-www-form-urlencoded") ? "content-type " + contentType
                    : !"authorization_code".equals(f.get("grant_type")) ? "grant_type " + f.get("grant_type")
                    : issued == null ? "unknown code " + f.get("code")
                    : !issued.get("client_id").equals(f.get("client_id")) ? "client_id " + f.get("client_id")
                    : !issued.get("redirect_uri").equals(f.get("redirect_uri")) ? "redirect_uri " + f.get("redirect_uri")
                    : f.get("code_verifier") == null || !issued.get("challenge").equals(s256(f.get("code_verifier")))
                            ? "code_verifier does not match the challenge" : null;
            byte[] body;
            if (problem != null) {
                if (!problem.startsWith("unknown code unknown")) problems.add("token: " + problem);
                body = "{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(400, body.length);
            } else {
                ObjectNode req = Json.object().put("sub", "cognito-helper-1").put("name", NAME).put("area", Http.DONGMEN);
                req.putArray("groups").add("helper");
                Http.Reply r = Http.send("POST", "/api/dev/token", null, req);
                assertEquals(200, r.status(), r.raw());
                ObjectNode out = Json.object().put("id_token", r.json().path("token").asText())
                        .put("access_token", "not-used").put("token_type", "Bearer").put("expires_in", 3600);
                body = Json.write(out).getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
            }
            ex.getResponseBody().write(body);
        }
    }

    private static String s256(String verifier) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
