package org.bangfu.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import org.bangfu.core.Actor;
import org.bangfu.core.DomainException;
import org.bangfu.store.IdempotencyStore;

/**
 * {@code Idempotency-Key} on a signed-in write: a lost response, a double tap or a gateway retry
 * with the same key does the work once and gets the same status and body back. Keys are scoped to
 * the person and the route; reusing a key for a different request is refused (422).
 */
final class Idempotency {
    private Idempotency() {
    }

    static HttpHandler.Outcome run(Services services, ApiRequest request, Function<ApiRequest, HttpHandler.Outcome> work) {
        String key = request.header("idempotency-key").orElse("").strip();
        if (!key.matches("[A-Za-z0-9_.:-]{8,100}")) {
            return new HttpHandler.Outcome(Responses.invalid(java.util.List.of(new org.bangfu.core.FieldError("Idempotency-Key",
                    "8 到 100 个字母、数字或 _ . : - (8–100 letters, digits, _ . : -)"))), null);
        }
        Actor actor;
        try {
            actor = request.actor();
        } catch (Unauthorized e) {
            return work.apply(request); // answers 401 as usual
        }
        IdempotencyStore store = services.idempotency();
        String scope = actor.id() + "#" + request.routeKey() + "#" + key;
        String hash = hash(request);
        var now = services.lifecycle().now();
        IdempotencyStore.Start start = store.begin(scope, hash, now);
        if (start instanceof IdempotencyStore.Replay replay) {
            return new HttpHandler.Outcome(Responses.raw(replay.answer().status(), replay.answer().body(),
                    Map.of("idempotent-replayed", "true")), null);
        }
        if (start instanceof IdempotencyStore.InProgress) {
            return new HttpHandler.Outcome(Responses.json(409, Responses.errorBody("in_progress",
                    "相同的请求正在处理，请稍后重试 (the same request is still being processed)"), Map.of("retry-after", "1")), null);
        }
        if (start instanceof IdempotencyStore.Mismatch) {
            return new HttpHandler.Outcome(Responses.error(422, "idempotency_key_reused",
                    "该 Idempotency-Key 已用于另一个请求 (this key was used for a different request)"), null);
        }
        HttpHandler.Outcome outcome = work.apply(request);
        APIGatewayV2HTTPResponse r = outcome.response();
        if (r.getStatusCode() < 500) {
            store.complete(scope, new IdempotencyStore.Answer(r.getStatusCode(), r.getBody(), hash), now);
        } else {
            store.abandon(scope, now); // our failure: let the retry run for real
        }
        return outcome;
    }

    private static String hash(ApiRequest request) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(request.routeKey().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(String.valueOf(request.event().getRawPath()).getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(String.valueOf(request.event().getBody()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
