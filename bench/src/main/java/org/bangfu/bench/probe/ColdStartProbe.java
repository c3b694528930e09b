package org.bangfu.bench.probe;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Runs in a fresh JVM next to one function's deployable jar, and does what Lambda's runtime does
 * for a cold start: load the handler class by name, make it with its no-arg constructor (the init
 * phase), hand it one event, and report. The event is built from a small properties file the
 * orchestrator wrote (an HTTP API v2 event, a DynamoDB stream event, or a plain map), with the
 * builders of aws-lambda-java-events the function ships, so no JSON library of our own is loaded
 * on the probe's side.
 *
 * Prints one line: {@code @@RESULT <outcome> init=<ns> prime=<ns> invoke=<ns> cpu=<ns>}.
 * With {@code prime=true} in the spec, calls the handler's CRaC {@code beforeCheckpoint} between
 * init and the request: what SnapStart does before it takes the snapshot.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Properties spec = new Properties();
        try (Reader r = new InputStreamReader(Files.newInputStream(Path.of(args[0])), StandardCharsets.UTF_8)) {
            spec.load(r);
        }
        Object handler = Class.forName(spec.getProperty("handler")).getDeclaredConstructor().newInstance();
        long t1 = System.nanoTime();
        long prime = 0;
        if (Boolean.parseBoolean(spec.getProperty("prime", "false"))) {
            prime = Priming.run(handler);
        }
        long t2 = System.nanoTime();
        String kind = spec.getProperty("event", "map");
        Object event = switch (kind) {
            case "http" -> HttpEvents.build(spec);
            case "dynamodb" -> StreamEvents.build(spec);
            default -> mapEvent(spec);
        };
        Object out;
        String outcome;
        try {
            out = ((RequestHandler) handler).handleRequest(event, new ProbeContext(spec.getProperty("function", "probe")));
            outcome = switch (kind) {
                case "http" -> HttpEvents.outcome(out);
                case "dynamodb" -> StreamEvents.outcome(out);
                default -> String.valueOf(out).replace('\n', ' ');
            };
        } catch (RuntimeException e) {
            // As Lambda would report it: the function threw. A LinkageError (a class missing from a
            // minimized jar) is not caught here: the probe dies and the run fails loudly.
            outcome = "threw:" + e.getClass().getSimpleName();
        }
        long t3 = System.nanoTime();
        // CPU time of the whole process so far (all threads, JVM boot included): less sensitive to a busy machine than wall time.
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
        System.out.println("@@RESULT " + outcome.replace(' ', '_') + " init=" + (t1 - t0) + " prime=" + prime + " invoke=" + (t3 - t2) + " cpu=" + cpu);
        System.out.flush();
    }

    private static Map<String, Object> mapEvent(Properties spec) {
        Map<String, Object> m = new HashMap<>();
        for (String k : spec.stringPropertyNames()) {
            if (k.startsWith("map.")) m.put(k.substring(4), spec.getProperty(k));
        }
        return m;
    }
}
