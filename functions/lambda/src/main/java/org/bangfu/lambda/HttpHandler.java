package org.bangfu.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import org.bangfu.core.DomainException;
import org.bangfu.store.StoreBusy;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Base of every HTTP function: run the handler, turn domain refusals into 4xx, store
 * overload into 503 with Retry-After, and log one JSON line per request (with its request id and,
 * in embedded metric format, its latency and the business counts the handler recorded). A 500
 * means a bug.
 *
 * <p>It is also the function's CRaC resource: with SnapStart, {@link #beforeCheckpoint} primes the
 * function with its {@link #primingRequests typical requests} before the snapshot (see {@link Priming}).
 */
public abstract class HttpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    protected final Services services;

    protected HttpHandler(Services services) {
        this.services = services;
        if (!Priming.active()) Core.getGlobalContext().register(this);
    }

    protected abstract APIGatewayV2HTTPResponse handle(ApiRequest request);

    /**
     * The requests this function typically answers, acted out in {@code world} when priming. Each
     * should succeed (2xx) on the canned table, so the whole path is loaded, not just an error path.
     */
    protected abstract List<APIGatewayV2HTTPEvent> primingRequests(Priming.World world);

    /** The metric a 409 of this function counts, or null. */
    protected String conflictMetric() {
        return null;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(this);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to reopen: the SDK's HTTP client opens connections per request as needed.
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long start = System.nanoTime();
        ApiRequest request = new ApiRequest(event);
        Log.begin(request.requestId(), context);
        Metrics metrics = Metrics.begin();
        try {
            Outcome outcome = request.header("idempotency-key").isPresent() && request.isWrite()
                    ? Idempotency.run(services, request, this::respond) : respond(request);
            APIGatewayV2HTTPResponse response = outcome.response();
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (response.getStatusCode() == 409 && conflictMetric() != null) metrics.count(conflictMetric());
            metrics.millis("Latency", ms);
            Log.Line line = response.getStatusCode() >= 500 ? Log.error(null) : Log.info(null);
            line.with("awsRequestId", context == null ? null : context.getAwsRequestId())
                    .with("route", request.routeKey()).with("status", response.getStatusCode()).with("ms", ms);
            if (outcome.problem() != null) line.with("problem", outcome.problem());
            line.metrics(metrics, System.currentTimeMillis()).write();
            return response;
        } finally {
            Metrics.end();
            Log.end();
        }
    }

    /** The response, and what went wrong on our side (for the log line), if anything. */
    record Outcome(APIGatewayV2HTTPResponse response, String problem) {
    }

    private Outcome respond(ApiRequest request) {
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
            com.fasterxml.jackson.databind.node.ObjectNode body = Responses.errorBody("not_found", e.getMessage());
            if (e.code() != null) body.put("code", e.code());
            response = Responses.json(404, body);
        } catch (DomainException.Conflict e) {
            response = Responses.conflict(e.code(), e.getMessage(), e.current());
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

    /** What a failure of the store means for the caller (503 when it is overloaded or unreachable), or null if it is no store failure. */
    static Outcome storeFailure(RuntimeException e, ApiRequest request) {
        if (e instanceof StoreBusy) return new Outcome(busy(), e.toString());
        if (e instanceof DynamoDbException d) {
            return new Outcome(d.isThrottlingException() || d.statusCode() >= 500 ? busy() : internal(request), e.toString());
        }
        if (e instanceof SdkException) return new Outcome(busy(), e.toString());
        return null;
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
}
