package org.bangfu.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.core.Actor;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Category;
import org.bangfu.core.Change;
import org.bangfu.core.ChineseIdNumber;
import org.bangfu.core.Claim;
import org.bangfu.core.HelperRecord;
import org.bangfu.core.Ids;
import org.bangfu.core.Lifecycle;
import org.bangfu.core.Need;
import org.bangfu.core.NeedDraft;
import org.bangfu.core.Role;
import org.bangfu.store.Dynamo;

/**
 * SnapStart priming. Before Lambda takes the snapshot of an initialised function (once per
 * published version), the CRaC {@code beforeCheckpoint} hook of the handler runs its typical
 * requests {@value #ROUNDS} times, through a twin of the handler that works on a {@link CannedTable}
 * (no network, nothing written), then makes one unauthenticated HTTPS GET to the DynamoDB endpoint.
 * The snapshot then holds the request path's classes loaded and linked, its lambdas spun, its
 * static state built and its hot methods compiled, and a cold start (restore) skips all of that.
 * Measured with bench/ ("primed"), see docs/benchmarks.md.
 *
 * <p>Outside SnapStart (locally, or a JVM without CRaC) nothing calls the hook and this costs nothing.
 */
public final class Priming {
    static final int ROUNDS = 20;
    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

    private Priming() {
    }

    /** True while priming requests run: they are not logged, not counted in metrics, and register nothing. */
    public static boolean active() {
        return ACTIVE.get();
    }

    /**
     * A small world for the priming requests, made by the real lifecycle: a village of the pilot's
     * area tree, its poster, council member, volunteer and admin, a helper, and needs at each stage.
     */
    public static final class World {
        public final Actor poster;
        public final Actor council;
        public final Actor volunteer;
        public final Actor admin;
        public final Actor helper;
        public final AreaCode village;
        public final Need pending;
        public final Need published;
        public final Need claimed;
        public final Claim activeClaim;
        public final Need delivered;
        public final Claim deliveredClaim;
        public final CannedTable table = new CannedTable();
        public final Services services;

        World(Services live) {
            Lifecycle life = new Lifecycle(Clock.systemUTC(), live.areas(), live.lifecycle().rules());
            village = live.areas().all().keySet().stream().map(AreaCode::new).filter(AreaCode::isVillage).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the area tree has no village"));
            poster = actor("priming-poster", village, Role.POSTER);
            council = actor("priming-council", village, Role.COUNCIL);
            volunteer = actor("priming-volunteer", village, Role.VOLUNTEER);
            admin = actor("priming-admin", village, Role.ADMIN);
            helper = actor("priming-helper", null, Role.HELPER);
            pending = post(life, Category.MEDICAL, 1);
            published = publish(life, post(life, Category.EDUCATION, 1));
            Need toClaim = publish(life, post(life, Category.DISABILITY, 1));
            Change c1 = life.claim(toClaim, helper, 1, Ids.claim(), HelperRecord.NEW);
            claimed = c1.after();
            activeClaim = c1.claim();
            Need toDeliver = publish(life, post(life, Category.HOME_IMPROVEMENT, 1));
            Change c2 = life.claim(toDeliver, helper, 1, Ids.claim(), HelperRecord.NEW);
            Change c3 = life.deliver(c2.after(), c2.claim(), helper, "已送到", null);
            delivered = c3.after();
            deliveredClaim = c3.claim();
            table.need(pending).need(published).need(claimed).need(delivered)
                    .claim(activeClaim, claimed).claim(deliveredClaim, delivered);
            String table = "priming";
            services = Services.on(this.table.client(), table, life);
        }

        private Need post(Lifecycle life, Category category, int quantity) {
            String id17 = village.code().substring(0, 6) + "19500101" + String.format("%03d", category.ordinal());
            NeedDraft draft = new NeedDraft(category, "预热需求", "这是一条只在内存中存在的预热需求，从不写入数据库。", quantity, "件", 500,
                    life.today().plusDays(30), village, "预热户", ChineseIdNumber.withCheck(id17), "13800000000",
                    "预热村1组1号", "预热联系人", "13900000000");
            Lifecycle.Posting p = life.post(draft, poster, Ids.need());
            table.household(p.household());
            return p.need();
        }

        private Need publish(Lifecycle life, Need n) {
            Need afterCouncil = life.review(n, council, Role.COUNCIL, true, null).after();
            return life.review(afterCouncil, volunteer, Role.VOLUNTEER, true, null).after();
        }

        private static Actor actor(String id, AreaCode area, Role role) {
            return new Actor(id, "预热" + role.group(), EnumSet.of(role), area);
        }
    }

    public static World world(Services live) {
        return new World(live);
    }

    /** An HTTP API v2 event for a priming request, as API Gateway would send it (claims of a signed-in actor, if any). */
    public static APIGatewayV2HTTPEvent request(String method, String routeKey, String path, Map<String, String> pathParams,
                                                Map<String, String> query, String body, Actor who) {
        Map<String, String> claims = null;
        if (who != null) {
            claims = new HashMap<>();
            claims.put("sub", who.id());
            claims.put("name", who.displayName());
            StringBuilder roles = new StringBuilder("[");
            who.grants().forEach((r, a) -> roles.append(roles.length() > 1 ? " " : "").append(r.group()).append(a == null ? "" : ":" + a.code()));
            claims.put("roles", roles.append(']').toString());
        }
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(routeKey).withRawPath(path)
                .withHeaders(Map.of("content-type", "application/json"))
                .withPathParameters(pathParams == null || pathParams.isEmpty() ? null : pathParams)
                .withQueryStringParameters(query == null || query.isEmpty() ? null : query)
                .withBody(body).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey(routeKey)
                        .withRequestId("priming").withStage("$default").withTimeEpoch(System.currentTimeMillis())
                        .withAuthorizer(claims == null ? null : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build()).build())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
                                .withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").withUserAgent("priming").build())
                        .build())
                .build();
    }

    /** What priming did: the status of each priming request (last round), in the world it acted in. */
    public record Primed(List<Integer> statuses, World world) {
    }

    /**
     * Runs a handler's priming requests on a twin of it built on the canned table, {@value #ROUNDS}
     * times, then warms the HTTPS path to DynamoDB. A priming request that does not succeed is a
     * broken request path: it fails the checkpoint (and so the deploy) instead of a snapshot that
     * primed an error page.
     */
    public static Primed prime(HttpHandler handler) {
        ACTIVE.set(true);
        try {
            World world = world(handler.services);
            HttpHandler twin = handler.getClass().getConstructor(Services.class).newInstance(world.services);
            List<APIGatewayV2HTTPEvent> requests = twin.primingRequests(world);
            List<Integer> statuses = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                statuses.clear();
                for (APIGatewayV2HTTPEvent e : requests) {
                    APIGatewayV2HTTPResponse r = twin.handleRequest(e, null);
                    statuses.add(r.getStatusCode());
                    if (r.getStatusCode() < 200 || r.getStatusCode() >= 300) {
                        throw new Failed(handler.getClass().getSimpleName() + ": priming request " + e.getRouteKey() + " answered "
                                + r.getStatusCode() + " " + r.getBody());
                    }
                }
            }
            if (requests.isEmpty()) throw new Failed(handler.getClass().getSimpleName() + " has no priming requests");
            Dynamo.warmHttp();
            return new Primed(List.copyOf(statuses), world);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(handler.getClass() + " needs a public constructor taking Services to be primed", e);
        } finally {
            ACTIVE.remove();
        }
    }

    /** Priming did not take the success path: the function's request path is broken. */
    public static final class Failed extends IllegalStateException {
        public Failed(String message) {
            super(message);
        }

        public Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * For functions that are not HTTP handlers: run {@code body} {@value #ROUNDS} times as priming,
     * then warm HTTPS. The body checks its own outcome and throws {@link Failed} if it did nothing.
     */
    public static void prime(Runnable body) {
        ACTIVE.set(true);
        try {
            for (int round = 0; round < ROUNDS; round++) body.run();
            Dynamo.warmHttp();
        } finally {
            ACTIVE.remove();
        }
    }
}
