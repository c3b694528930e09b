package org.bangfu.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.core.FieldError;
import org.bangfu.core.NeedState;

/** JSON responses, errors included, in one shape: {"error": code, "message": text, ...}. */
public final class Responses {
    private Responses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, JsonNode body) {
        return json(status, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, JsonNode body, Map<String, String> extraHeaders) {
        return raw(status, Json.write(body), extraHeaders);
    }

    /** A JSON body already written (a stored answer replayed). */
    public static APIGatewayV2HTTPResponse raw(int status, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json; charset=utf-8");
        headers.put("cache-control", "no-store");
        headers.put("x-content-type-options", "nosniff");
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body)
                .withIsBase64Encoded(false).build();
    }

    public static APIGatewayV2HTTPResponse error(int status, String code, String message) {
        return json(status, errorBody(code, message));
    }

    public static ObjectNode errorBody(String code, String message) {
        ObjectNode o = Json.object();
        o.put("error", code);
        o.put("message", message);
        return o;
    }

    public static APIGatewayV2HTTPResponse invalid(List<FieldError> errors) {
        ObjectNode o = errorBody("invalid", "请求有误，请检查以下字段 (please check these fields)");
        ArrayNode fields = o.putArray("fields");
        for (FieldError e : errors) fields.addObject().put("field", e.field()).put("code", e.code()).put("message", e.message());
        return json(400, o);
    }

    /** 409: {@code code} names the rule (stable, for the client's own words); {@code state} is the need's state now. */
    public static APIGatewayV2HTTPResponse conflict(String code, String message, NeedState current) {
        ObjectNode o = errorBody("conflict", message);
        o.put("code", code);
        if (current != null) o.put("state", current.name());
        return json(409, o);
    }
}
