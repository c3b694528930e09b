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

    /** The real claim handler, over a DynamoDB client pointed at {@code endpoint}, with the SDK's standard retries. */
    private static ClaimNeedHandler handler(URI endpoint) {
        DynamoDbClient db = DynamoDbClient.builder().endpointOverride(endpoint)
                .region(Region.of("cn-north-1")).credentialsProvider(SystemPropertyCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)).build();
        String table = LocalPlatform.TABLE;
        return new ClaimNeedHandler(Services.on(db, table, new Lifecycle(Clock.systemUTC(), AreaRegistry.bundled())));
    }

    /**
     * DynamoDB as seen through a throttled partition: the first {@code throttled} requests get
     * "slow down", the rest are passed on to DynamoDB Local unchanged.
     */
    private URI throttlingProxy(AtomicInteger throttled) {
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
            if (throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
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
        Map<String, String> claims = Map.of("sub", Api.unique("helper"), "name", "测试", "cognito:groups", "[helper]");
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("POST /api/needs/{id}/claims")
                .withRawPath("/api/needs/" + needId + "/claims").withPathParameters(Map.of("id", needId))
                .withHeaders(Map.of("content-type", "application/json")).withBody("{}").withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("fault-test")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build()).build())
                        .build())
                .build();
        return handler.handleRequest(event, null);
    }
}
