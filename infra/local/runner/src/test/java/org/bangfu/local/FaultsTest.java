package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bangfu.lambda.Services;
import org.bangfu.core.AreaRegistry;
import org.bangfu.core.Lifecycle;
import org.bangfu.fn.claimneed.ClaimNeedHandler;
import org.bangfu.local.dynamodb.DynamoDbLocal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB throttling and a broken network, injected under the real claim handler: transient faults
 * are retried with backoff and the claim goes through; lasting ones answer 503 with Retry-After and
 * leave the need exactly as it was.
 */
class FaultsTest {
    private final Api api = TestPlatform.api();
    private HttpServer throttler;

    @AfterEach
    void stop() {
        if (throttler != null) throttler.stop(0);
    }

    @Test
    void aFewThrottledCallsAreRetriedAndTheClaimSucceeds() {
        Api.Village v = api.village(Api.XIMEN);
        String id = api.publishedNeed(v, "MEDICAL", 1);
        AtomicInteger faults = new AtomicInteger(2);
        APIGatewayV2HTTPResponse r = claim(handler(throttlingProxy(faults)), id);
        assertEquals(201, r.getStatusCode(), r.getBody());
        assertEquals(0, faults.get(), "both faults were hit and retried past");
        assertEquals("CLAIMED", api.get("/api/needs/" + id, null).text("state"));
    }

    @Test
    void lastingThrottlingIsA503WithRetryAfterAndChangesNothing() {
        Api.Village v = api.village(Api.XIMEN);
        String id = api.publishedNeed(v, "MEDICAL", 1);
        String before = api.get("/api/needs/" + id, null).raw();
        APIGatewayV2HTTPResponse r = claim(handler(throttlingProxy(new AtomicInteger(1000))), id);
        assertEquals(503, r.getStatusCode(), r.getBody());
        assertEquals("1", r.getHeaders().get("retry-after"));
        assertTrue(r.getBody().contains("\"unavailable\""));
        assertEquals(before, api.get("/api/needs/" + id, null).raw(), "the need is untouched");
    }

    @Test
    void aNetworkThatKeepsFailingIsA503AndChangesNothing() {
        Api.Village v = api.village(Api.XIMEN);
        String id = api.publishedNeed(v, "MEDICAL", 1);
        String before = api.get("/api/needs/" + id, null).raw();
        APIGatewayV2HTTPResponse r = claim(handler(URI.create("http://127.0.0.1:9")), id);
        assertEquals(503, r.getStatusCode(), r.getBody());
        assertEquals("1", r.getHeaders().get("retry-after"));
        assertEquals(before, api.get("/api/needs/" + id, null).raw());
    }

    /** Issue 11, item 5: with an Idempotency-Key the key's own reads and writes fail inside the error mapping. */
    @Test
    void aKeyedWriteWhenDynamoDbKeepsFailingIsA503WithRetryAfterNotALambdaError() {
        Api.Village v = api.village(Api.XIMEN);
        String id = api.publishedNeed(v, "MEDICAL", 1);
        String before = api.get("/api/needs/" + id, null).raw();
        APIGatewayV2HTTPResponse r = claim(handler(throttlingProxy(new AtomicInteger(1000))), id, Api.unique("helper"),
                "fault-" + Api.unique("k"), "{}");
        assertEquals(503, r.getStatusCode(), r.getBody());
        assertEquals("1", r.getHeaders().get("retry-after"));
        assertEquals(before, api.get("/api/needs/" + id, null).raw(), "the need is untouched");
    }

    /**
     * The claim is written but storing its answer fails: the helper still gets the claim, and a retry
     * with the same key after the in-progress lease has run out finds that claim instead of claiming again.
     */
    @Test
    void anAnswerThatCouldNotBeStoredNeverLetsTheRetryClaimASecondTime() throws Exception {
        Api.Village v = api.village(Api.XIMEN);
        String id = api.publishedNeed(v, "EDUCATION", 3);
        String helper = Api.unique("helper");
        String key = "lost-" + Api.unique("k");
        APIGatewayV2HTTPResponse first = claim(handler(failingProxy(body -> body.contains("\"COMPLETED\""))), id, helper, key,
                "{\"quantity\":1}");
        assertEquals(201, first.getStatusCode(), first.getBody());
        assertEquals(2, api.get("/api/needs/" + id, null).body().path("remaining").asInt());
        // A minute later (the 30 s lease is over), the client retries with the same key.
        APIGatewayV2HTTPResponse retry = claim(handler(URI.create(DynamoDbLocal.shared().endpoint()),
                Clock.offset(Clock.systemUTC(), java.time.Duration.ofMinutes(1))), id, helper, key, "{\"quantity\":1}");
        assertEquals(201, retry.getStatusCode(), retry.getBody());
        assertEquals(org.bangfu.lambda.Json.parse(first.getBody()).path("claim").path("id"),
                org.bangfu.lambda.Json.parse(retry.getBody()).path("claim").path("id"), "the same claim");
        assertEquals(2, api.get("/api/needs/" + id, null).body().path("remaining").asInt(), "one unit taken, not two");
    }

    /**
     * The same for the supply side, where a cadre on 3G proposes and an organisation publishes: the
     * first answer could not be stored, the retry (same key, after the lease) finds what was made.
     */
    @Test
    void aProposalOrAnOfferWhoseAnswerWasLostIsNotMadeTwice() throws Exception {
        Api.Village v = api.village(Api.DONGMEN);
        Api.Who company = api.who(Api.unique("company"), null, "helper");
        String organisation = SupplyTest.verifiedCompany(api, company, v.admin());
        String offer = SupplyTest.offer(api, company, organisation, 5, "DISABILITY");
        String need = api.publishedNeed(v, "DISABILITY", 2);
        String poster = "[poster:" + v.area() + "]";
        String key = "lost-" + Api.unique("k");
        String body = "{\"needId\":\"" + need + "\",\"quantity\":1}";
        var propose = new org.bangfu.fn.proposeoffer.ProposeOfferHandler(services(failingProxy(b -> b.contains("\"COMPLETED\"")), Clock.systemUTC()));
        APIGatewayV2HTTPResponse first = call(propose, "POST /api/offers/{id}/proposals", "/api/offers/" + offer + "/proposals",
                Map.of("id", offer), v.poster().sub(), poster, key, body);
        assertEquals(201, first.getStatusCode(), first.getBody());
        var later = services(URI.create(DynamoDbLocal.shared().endpoint()), Clock.offset(Clock.systemUTC(), java.time.Duration.ofMinutes(1)));
        APIGatewayV2HTTPResponse retry = call(new org.bangfu.fn.proposeoffer.ProposeOfferHandler(later), "POST /api/offers/{id}/proposals",
                "/api/offers/" + offer + "/proposals", Map.of("id", offer), v.poster().sub(), poster, key, body);
        assertEquals(201, retry.getStatusCode(), retry.getBody());
        String id = org.bangfu.lambda.Json.parse(first.getBody()).path("id").asText();
        assertEquals(id, org.bangfu.lambda.Json.parse(retry.getBody()).path("id").asText(), "the same proposal");
        Api.Reply mine = api.get("/api/me/supply", v.poster());
        int proposals = 0;
        for (var p : mine.body().path("proposals")) if (p.path("needId").asText().equals(need)) proposals++;
        assertEquals(1, proposals, "proposed once: " + mine);

        String offerBody = org.bangfu.lambda.Json.write(SupplyTest.offerBody(organisation, 3, "EDUCATION"));
        String offerKey = "lost-" + Api.unique("k");
        var publish = new org.bangfu.fn.postoffer.PostOfferHandler(services(failingProxy(b -> b.contains("\"COMPLETED\"")), Clock.systemUTC()));
        APIGatewayV2HTTPResponse published = call(publish, "POST /api/offers", "/api/offers", Map.of(), company.sub(), "[helper]", offerKey, offerBody);
        assertEquals(201, published.getStatusCode(), published.getBody());
        APIGatewayV2HTTPResponse again = call(new org.bangfu.fn.postoffer.PostOfferHandler(later), "POST /api/offers", "/api/offers", Map.of(),
                company.sub(), "[helper]", offerKey, offerBody);
        assertEquals(201, again.getStatusCode(), again.getBody());
        assertEquals(org.bangfu.lambda.Json.parse(published.getBody()).path("id"), org.bangfu.lambda.Json.parse(again.getBody()).path("id"),
                "the same offer");
    }

    private static Services services(URI endpoint, Clock clock) {
        DynamoDbClient db = DynamoDbClient.builder().endpointOverride(endpoint)
                .region(Region.of("cn-north-1")).credentialsProvider(SystemPropertyCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)).build();
        return Services.on(db, LocalPlatform.TABLE, new Lifecycle(clock, AreaRegistry.bundled()));
    }

    private static APIGatewayV2HTTPResponse call(org.bangfu.lambda.HttpHandler handler, String routeKey, String path, Map<String, String> params,
                                                 String sub, String roles, String key, String body) {
        Map<String, String> claims = Map.of("sub", sub, "name", "测试", "roles", roles);
        Map<String, String> headers = new java.util.HashMap<>(Map.of("content-type", "application/json"));
        if (key != null) headers.put("idempotency-key", key);
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(routeKey)
                .withRawPath(path).withPathParameters(params).withHeaders(headers).withBody(body).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("fault-test")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build()).build())
                        .build())
                .build();
        return handler.handleRequest(event, null);
    }

    /** The real claim handler, over a DynamoDB client pointed at {@code endpoint}, with the SDK's standard retries. */
    private static ClaimNeedHandler handler(URI endpoint) {
        return handler(endpoint, Clock.systemUTC());
    }

    private static ClaimNeedHandler handler(URI endpoint, Clock clock) {
        return new ClaimNeedHandler(services(endpoint, clock));
    }

    /**
     * DynamoDB as seen through a throttled partition: the first {@code throttled} requests get
     * "slow down", the rest are passed on to DynamoDB Local unchanged.
     */
    private URI throttlingProxy(AtomicInteger throttled) {
        return proxy(body -> throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0);
    }

    /** DynamoDB that throttles exactly the requests whose body {@code fails} picks, for good. */
    private URI failingProxy(java.util.function.Predicate<String> fails) {
        return proxy(fails);
    }

    private URI proxy(java.util.function.Predicate<String> throttle) {
        URI real = URI.create(DynamoDbLocal.shared().endpoint());
        try {
            throttler = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throttler.createContext("/", ex -> {
            byte[] request = ex.getRequestBody().readAllBytes();
            byte[] body;
            int status;
            if (throttle.test(new String(request, StandardCharsets.UTF_8))) {
                status = 400;
                body = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\","
                        + "\"message\":\"Rate of requests exceeds the allowed throughput.\"}").getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("x-amzn-ErrorType", "ThrottlingException");
            } else {
                java.net.HttpURLConnection c = (java.net.HttpURLConnection) real.resolve(ex.getRequestURI().getPath()).toURL().openConnection();
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                ex.getRequestHeaders().forEach((k, vs) -> {
                    if (!k.equalsIgnoreCase("Host") && !k.equalsIgnoreCase("Content-Length")) c.setRequestProperty(k, String.join(",", vs));
                });
                c.getOutputStream().write(request);
                status = c.getResponseCode();
                java.io.InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
                body = in == null ? new byte[0] : in.readAllBytes();
                String crc = c.getHeaderField("x-amz-crc32");
                if (crc != null) ex.getResponseHeaders().set("x-amz-crc32", crc);
            }
            ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        throttler.start();
        return URI.create("http://127.0.0.1:" + throttler.getAddress().getPort());
    }

    private APIGatewayV2HTTPResponse claim(ClaimNeedHandler handler, String needId) {
        return claim(handler, needId, Api.unique("helper"), null, "{}");
    }

    private APIGatewayV2HTTPResponse claim(ClaimNeedHandler handler, String needId, String helper, String key, String body) {
        return call(handler, "POST /api/needs/{id}/claims", "/api/needs/" + needId + "/claims", Map.of("id", needId), helper, "[helper]", key, body);
    }
}
