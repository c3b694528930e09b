package org.bangfu.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bangfu.core.Actor;
import org.bangfu.core.Claim;
import org.bangfu.core.Need;
import org.bangfu.core.DomainException;
import org.bangfu.store.IdempotencyStore;

/**
 * {@code Idempotency-Key} on a signed-in write: a lost response, a double tap or a gateway retry
 * with the same key does the work once and gets the same status and body back. Keys are scoped to
 * the person and the route; reusing a key for a different request is refused (422).
 *
 * <p>A stored answer carries no personal data: every need shown in full is stored as a reference
 * ({@code {"$need": id}}) and rebuilt on replay for what the caller may see <em>now</em>, through
 * {@link Disclosure#need} (so {@link org.bangfu.core.Privacy} decides again and the view is recorded).
 * If DynamoDB fails around the key, the answer is 503 with Retry-After, never a Lambda error; and
 * the writes that could happen twice (a claim, a posting) take their id from the key
 * ({@link ApiRequest#idempotencySeed}), so a retry after a lost record finds the work already done.
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
        IdempotencyStore.Start start;
        try {
            start = store.begin(scope, hash, now);
        } catch (RuntimeException e) {
            HttpHandler.Outcome failed = HttpHandler.storeFailure(e, request);
            if (failed == null) throw e;
            return failed;
        }
        if (start instanceof IdempotencyStore.Replay replay) {
            String body;
            try {
                body = rebuild(services, actor, replay.answer().body());
            } catch (RuntimeException e) {
                HttpHandler.Outcome failed = HttpHandler.storeFailure(e, request);
                if (failed == null) throw e;
                return failed;
            }
            return new HttpHandler.Outcome(Responses.raw(replay.answer().status(), body,
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
        try {
            if (r.getStatusCode() < 500) {
                store.complete(scope, new IdempotencyStore.Answer(r.getStatusCode(), forStorage(r.getBody()), hash), now);
            } else {
                store.abandon(scope, now); // our failure: let the retry run for real
            }
        } catch (RuntimeException e) {
            if (HttpHandler.storeFailure(e, request) == null) throw e;
            // The work is done and answered; the key stays in progress until its lease ends, and a
            // retry after that finds the claim or need its key names already there (no second effect).
            return new HttpHandler.Outcome(r, (outcome.problem() == null ? "" : outcome.problem() + "; ")
                    + "idempotency answer not stored: " + e);
        }
        return outcome;
    }

    /** The answer as stored: every need with personal details replaced by a reference to it. */
    static String forStorage(String body) {
        if (body == null || body.isEmpty()) return body;
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (java.io.IOException notJson) {
            return body;
        }
        if (!root.isObject()) return body;
        if (isFullNeed(root)) return Json.write(Json.object().put("$need", root.path("id").asText()));
        ObjectNode o = (ObjectNode) root;
        var names = new java.util.ArrayList<String>();
        o.fieldNames().forEachRemaining(names::add);
        for (String f : names) {
            if (isFullNeed(o.path(f))) o.set(f, Json.object().put("$need", o.path(f).path("id").asText()));
        }
        return Json.write(o);
    }

    private static boolean isFullNeed(JsonNode n) {
        // A need as Views renders it (an organisation's answer has an id and a contact too, but no beneficiary).
        return n.isObject() && n.has("id") && n.has("beneficiary") && (n.has("household") || n.has("contact"));
    }

    /** A stored answer with its needs rebuilt for this caller as things stand now. */
    static String rebuild(Services services, Actor actor, String stored) {
        if (stored == null || !stored.contains("\"$need\"")) return stored;
        JsonNode root;
        try {
            root = Json.parse(stored);
        } catch (java.io.IOException e) {
            return stored;
        }
        if (root.has("$need")) return Json.write(needNow(services, actor, root.path("$need").asText(), null));
        ObjectNode o = (ObjectNode) root;
        JsonNode claimRef = o.path("claim");
        if (claimRef.has("id") && claimRef.has("needId")) {
            services.needs().claim(claimRef.path("needId").asText(), claimRef.path("id").asText())
                    .ifPresent(c -> o.set("claim", Views.claim(c)));
        }
        var names = new java.util.ArrayList<String>();
        o.fieldNames().forEachRemaining(names::add);
        for (String f : names) {
            if (o.path(f).has("$need")) o.set(f, needNow(services, actor, o.path(f).path("$need").asText(), claimRef));
        }
        return Json.write(o);
    }

    private static JsonNode needNow(Services services, Actor actor, String needId, JsonNode claimRef) {
        Need need = Lookups.need(services, needId);
        Claim claim = claimRef != null && claimRef.has("id")
                ? services.needs().claim(needId, claimRef.path("id").asText()).orElse(null) : null;
        return services.disclosure().need(actor, need, claim, "replay");
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
