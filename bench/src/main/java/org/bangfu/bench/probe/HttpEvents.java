package org.bangfu.bench.probe;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** An HTTP API v2 event as API Gateway sends it: route, path and query, headers, body, and the JWT claims the authorizer verified. */
final class HttpEvents {
    private HttpEvents() {
    }

    static APIGatewayV2HTTPEvent build(Properties spec) {
        Map<String, String> path = prefixed(spec, "path.");
        Map<String, String> query = prefixed(spec, "query.");
        Map<String, String> headers = prefixed(spec, "header.");
        Map<String, String> claims = prefixed(spec, "claim.");
        String method = spec.getProperty("http.method");
        String rawPath = spec.getProperty("http.rawPath");
        StringBuilder raw = new StringBuilder();
        query.forEach((k, v) -> raw.append(raw.length() == 0 ? "" : "&").append(k).append('=').append(v));
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = claims.isEmpty() ? null
                : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build()).build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(spec.getProperty("http.routeKey"))
                .withRawPath(rawPath)
                .withRawQueryString(raw.toString())
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(path.isEmpty() ? null : path)
                .withBody(spec.getProperty("body"))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(spec.getProperty("http.routeKey"))
                        .withRequestId("probe-" + ProcessHandle.current().pid())
                        .withStage("$default")
                        .withTimeEpoch(System.currentTimeMillis())
                        .withAuthorizer(authorizer)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(rawPath).withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1").withUserAgent("bench").build())
                        .build())
                .build();
    }

    static String outcome(Object response) {
        return Integer.toString(((APIGatewayV2HTTPResponse) response).getStatusCode());
    }

    static Map<String, String> prefixed(Properties spec, String prefix) {
        Map<String, String> m = new HashMap<>();
        for (String k : spec.stringPropertyNames()) {
            if (k.startsWith(prefix)) m.put(k.substring(prefix.length()), spec.getProperty(k));
        }
        return m;
    }
}
