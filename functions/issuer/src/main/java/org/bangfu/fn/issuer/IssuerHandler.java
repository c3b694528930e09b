package org.bangfu.fn.issuer;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bangfu.lambda.ApiRequest;
import org.bangfu.lambda.HttpHandler;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Priming;
import org.bangfu.lambda.Responses;
import org.bangfu.lambda.Services;
import org.bangfu.tokens.Tokens;

/**
 * GET /.well-known/openid-configuration and GET /.well-known/jwks.json, served from the site's
 * origin (CloudFront forwards /.well-known/* here): what the HTTP API's JWT authorizer reads to
 * verify our tokens. Holds kms:GetPublicKey only.
 */
public final class IssuerHandler extends HttpHandler {
    public IssuerHandler() {
        this(Services.live());
    }

    public IssuerHandler(Services services) {
        super(services);
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
        Tokens tokens = Tokens.fromEnvironment();
        String body = request.routeKey().endsWith("jwks.json") ? tokens.jwks().toString() : metadata(tokens);
        return Responses.raw(200, body, Map.of("content-type", "application/json", "cache-control", "public, max-age=300"));
    }

    private static String metadata(Tokens tokens) {
        ObjectNode o = Json.object();
        tokens.openidConfiguration().forEach((k, v) -> {
            if (v instanceof List<?> list) list.forEach(x -> o.withArray(k).add(String.valueOf(x)));
            else o.put(k, String.valueOf(v));
        });
        return Json.write(o);
    }

    @Override
    protected List<APIGatewayV2HTTPEvent> primingRequests(Priming.World w) {
        return List.of(Priming.request("GET", "GET /.well-known/openid-configuration", "/.well-known/openid-configuration",
                null, null, null, null));
    }
}
