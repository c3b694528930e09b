package org.bangfu.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bangfu.local.dynamodb.Template;
import org.bangfu.runtime.Packager;

/**
 * The functions of template.yaml, made the way Lambda makes them: the handler class's no-arg
 * constructor, in this JVM; or, with LAMBDA_PROCESSES=true, each function's custom-runtime package
 * (bootstrap, its own JDK, its AOT cache) in a child process behind a local Runtime API.
 */
final class Functions {
    /** Where the build stages the custom-runtime packages (infra/local/runner/pom.xml runs the packager). */
    static final Path PACKAGES = Template.projectRoot().resolve("infra/local/runner/target/custom-runtime");

    static final int LOCAL_TIMEOUT_FACTOR = 6;
    private static final List<LambdaProcess> processes = new CopyOnWriteArrayList<>();
    private static volatile Map<String, String> processEnvironment; // null: in-process

    private Functions() {
    }

    /** From now on every function made here is a child process with this environment on top of Lambda's. */
    static synchronized void useProcesses(Map<String, String> environment) {
        if (processEnvironment == null) {
            Runtime.getRuntime().addShutdownHook(new Thread(Functions::closeProcesses, "stop-lambda-processes"));
        }
        processEnvironment = new java.util.concurrent.ConcurrentHashMap<>(environment);
    }

    /** Settings known only once the gateway listens (the token issuer's): processes started later see them. */
    static void addToProcessEnvironment(Map<String, String> settings) {
        if (processEnvironment != null) processEnvironment.putAll(settings);
    }

    static boolean processes() {
        return processEnvironment != null;
    }

    /** The function's handler: the class itself, or the child process that runs its package. */
    static <T> T create(String functionId, String handler, Class<?> eventType, Class<?> responseType) {
        if (processEnvironment == null) return create(handler);
        Template template = Template.ofProject();
        JsonNode props = template.resources().path(functionId).path("Properties");
        Packager.Function f = Packager.functions(template).stream().filter(x -> x.id().equals(functionId)).findFirst().orElseThrow();
        int timeout = props.path("Timeout").asInt(template.root().path("Globals").path("Function").path("Timeout").asInt(3));
        // Six times the template's timeout: a first request on a busy shared 2-core machine is several times slower than on Lambda.
        timeout *= LOCAL_TIMEOUT_FACTOR;
        LambdaProcess p = new LambdaProcess(f, PACKAGES.resolve(functionId), processEnvironment, eventType, responseType, timeout);
        processes.add(p);
        @SuppressWarnings("unchecked")
        T handlerProxy = (T) p;
        return handlerProxy;
    }

    /** Stops every child process (platform shutdown). */
    /** Ends every function's process; each starts again (cold) on its next invocation. */
    static void stopProcesses() {
        processes.forEach(LambdaProcess::close);
    }

    static void closeProcesses() {
        processes.forEach(LambdaProcess::close);
        processes.clear();
    }

    @SuppressWarnings("unchecked")
    static <T> T create(String handlerSpec) {
        String className = handlerSpec.contains("::") ? handlerSpec.substring(0, handlerSpec.indexOf("::")) : handlerSpec;
        try {
            return (T) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create handler " + handlerSpec, e);
        }
    }

    /** A function and one of its events of the given type (DynamoDB, Schedule, …). */
    record Triggered(String functionId, String handler, JsonNode eventProperties) {
    }

    static List<Triggered> withEvent(Template template, String eventType) {
        List<Triggered> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> fn : template.resourcesOfType("AWS::Serverless::Function")) {
            JsonNode props = fn.getValue().path("Properties");
            props.path("Events").forEach(e -> {
                if (eventType.equals(e.path("Type").asText())) {
                    out.add(new Triggered(fn.getKey(), props.path("Handler").asText(), e.path("Properties")));
                }
            });
        }
        return out;
    }
}
