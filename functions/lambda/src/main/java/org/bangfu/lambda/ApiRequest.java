package org.bangfu.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.DomainException;
import org.bangfu.core.Ids;
import org.bangfu.core.Role;

/** The parts of an HTTP API v2 event a handler uses, with the checks every handler would otherwise repeat. */
public final class ApiRequest {
    private final APIGatewayV2HTTPEvent event;

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    public APIGatewayV2HTTPEvent event() {
        return event;
    }

    public String requestId() {
        var ctx = event.getRequestContext();
        return ctx == null || ctx.getRequestId() == null ? "-" : ctx.getRequestId();
    }

    /** POST, PUT, PATCH or DELETE. */
    public boolean isWrite() {
        var ctx = event.getRequestContext();
        String m = ctx == null || ctx.getHttp() == null ? "" : ctx.getHttp().getMethod();
        return "POST".equals(m) || "PUT".equals(m) || "PATCH".equals(m) || "DELETE".equals(m);
    }

    public String routeKey() {
        return event.getRouteKey() == null ? "-" : event.getRouteKey();
    }

    public Optional<String> pathParam(String name) {
        Map<String, String> p = event.getPathParameters();
        return p == null ? Optional.empty() : Optional.ofNullable(p.get(name));
    }

    /** The {id} of a need: an id we could never have issued is simply not found. */
    public String needId() {
        String id = pathParam("id").orElse(null);
        if (!Ids.looksValid(id, 'n')) throw new DomainException.NotFound("没有这个需求 (no such need)");
        return id;
    }

    public String claimId() {
        String id = pathParam("claimId").orElse(null);
        if (!Ids.looksValid(id, 'c')) throw new DomainException.NotFound("没有这个认领 (no such claim)");
        return id;
    }

    public Optional<String> query(String name) {
        Map<String, String> q = event.getQueryStringParameters();
        return q == null ? Optional.empty() : Optional.ofNullable(q.get(name)).filter(v -> !v.isEmpty());
    }

    /**
     * For a write carrying an Idempotency-Key: a seed naming this person, route, path and key, from
     * which a handler derives the id of what it creates, so the same request can never create two.
     */
    public Optional<String> idempotencySeed() {
        if (!isWrite()) return Optional.empty();
        Optional<String> key = header("idempotency-key").map(String::strip).filter(k -> k.matches("[A-Za-z0-9_.:-]{8,100}"));
        if (key.isEmpty()) return Optional.empty();
        return Optional.of(actor().id() + "#" + routeKey() + "#" + event.getRawPath() + "#" + key.get());
    }

    public Optional<String> header(String name) {
        Map<String, String> h = event.getHeaders();
        if (h == null) return Optional.empty();
        for (Map.Entry<String, String> e : h.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) return Optional.ofNullable(e.getValue());
        }
        return Optional.empty();
    }

    public Body body() {
        return Body.of(event.getBody(), event.getIsBase64Encoded());
    }

    /** A body allowed to be up to {@code maxBytes} (only for file uploads). */
    public Body body(int maxBytes) {
        return Body.of(event.getBody(), event.getIsBase64Encoded(), maxBytes);
    }

    /** An optional body: absent or empty means an empty object. */
    public Body bodyOrEmpty() {
        String b = event.getBody();
        return b == null || b.isBlank() ? Body.empty() : body();
    }

    /**
     * The signed-in person, from the claims the JWT authorizer verified: sub, name and roles, each
     * "role" or "role:area" (our token issuer writes them from the table). API Gateway passes a
     * list claim as "[a b]"; unknown roles and malformed areas are ignored.
     */
    public Actor actor() {
        Map<String, String> claims = claims();
        String sub = claims.get("sub");
        if (sub == null || sub.isBlank() || sub.length() > 128) throw new Unauthorized("请先登录 (sign in first)");
        Map<Role, AreaCode> grants = new EnumMap<>(Role.class);
        String roles = claims.getOrDefault("roles", "");
        for (String g : roles.replaceAll("[\\[\\]\"]", " ").split("[,\\s]+")) {
            String claim = g.strip();
            int colon = claim.indexOf(':');
            Optional<Role> role = Role.fromGroup(colon < 0 ? claim : claim.substring(0, colon));
            if (role.isEmpty()) continue;
            AreaCode area = colon < 0 ? null : AreaCode.parse(claim.substring(colon + 1)).orElse(null);
            if (colon >= 0 && area == null) continue;
            grants.put(role.get(), area);
        }
        String name = claims.getOrDefault("name", sub);
        if (name.length() > 40) name = name.substring(0, 40);
        return new Actor(sub, name, grants);
    }

    private Map<String, String> claims() {
        var ctx = event.getRequestContext();
        if (ctx == null || ctx.getAuthorizer() == null || ctx.getAuthorizer().getJwt() == null
                || ctx.getAuthorizer().getJwt().getClaims() == null) {
            throw new Unauthorized("请先登录 (sign in first)");
        }
        return ctx.getAuthorizer().getJwt().getClaims();
    }

    /** Query parameter as a month (YYYY-MM), 400 otherwise. */
    public Optional<java.time.YearMonth> monthQuery(String name) {
        Optional<String> v = query(name);
        if (v.isEmpty()) return Optional.empty();
        try {
            return Optional.of(java.time.YearMonth.parse(v.get()));
        } catch (java.time.format.DateTimeParseException e) {
            throw new DomainException.Invalid(name, "格式须为 YYYY-MM (a month like 2026-11)");
        }
    }

    /** Query parameter as an area of the pilot, 400 otherwise. */
    public Optional<AreaCode> areaQuery(String name, org.bangfu.core.AreaRegistry areas) {
        Optional<String> v = query(name);
        if (v.isEmpty()) return Optional.empty();
        return Optional.of(AreaCode.parse(v.get()).filter(areas::exists)
                .orElseThrow(() -> new DomainException.Invalid(name, "不是本平台的区划代码 (unknown area)")));
    }

    /**
     * For admin-only reads: the signed-in admin's area, or the narrower {@code area} asked for
     * (403 outside theirs; 403 for anyone not an admin with an area).
     */
    public AreaCode adminArea(org.bangfu.core.AreaRegistry areas, String forbiddenMessage) {
        Actor admin = actor();
        AreaCode own = admin.areaOf(Role.ADMIN);
        if (own == null) throw new DomainException.Forbidden(forbiddenMessage);
        AreaCode area = areaQuery("area", areas).orElse(own);
        if (!admin.actsFor(Role.ADMIN, area)) throw new DomainException.Forbidden("只能查看本辖区 (outside your area)");
        return area;
    }

    /** Query parameter as a bounded whole number, 400 otherwise. */
    public int intQuery(String name, int dflt, int min, int max) {
        Optional<String> v = query(name);
        if (v.isEmpty()) return dflt;
        try {
            int n = Integer.parseInt(v.get());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new DomainException.Invalid(name, "须为 " + min + " 到 " + max + " 的整数");
    }
}
