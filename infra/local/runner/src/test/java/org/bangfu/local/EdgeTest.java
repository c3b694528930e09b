package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bangfu.local.dynamodb.Template;
import org.junit.jupiter.api.Test;

/**
 * What stands in front of the API and the site (issue 11, items 9 and 10): per-source limits at
 * the edge, cache keys that a random query string cannot vary, a Content-Security-Policy on every
 * page in AWS and locally, and a local gateway that does not let slow clients hold its threads.
 */
class EdgeTest {
    private static final Template HOSTING = Template.load(Template.projectRoot().resolve("infra/hosting/template.yaml"));
    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

    private static JsonNode distribution() {
        return HOSTING.resourcesOfType("AWS::CloudFront::Distribution").get(0).getValue().path("Properties").path("DistributionConfig");
    }

    @Test
    void aWebFirewallLimitsEachSourceWhereThePartitionOffersItAndReportsMostTightly() {
        var acls = HOSTING.resourcesOfType("AWS::WAFv2::WebACL");
        assertEquals(1, acls.size(), "one web ACL in front of the distribution");
        JsonNode acl = acls.get(0).getValue();
        assertEquals("CLOUDFRONT", acl.path("Properties").path("Scope").asText());
        // Only where WAF can protect CloudFront: us-east-1 of the global partition (China: regional only).
        String condition = acl.path("Condition").asText();
        String cond = HOSTING.root().path("Conditions").path(condition).toString();
        assertTrue(cond.contains("AWS::Region") && cond.contains("us-east-1"), cond);
        JsonNode webAcl = distribution().path("WebACLId");
        assertEquals(condition, webAcl.path(0).asText(), "the distribution uses it where it exists: " + webAcl);
        int reportLimit = Integer.MAX_VALUE;
        boolean everythingElse = false;
        for (JsonNode rule : acl.path("Properties").path("Rules")) {
            JsonNode rate = rule.path("Statement").path("RateBasedStatement");
            assertEquals("IP", rate.path("AggregateKeyType").asText(), rule.path("Name") + " limits per source address");
            assertTrue(rule.path("Action").has("Block"), rule.path("Name").asText());
            assertEquals(429, rule.path("Action").path("Block").path("CustomResponse").path("ResponseCode").asInt());
            String scope = rate.path("ScopeDownStatement").toString();
            if (scope.contains("/reports") && scope.contains("POST")) reportLimit = Math.min(reportLimit, rate.path("Limit").asInt());
            if (scope.contains("/(api|share)/")) everythingElse = true;
        }
        assertTrue(reportLimit <= 10, "anonymous reports: a handful per address per window, not the route's shared budget");
        assertTrue(everythingElse, "every API and share request counts against its source's limit");
    }

    /**
     * Every GET route behind a cached behaviour is called through the gateway, which records the query
     * parameters its handler asks for: the behaviour's cache key must hold exactly those (never "all").
     */
    @Test
    void eachCacheKeyHoldsExactlyTheQueryParametersItsRoutesRead() {
        Api api = TestPlatform.api();
        Api.Village v = api.village(Api.DONGMEN);
        String id = api.publishedNeed(v, "EDUCATION", 2);
        Routes routes = Routes.from(Template.ofProject());
        List<JsonNode> behaviours = new ArrayList<>();
        distribution().path("CacheBehaviors").forEach(behaviours::add);
        int checked = 0;
        for (JsonNode b : behaviours) {
            if (!b.path("TargetOriginId").asText().equals("api")) continue;
            String pattern = b.path("PathPattern").asText();
            List<Route> served = routes.all().stream().filter(r -> firstMatch(behaviours, concrete(r.path(), id)) == b).toList();
            String policyId = b.path("CachePolicyId").asText();
            if (policyId.equals(CACHING_DISABLED)) continue;
            JsonNode key = HOSTING.root().path("Resources").path(policyId).path("Properties").path("CachePolicyConfig")
                    .path("ParametersInCacheKeyAndForwardedToOrigin");
            assertFalse(key.isMissingNode(), pattern + ": its cache policy " + policyId + " is in the stack");
            Set<String> read = new TreeSet<>();
            for (Route r : served) {
                if (!r.method().equals("GET")) continue;
                Gateway.QUERY_READS.remove(r.routeKey());
                Api.Reply reply = api.get(concrete(r.path(), id) + "?utm_source=x" + System.nanoTime(), null);
                assertTrue(reply.status() < 500, r.routeKey() + ": " + reply);
                read.addAll(Gateway.QUERY_READS.getOrDefault(r.routeKey(), Set.of()));
            }
            read.remove("utm_source"); // nobody reads it; only there so the query map exists
            JsonNode q = key.path("QueryStringsConfig");
            Set<String> keyed = new TreeSet<>();
            q.path("QueryStrings").forEach(s -> keyed.add(s.asText()));
            assertEquals(read.isEmpty() ? "none" : "whitelist", q.path("QueryStringBehavior").asText(),
                    pattern + ": the key lists parameters (a random query string must not make a new cache entry)");
            assertEquals(read, keyed, pattern + ": the cache key holds exactly the parameters its routes read");
            boolean signedIn = served.stream().anyMatch(Route::requiresAuth);
            Set<String> headers = new TreeSet<>();
            key.path("HeadersConfig").path("Headers").forEach(h -> headers.add(h.asText()));
            assertEquals(signedIn ? Set.of("Authorization") : Set.of(), headers, pattern
                    + (signedIn ? ": signed-in routes need the token (CloudFront forwards it only in the key)"
                               : ": public routes read no header, so none may vary the key"));
            assertEquals("none", key.path("CookiesConfig").path("CookieBehavior").asText(), pattern);
            checked++;
        }
        assertTrue(checked >= 4, "the public listing, a need, stats, leaderboard and share cards have their own keys");
        // Whatever no cached behaviour claims is not cached at all.
        JsonNode last = null;
        for (JsonNode b : behaviours) if (b.path("PathPattern").asText().equals("/api/*")) last = b;
        assertNotNull(last);
        assertEquals(CACHING_DISABLED, last.path("CachePolicyId").asText(), "the rest of /api/* is not cached");
    }

    private static String concrete(String routePath, String needId) {
        return routePath.replace("{id}", needId).replace("{claimId}", "czzzzzzzzzzzz").replaceAll("\\{[^}]+}", "x");
    }

    /** CloudFront's cache behaviours: the first whose path pattern (* any characters, ? one) matches. */
    private static JsonNode firstMatch(List<JsonNode> behaviours, String path) {
        for (JsonNode b : behaviours) {
            String glob = b.path("PathPattern").asText();
            StringBuilder re = new StringBuilder();
            for (char c : glob.toCharArray()) re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            if (path.matches(re.toString())) return b;
        }
        return null;
    }

    @Test
    void everyPageCarriesTheContentSecurityPolicyInAwsAndLocally() throws Exception {
        assertEquals("SiteHeaders", distribution().path("DefaultCacheBehavior").path("ResponseHeadersPolicyId").asText(),
                "the site's pages get the stack's own policy, with a CSP");
        // As AWS sends it with a photo bucket, and as the local gateway does with its S3 server in that place.
        String inAws = SiteHeaders.csp(HOSTING, "https://bangfu-demo-photos-1-cn-north-1.s3.cn-north-1.amazonaws.com.cn");
        assertTrue(inAws.contains("connect-src 'self' https://bangfu-demo-photos-1-cn-north-1.s3.cn-north-1.amazonaws.com.cn;"), inAws);
        assertTrue(SiteHeaders.csp(HOSTING, null).contains("img-src 'self' blob:; connect-src 'self';"), "no other origin without photos");
        // blob: only for pictures: the phone draws a chosen photo from one to shrink it before upload (photos.js).
        assertTrue(inAws.contains("img-src 'self' blob: https://bangfu-demo-photos-1-cn-north-1.s3.cn-north-1.amazonaws.com.cn;"), inAws);
        String csp = SiteHeaders.csp(HOSTING, SiteHeaders.origin(org.bangfu.store.Dynamo.setting("S3_ENDPOINT")));
        assertTrue(csp.startsWith("default-src 'none'"), csp);
        String scriptSrc = directive(csp, "script-src");
        assertFalse(scriptSrc.contains("'unsafe-inline'") || scriptSrc.contains("'unsafe-eval'"), scriptSrc);
        assertEquals("'none'", directive(csp, "frame-ancestors"));
        assertEquals("'none'", directive(csp, "object-src"));
        assertEquals("'none'", directive(csp, "base-uri"));
        Api api = TestPlatform.api();
        Path frontend = Template.projectRoot().resolve("frontend");
        List<Path> pages;
        try (Stream<Path> files = Files.list(frontend)) {
            pages = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        assertFalse(pages.isEmpty());
        for (Path page : pages) {
            String html = Files.readString(page);
            Matcher m = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
            while (m.find()) {
                String hash = "'sha256-" + Base64.getEncoder().encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8))) + "'";
                assertTrue(scriptSrc.contains(hash), page.getFileName() + ": its inline script must be allowed by hash " + hash);
            }
            assertFalse(Pattern.compile("<script[^>]+src=\"(https?:)?//").matcher(html).find(), page + ": no script from another origin");
            Api.Reply r = api.get("/" + page.getFileName(), null);
            assertEquals(200, r.status(), page.toString());
            assertEquals(csp, r.headers().firstValue("content-security-policy").orElse(null), page.getFileName() + " locally");
            assertEquals("nosniff", r.headers().firstValue("x-content-type-options").orElse(null));
            assertEquals("DENY", r.headers().firstValue("x-frame-options").orElse(null));
        }
        assertEquals(csp, api.get("/", null).headers().firstValue("content-security-policy").orElse(null), "the front page too");
    }

    private static String directive(String csp, String name) {
        for (String d : csp.split(";")) {
            String t = d.strip();
            if (t.startsWith(name + " ")) return t.substring(name.length() + 1).strip();
        }
        return "";
    }

    /**
     * More slow clients than the gateway has threads, each sending half a request and then nothing:
     * once the request timeout has passed they are cut off and an ordinary request is answered.
     */
    @Test
    void slowClientsAreCutOffAndCannotHoldTheGatewaysThreads() throws Exception {
        Api api = TestPlatform.api();
        URI base = URI.create(api.base());
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 70; i++) {
                Socket s = new Socket(base.getHost(), base.getPort());
                OutputStream out = s.getOutputStream();
                out.write("GET /index.html HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                slow.add(s);
            }
            long start = System.nanoTime();
            Api.Reply r = api.get("/api/needs?limit=1", null);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(200, r.status(), r.toString());
            assertTrue(seconds < 25, "answered after " + seconds + " s");
            for (Socket s : slow) {
                s.setSoTimeout(20_000);
                try (InputStream in = s.getInputStream()) {
                    assertEquals(-1, in.read(), "a half-sent request is closed, not left holding a thread");
                } catch (java.net.SocketException reset) {
                    // closed by the server: as good
                }
            }
        } finally {
            for (Socket s : slow) s.close();
        }
    }
}
