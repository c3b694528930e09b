package org.bangfu.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bangfu.runtime.Packager;
import org.bangfu.runtime.RuntimeApi;

/**
 * One function as Lambda runs a custom runtime: its unchanged {@code bootstrap} in a child process
 * (one execution environment, started on the first invocation: a cold start), talking to its own
 * local {@link RuntimeApi}. Events go in as the JSON Lambda sends and answers come back as the JSON the
 * runtime posts, both through Lambda's serialization library, chosen as the Runtime Interface Client
 * chooses it (its event mix-ins for Lambda's event classes, plain Jackson otherwise). A function error
 * becomes an exception, as the in-process handler's would; a runtime that dies is started again on the
 * next invocation; one past its timeout is killed, as Lambda does.
 */
final class LambdaProcess implements RequestHandler<Object, Object>, AutoCloseable {
    private final Packager.Function function;
    private final Path taskRoot;
    private final Map<String, String> environment;
    private static final int INIT_SECONDS = 120;
    private final PojoSerializer<Object> events;
    private final PojoSerializer<Object> responses;
    private final int timeoutSeconds;
    private Process process;
    private RuntimeApi api;

    LambdaProcess(Packager.Function function, Path taskRoot, Map<String, String> environment, Class<?> eventType,
                  Class<?> responseType, int timeoutSeconds) {
        if (!Files.isExecutable(taskRoot.resolve("bootstrap"))) {
            throw new IllegalStateException("no custom-runtime package for " + function.id() + " in " + taskRoot
                    + ": build it first (mvn install -DskipTests, see README \"Custom runtime\")");
        }
        this.function = function;
        this.taskRoot = taskRoot;
        this.environment = environment;
        this.events = serializer(eventType);
        this.responses = serializer(responseType);
        this.timeoutSeconds = timeoutSeconds;
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Class<?> type) {
        ClassLoader loader = LambdaProcess.class.getClassLoader();
        return (PojoSerializer<Object>) (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor(type, loader) : JacksonFactory.getInstance().getSerializer(type));
    }

    @Override
    public Object handleRequest(Object event, Context context) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        events.toJson(event, json);
        RuntimeApi current = environment();
        RuntimeApi.Result result;
        RuntimeApi.Call call = current.submit(json.toByteArray(), timeoutSeconds * 1000L);
        try {
            // Lambda gives init its own 10 s; a busy laptop may need more, so waiting for the runtime to take the event is generous.
            call.started().get(INIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            kill();
            throw new IllegalStateException(function.id() + ": the runtime did not ask for the invocation within " + INIT_SECONDS + " s (stopped)");
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(function.id() + " failed", e);
        }
        try {
            result = call.result().get(timeoutSeconds + 1L, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            kill(); // as Lambda does: the environment that timed out is not reused
            throw new IllegalStateException(function.id() + ": Task timed out after " + timeoutSeconds + " s (runtime stopped)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(function.id() + " interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(function.id() + " failed", e.getCause());
        }
        if (result.failed()) throw new FunctionError(function.id(), result.errorType(), result.text());
        return responses.fromJson(new ByteArrayInputStream(result.payload()));
    }

    /** The function answered with an error (its handler threw, or its init failed): what Lambda reports. */
    static final class FunctionError extends RuntimeException {
        FunctionError(String function, String type, String body) {
            super(function + " " + type + ": " + body);
        }
    }

    /** The running environment, or a new one (a cold start) when there is none or the last one died. */
    private synchronized RuntimeApi environment() {
        if (process != null && process.isAlive() && !api.initError().isDone()) return api;
        kill();
        try {
            api = new RuntimeApi(function.id());
            ProcessBuilder pb = new ProcessBuilder(taskRoot.resolve("bootstrap").toString()).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().put("PATH", "/usr/bin:/bin");
            pb.environment().putAll(Packager.environment(function, taskRoot, api.address()));
            pb.environment().putAll(environment); // the platform's: DYNAMODB_ENDPOINT, TABLE_NAME
            Process started = pb.start();
            // The function's log lines go to this JVM's stdout, one by one, as CloudWatch Logs would collect them.
            Thread logs = new Thread(() -> {
                try (var lines = started.inputReader(java.nio.charset.StandardCharsets.UTF_8)) {
                    for (String line; (line = lines.readLine()) != null; ) System.out.println(line);
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "logs-" + function.id());
            logs.setDaemon(true);
            logs.start();
            RuntimeApi mine = api;
            started.onExit().thenRun(() -> mine.failAll(function.id() + ": Runtime exited with status " + started.exitValue()));
            process = started;
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + function.id() + "'s bootstrap", e);
        }
    }

    private synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        if (api != null) {
            api.close();
            api = null;
        }
    }

    @Override
    public void close() {
        kill();
    }
}
