package org.bangfu.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.bangfu.core.DomainException;
import org.bangfu.store.StoreBusy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Base of every HTTP function: run the handler, turn domain refusals into 4xx, store
 * overload into 503 with Retry-After, and log one JSON line per request. A 500 means a bug.
 */
public abstract class HttpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    protected final Services services;

    protected HttpHandler(Services services) {
        this.services = services;
    }

    protected abstract APIGatewayV2HTTPResponse handle(ApiRequest request);

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long start = System.nanoTime();
        ApiRequest request = new ApiRequest(event);
        Outcome outcome = request.header("idempotency-key").isPresent() && request.isWrite()
                ? Idempotency.run(services, request, this::run) : run(request);
        log(request, outcome.response().getStatusCode(), (System.nanoTime() - start) / 1_000_000, outcome.problem());
        return outcome.response();
    }

    /** A response, and for the log what went wrong on our side (never the client's input). */
    record Outcome(APIGatewayV2HTTPResponse response, String problem) {
    }

    private Outcome run(ApiRequest request) {
        APIGatewayV2HTTPResponse response;
        String problem = null;
        try {
            response = handle(request);
        } catch (DomainException.Invalid e) {
            response = Responses.invalid(e.errors());
        } catch (Unauthorized e) {
            response = Responses.json(401, Responses.errorBody("unauthorized", e.getMessage()),
                    Map.of("www-authenticate", "Bearer"));
        } catch (DomainException.Forbidden e) {
            response = Responses.error(403, "forbidden", e.getMessage());
        } catch (DomainException.NotFound e) {
            response = Responses.error(404, "not_found", e.getMessage());
        } catch (DomainException.Conflict e) {
            response = Responses.conflict(e.getMessage(), e.current());
        } catch (PayloadTooLarge e) {
            response = Responses.error(413, "too_large", e.getMessage());
        } catch (StoreBusy e) {
            problem = e.toString();
            response = busy();
        } catch (DynamoDbException e) {
            problem = e.toString();
            response = e.isThrottlingException() || e.statusCode() >= 500 ? busy() : internal(request);
        } catch (SdkException e) {
            problem = e.toString();
            response = busy();
        } catch (RuntimeException e) {
            problem = stackTop(e);
            response = internal(request);
        }
        return new Outcome(response, problem);
    }

    static APIGatewayV2HTTPResponse busy() {
        return Responses.json(503, Responses.errorBody("unavailable", "系统繁忙，请稍后重试 (busy, please retry)"),
                Map.of("retry-after", "1"));
    }

    private static APIGatewayV2HTTPResponse internal(ApiRequest request) {
        return Responses.error(500, "internal", "服务器内部错误，请求编号 " + request.requestId());
    }

    private static String stackTop(Throwable e) {
        StackTraceElement[] st = e.getStackTrace();
        return e + (st.length > 0 ? " at " + st[0] : "");
    }

    /** One line a request, JSON, with the request id; never a body (bodies carry personal data). */
    private static void log(ApiRequest request, int status, long ms, String problem) {
        ObjectNode line = Json.object();
        line.put("level", status >= 500 ? "ERROR" : "INFO");
        line.put("requestId", request.requestId());
        line.put("route", request.routeKey());
        line.put("status", status);
        line.put("ms", ms);
        if (problem != null) line.put("problem", problem);
        System.out.println(Json.write(line));
    }
}
