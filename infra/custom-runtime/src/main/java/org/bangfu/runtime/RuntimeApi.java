package org.bangfu.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API of one execution environment, on a local port: what a custom runtime's
 * {@code bootstrap} talks to (AWS_LAMBDA_RUNTIME_API), as documented: {@code GET
 * /2018-06-01/runtime/invocation/next}, {@code POST …/invocation/{id}/response}, {@code POST
 * …/invocation/{id}/error}, {@code POST /2018-06-01/runtime/init/error}, and SnapStart's {@code GET
 * /2018-06-01/runtime/restore/next} (used by the AOT training run, where the runtime primes the
 * function as it would before a snapshot). Events go in and results come out as the JSON bytes Lambda
 * carries; this class never looks inside them.
 */
public final class RuntimeApi implements AutoCloseable {
    private static final String BASE = "/2018-06-01/runtime";

    /** What the function answered: the payload (response JSON, or the error JSON when errorType is set). */
    public record Result(byte[] payload, String errorType) {
        public boolean failed() {
            return errorType != null;
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private record Invocation(String id, byte[] event, long timeoutMs, CompletableFuture<Void> started, CompletableFuture<Result> result) {
    }

    /** One queued invocation: started when the runtime takes it (its timeout runs from then), then its result. */
    public record Call(CompletableFuture<Void> started, CompletableFuture<Result> result) {
    }

    private final String functionArn;
    private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Result> initError = new CompletableFuture<>();
    private final CompletableFuture<Void> firstNext = new CompletableFuture<>();
    private volatile boolean restoreServed;
    private final HttpServer server;
    private final ExecutorService pool;

    public RuntimeApi(String functionName) throws IOException {
        this.functionArn = "arn:aws:lambda:cn-north-1:000000000000:function:" + functionName;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        // A long poll on /next holds a thread while the response of the previous call is posted: more than one thread.
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api-" + functionName);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext(BASE + "/", this::serve);
        server.start();
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues one invocation; the future completes when the runtime posts its response or error. */
    public CompletableFuture<Result> invoke(byte[] event, long timeoutMs) {
        return submit(event, timeoutMs).result();
    }

    /** Queues one invocation; timeoutMs is the function's timeout, its deadline counted from when the runtime takes it. */
    public Call submit(byte[] event, long timeoutMs) {
        Invocation inv = new Invocation(UUID.randomUUID().toString(), event, timeoutMs, new CompletableFuture<>(), new CompletableFuture<>());
        if (initError.isDone()) {
            inv.started().complete(null);
            inv.result().complete(initError.join());
        } else {
            queue.add(inv);
        }
        return new Call(inv.started(), inv.result());
    }

    /** Completes when the runtime reports an init error (then it exits, and every queued invocation fails with it). */
    public CompletableFuture<Result> initError() {
        return initError;
    }

    /** Completes when the runtime first asks for an invocation: init (and priming, if any) is over. */
    public CompletableFuture<Void> ready() {
        return firstNext;
    }

    public boolean restoreServed() {
        return restoreServed;
    }

    /** Fails what is queued or running (the runtime process died), as Lambda answers "Runtime exited". */
    public void failAll(String why) {
        Result r = new Result(("{\"errorMessage\":\"" + why.replace("\"", "'") + "\",\"errorType\":\"Runtime.ExitError\"}")
                .getBytes(StandardCharsets.UTF_8), "Runtime.ExitError");
        inFlight.values().forEach(i -> i.result().complete(r));
        inFlight.clear();
        for (Invocation i; (i = queue.poll()) != null; ) {
            i.started().complete(null);
            i.result().complete(r);
        }
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath().substring(BASE.length());
            String method = ex.getRequestMethod();
            byte[] body = readAll(ex.getRequestBody());
            if (method.equals("GET") && path.equals("/invocation/next")) {
                next(ex);
            } else if (method.equals("POST") && path.startsWith("/invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                String id = path.substring("/invocation/".length(), path.lastIndexOf('/'));
                Invocation inv = inFlight.remove(id);
                if (inv == null) {
                    send(ex, 400, "{\"errorMessage\":\"unknown or finished request id " + id + "\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                String errorType = path.endsWith("/error")
                        ? firstNonNull(ex.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"), "Unhandled") : null;
                inv.result().complete(new Result(body, errorType));
                send(ex, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.equals("/init/error")) {
                Result r = new Result(body, firstNonNull(ex.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"), "Runtime.InitError"));
                initError.complete(r);
                for (Invocation i; (i = queue.poll()) != null; ) {
                    i.started().complete(null);
                    i.result().complete(r);
                }
                send(ex, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("GET") && path.equals("/restore/next")) {
                restoreServed = true;
                send(ex, 200, "");
            } else if (method.equals("POST") && path.equals("/restore/error")) {
                initError.complete(new Result(body, "Runtime.RestoreError"));
                send(ex, 202, "{\"status\":\"OK\"}");
            } else {
                send(ex, 404, "{\"errorMessage\":\"no such Runtime API path\",\"errorType\":\"NotFound\"}");
            }
        }
    }

    private void next(HttpExchange ex) throws IOException {
        firstNext.complete(null);
        Invocation inv;
        try {
            inv = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        inFlight.put(inv.id(), inv);
        inv.started().complete(null);
        var h = ex.getResponseHeaders();
        h.set("Content-Type", "application/json");
        h.set("Lambda-Runtime-Aws-Request-Id", inv.id());
        h.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + inv.timeoutMs()));
        h.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        h.set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + inv.id().replace("-", "").substring(0, 24) + ";Sampled=0");
        ex.sendResponseHeaders(200, inv.event().length == 0 ? -1 : inv.event().length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(inv.event());
        }
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
