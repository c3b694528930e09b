package org.bangfu.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bangfu.lambda.Json;
import org.bangfu.core.AreaCode;
import org.bangfu.core.Role;

/**
 * An HTTP API stand-in on one port: /api/* and /share/* go to the function whose template.yaml
 * event matches, as a real APIGatewayV2HTTPEvent (JWT claims in the authorizer context when the
 * route is protected); everything else is a file from frontend/.
 */
public final class Gateway implements AutoCloseable {
    /** Which function is running on this thread; lets tests attribute DynamoDB calls to functions. */
    public static final ThreadLocal<String> CURRENT_FUNCTION = new ThreadLocal<>();
    /** Function invocations through the gateway, and requests answered from a snapshot file without one. */
    private final java.util.concurrent.atomic.AtomicLong invocations = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong fromSnapshots = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> invocationsByFunction = new ConcurrentHashMap<>();
    private volatile SnapshotOrigin snapshots;
    /** The query parameters each route's handler asked for; lets tests check the CDN's cache keys. */
    public static final Map<String, Set<String>> QUERY_READS = new ConcurrentHashMap<>();

    private static final int MAX_BODY = 10 * 1024 * 1024; // HTTP API's payload limit
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    // Local-only test switch: the browser tests play "AWS" with it.
    private static volatile boolean devUsersHidden;

    /**
     * When true, GET /api/dev/users and GET /api/dev/sms answer 404 as they do in AWS, so the
     * sign-in page shows neither demo people nor the outbox's code (POST /api/dev/token stays).
     */
    public static void hideDevUsers(boolean hidden) {
        devUsersHidden = hidden;
    }

    private final Routes routes;
    private final DevTokens tokens;
    private final SmsOutbox outbox;
    private final StaticFiles files;
    private final Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers = new ConcurrentHashMap<>();
    private final JsonNode demoUsers;
    private final Map<String, String> siteHeaders;
    private HttpServer server;
    private ExecutorService pool;

    /** siteHeaders: the response headers CloudFront adds to the site's files (SiteHeaders.of the hosting stack). */
    public Gateway(Routes routes, DevTokens tokens, SmsOutbox outbox, java.nio.file.Path frontend, JsonNode demoUsers,
                   Map<String, String> siteHeaders) {
        this.routes = routes;
        this.tokens = tokens;
        this.outbox = outbox;
        this.files = new StaticFiles(frontend);
        this.demoUsers = demoUsers;
        this.siteHeaders = Map.copyOf(siteHeaders);
    }

    /** Serve /snapshots/* from the snapshot bucket and /share/* from it first, as the hosting stack's CloudFront does. */
    void serveSnapshots(SnapshotOrigin origin) {
        this.snapshots = origin;
    }

    public long invocations() {
        return invocations.get();
    }

    /** Invocations so far per function id (a test's way to say which function ran). */
    public Map<String, Long> invocationsByFunction() {
        Map<String, Long> out = new java.util.TreeMap<>();
        invocationsByFunction.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public long servedFromSnapshots() {
        return fromSnapshots.get();
    }

    public int start(String host, int port) throws IOException {
        // The JDK server silently closes keep-alive connections past 200 idle ones or after 30 s idle;
        // a client that then reuses one for a POST sees a reset. Be generous, as a real gateway is.
        System.setProperty("sun.net.httpserver.maxIdleConnections",
                System.getProperty("sun.net.httpserver.maxIdleConnections", "2000"));
        System.setProperty("sun.net.httpserver.idleInterval", System.getProperty("sun.net.httpserver.idleInterval", "300"));
        // Headers and body go out in separate writes: without TCP_NODELAY, Nagle and delayed ACKs add ~40 ms to each response.
        System.setProperty("sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
        // Each connection holds one of the pool's threads while its request is read: a client that
        // sends its request slowly (or never finishes it) is cut off after maxReqTime seconds, and a
        // response not sent within maxRspTime (HTTP API's 30 s integration limit) is dropped too.
        System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", "10"));
        System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime", "30"));
        server = HttpServer.create(new InetSocketAddress(host, port), 256);
        pool = Executors.newFixedThreadPool(64);
        server.setExecutor(pool);
        server.createContext("/", this::serve);
        server.start();
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        if (server != null) server.stop(0);
        if (pool != null) pool.shutdownNow();
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
            if ((path.equals("/api/dev/users") || path.equals("/api/dev/sms")) && devUsersHidden) {
                send(ex, 404, Map.of("content-type", "application/json"), "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.equals("/api/dev/token") || path.equals("/api/dev/users") || path.equals("/api/dev/sms")) {
                devEndpoint(ex, method, path);
                return;
            }
            SnapshotOrigin origin = snapshots;
            boolean read = method.equals("GET") || method.equals("HEAD");
            if (origin != null && read && (path.startsWith("/snapshots/") || path.startsWith("/share/"))) {
                Optional<SnapshotOrigin.File> snapshot = origin.read(path);
                if (snapshot.isPresent()) {
                    fromSnapshots.incrementAndGet();
                    Map<String, String> headers = new HashMap<>();
                    headers.put("content-type", snapshot.get().contentType());
                    if (snapshot.get().cacheControl() != null) headers.put("cache-control", snapshot.get().cacheControl());
                    send(ex, 200, headers, method.equals("HEAD") ? new byte[0] : snapshot.get().bytes());
                    return;
                }
                // /snapshots/* has no fallback (the site asks the API then); /share/* fails over to its function.
                if (path.startsWith("/snapshots/")) {
                    send(ex, 404, Map.of("content-type", "application/xml"), "<Error><Code>NoSuchKey</Code></Error>".getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            Optional<Routes.Match> match = routes.match(method, path);
            if (match.isPresent()) {
                invoke(ex, match.get());
                return;
            }
            if (path.startsWith("/api/") || path.startsWith("/share/")) {
                send(ex, 404, Map.of("content-type", "application/json"), "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(ex, 405, Map.of("allow", "GET, HEAD"), new byte[0]);
                return;
            }
            Optional<StaticFiles.File> file = files.read(path);
            if (file.isEmpty()) {
                send(ex, 404, Map.of("content-type", "text/plain; charset=utf-8"), "Not Found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Map<String, String> headers = new HashMap<>(siteHeaders);
            headers.put("content-type", file.get().contentType());
            headers.put("cache-control", "no-cache");
            send(ex, 200, headers, method.equals("HEAD") ? new byte[0] : file.get().bytes());
        } catch (RuntimeException | Error e) {
            // A handler that throws (or a class that won't load) is a 500, as HTTP API answers a failed Lambda.
            e.printStackTrace();
            send(ex, 500, Map.of("content-type", "application/json"), "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void invoke(HttpExchange ex, Routes.Match match) throws IOException {
        Route route = match.route();
        byte[] body = readBody(ex);
        if (body == null) {
            send(ex, 413, Map.of("content-type", "application/json"), "{\"message\":\"Request Entity Too Large\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Map<String, String> claims = null;
        if (route.requiresAuth()) {
            Optional<Map<String, String>> verified = tokens.verify(ex.getRequestHeaders().getFirst("Authorization"));
            if (verified.isEmpty()) {
                send(ex, 401, Map.of("content-type", "application/json", "www-authenticate", "Bearer"),
                        "{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            claims = verified.get();
        }
        APIGatewayV2HTTPEvent event = event(ex, match, body, claims);
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = handler(route);
        APIGatewayV2HTTPResponse response;
        CURRENT_FUNCTION.set(route.functionId());
        invocations.incrementAndGet();
        invocationsByFunction.computeIfAbsent(route.functionId(), k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
        try {
            response = handler.handleRequest(event, new LocalContext(route.functionId(), event.getRequestContext().getRequestId(), 10));
        } finally {
            CURRENT_FUNCTION.remove();
        }
        Map<String, String> headers = new HashMap<>();
        if (response.getHeaders() != null) headers.putAll(response.getHeaders());
        headers.put("apigw-requestid", event.getRequestContext().getRequestId());
        byte[] out = response.getBody() == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        send(ex, response.getStatusCode(), headers, ex.getRequestMethod().equalsIgnoreCase("HEAD") ? new byte[0] : out);
    }

    /** One handler instance per function, made on first use: a warm Lambda container. */
    private RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(Route route) {
        return handlers.computeIfAbsent(route.functionId(),
                id -> Functions.create(id, route.handler(), APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class));
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange ex, Routes.Match match, byte[] body, Map<String, String> claims) {
        Route route = match.route();
        Map<String, String> headers = new HashMap<>();
        List<String> cookies = new ArrayList<>();
        ex.getRequestHeaders().forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("cookie")) cookies.addAll(values);
            else headers.put(key, String.join(",", values));
        });
        String rawQuery = ex.getRequestURI().getRawQuery();
        Set<String> reads = QUERY_READS.computeIfAbsent(route.routeKey(), k -> ConcurrentHashMap.newKeySet());
        Map<String, String> query = new HashMap<>(parseQuery(rawQuery)) {
            @Override
            public String get(Object key) {
                reads.add(String.valueOf(key));
                return super.get(key);
            }
        };
        String requestId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String sourceIp = ex.getRemoteAddress().getAddress().getHostAddress();

        String textBody = null;
        boolean base64 = false;
        if (body.length > 0) {
            String type = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
            Optional<String> text = isTextual(type) ? utf8(body) : Optional.empty();
            if (text.isPresent()) textBody = text.get();
            else {
                textBody = Base64.getEncoder().encodeToString(body);
                base64 = true;
            }
        }
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = null;
        if (claims != null) {
            authorizer = APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                            .withClaims(claims).withScopes(null).build()).build();
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(ex.getRequestURI().getRawPath())
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters())
                .withBody(textBody)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId("000000000000").withApiId("local").withStage("$default")
                        .withDomainName(headers.getOrDefault("host", "localhost")).withDomainPrefix("localhost")
                        .withRequestId(requestId).withRouteKey(route.routeKey())
                        .withTime(REQUEST_TIME.format(now)).withTimeEpoch(now.toEpochMilli())
                        .withAuthorizer(authorizer)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(ex.getRequestMethod().toUpperCase(Locale.ROOT))
                                .withPath(ex.getRequestURI().getRawPath()).withProtocol(ex.getProtocol())
                                .withSourceIp(sourceIp).withUserAgent(headers.getOrDefault("user-agent", "")).build())
                        .build())
                .build();
    }

    private static boolean isTextual(String contentType) {
        return contentType.isEmpty() || contentType.startsWith("text/") || contentType.contains("json")
                || contentType.contains("x-www-form-urlencoded") || contentType.contains("xml");
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Repeated parameters are joined with commas, as HTTP API does. */
    static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.merge(k, v, (a, b) -> a + "," + b);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** The body, or null when over the limit (then the rest is read and dropped, so the connection stays usable). */
    private static byte[] readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length <= MAX_BODY) return bytes;
            long dropped = 0;
            byte[] sink = new byte[64 * 1024];
            for (int n; dropped < 8L * MAX_BODY && (n = in.read(sink)) > 0; ) dropped += n;
            return null;
        }
    }

    // ---- local only: dev tokens and the demo users for the sign-in picker -------------------

    private void devEndpoint(HttpExchange ex, String method, String path) throws IOException {
        if (path.equals("/api/dev/users") && method.equals("GET")) {
            sendJson(ex, 200, demoUsers);
            return;
        }
        if (path.equals("/api/dev/sms") && method.equals("GET")) {
            // The local SMS outbox: what the provider would have delivered, newest first.
            ObjectNode out = Json.object();
            out.set("messages", outbox.messages(parseQuery(ex.getRequestURI().getRawQuery()).get("phone")));
            sendJson(ex, 200, out);
            return;
        }
        if (!path.equals("/api/dev/token") || !method.equals("POST")) {
            sendJson(ex, 405, error("method_not_allowed", "POST /api/dev/token, GET /api/dev/users, GET /api/dev/sms"));
            return;
        }
        byte[] raw = readBody(ex);
        JsonNode body;
        try {
            body = raw == null ? null : Json.parse(new String(raw, StandardCharsets.UTF_8));
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            sendJson(ex, 400, error("invalid", "body must be {\"sub\",\"groups\":[…],\"area\",\"name\"}"));
            return;
        }
        ObjectNode problems = Json.object();
        String sub = body.path("sub").asText("");
        if (!sub.matches("[A-Za-z0-9_.@-]{1,64}")) problems.put("sub", "1–64 letters, digits, _ . @ -");
        List<String> groups = new ArrayList<>();
        if (!body.path("groups").isArray()) problems.put("groups", "an array of poster, council, volunteer, helper, admin");
        else body.path("groups").forEach(g -> {
            if (Role.fromGroup(g.asText()).isPresent()) groups.add(g.asText());
            else problems.put("groups", "unknown group " + g.asText());
        });
        String area = body.hasNonNull("area") ? body.path("area").asText() : null;
        if (area != null && AreaCode.parse(area).isEmpty()) problems.put("area", "a 12-digit area code");
        String name = body.path("name").asText(sub);
        if (name.length() > 40) problems.put("name", "at most 40 characters");
        if (problems.size() > 0) {
            ObjectNode err = error("invalid", "bad token request");
            err.set("fields", problems);
            sendJson(ex, 400, err);
            return;
        }
        ObjectNode out = Json.object();
        out.put("token", tokens.issue(sub, name, groups, area, Duration.ofHours(12)));
        sendJson(ex, 200, out);
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode o = Json.object();
        o.put("error", code);
        o.put("message", message);
        return o;
    }

    private static void sendJson(HttpExchange ex, int status, JsonNode body) throws IOException {
        send(ex, status, Map.of("content-type", "application/json; charset=utf-8", "cache-control", "no-store"),
                Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
