package org.bangfu.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bangfu.bench.probe.BenchEvents;
import org.bangfu.local.dynamodb.Template;
import org.bangfu.runtime.Packager;
import org.bangfu.runtime.RuntimeApi;

/**
 * Cold starts of the custom runtime (provided.al2023): the function's package, unchanged, in a fresh
 * process (bootstrap → its own JDK with the function's AOT cache → the Runtime Interface Client →
 * the handler) with the request already waiting at its local Runtime API; wall time from process start
 * to the answer posted back. In the same shuffled rounds: a hello world packaged the same way, and the
 * plain-JVM runs of {@link ColdStartBench} (the function's jar with Lambda's managed-runtime flags),
 * so the ratios compare like with like. Also: peak resident memory of the custom runtime's process and
 * the size of each package.
 */
final class CustomRuntimeBench {
    static final String HELLO = "HelloWorld";
    static final String SUFFIX = " (custom runtime)";

    record Sizes(long zipBytes, long unpackedBytes, long cacheBytes) {
    }

    private final ColdStartBench cold;
    private final Path packages;
    private final Map<String, String> env;

    CustomRuntimeBench(ColdStartBench cold, Path packages, Map<String, String> env) {
        this.cold = cold;
        this.packages = packages;
        this.env = env;
    }

    /** Packages the hello world the same way as the functions (its own AOT cache, trained on one invocation). */
    Packager.Function hello(Path helloJar) throws Exception {
        Packager.Function f = new Packager.Function(HELLO, "org.bangfu.bench.hello.HelloHandler::handleRequest", helloJar, "Schedule", null);
        Path dir = packages.resolve(HELLO);
        if (Packager.stage(f, dir) || !Files.exists(dir.resolve("function.aot"))) Packager.train(f, dir);
        return f;
    }

    Map<String, ColdStartBench.Result> run(List<ColdStartBench.Target> targets, Packager.Function hello, int rounds) throws Exception {
        Map<String, Packager.Function> fns = new HashMap<>();
        for (Packager.Function f : Packager.functions(Template.ofProject())) fns.put(f.id(), f);
        fns.put(HELLO, hello);
        List<ColdStartBench.Target> plain = new ArrayList<>();
        plain.add(new ColdStartBench.Target(HELLO, "org.bangfu.bench.hello.HelloHandler", cold.helloClassPath()));
        plain.addAll(targets);
        Map<String, ColdStartBench.Result> results = new LinkedHashMap<>();
        record Entry(ColdStartBench.Target target, boolean custom) {
        }
        List<Entry> entries = new ArrayList<>();
        for (ColdStartBench.Target t : plain) {
            if (!Files.exists(packages.resolve(t.id()).resolve("function.aot"))) {
                throw new IllegalStateException("no trained custom-runtime package for " + t.id() + " in " + packages
                        + ": build with -Dcustom-runtime.train=all (bench/run.sh does)");
            }
            entries.add(new Entry(t, false));
            entries.add(new Entry(t, true));
        }
        for (Entry e : entries) results.put(e.target().id() + (e.custom() ? SUFFIX : ""), new ColdStartBench.Result(e.target()));
        Random random = new Random(7);
        for (int r = -1; r < rounds; r++) { // round -1: warm-up, not counted
            List<Entry> order = new ArrayList<>(entries);
            Collections.shuffle(order, random);
            for (Entry e : order) {
                Path spec = cold.spec(e.target(), r);
                ColdStartBench.Run run = e.custom() ? custom(fns.get(e.target().id()), spec) : cold.plain(e.target(), spec);
                if (r < 0) continue;
                ColdStartBench.Result res = results.get(e.target().id() + (e.custom() ? SUFFIX : ""));
                if (run.outcome().startsWith("FAIL")) {
                    res.failures.add(run.outcome());
                    continue;
                }
                res.wall.add(run.wallMs());
                res.init.add(run.initMs()); // custom runtime: peak RSS in MB (see report)
                res.cpu.add(run.cpuMs());
            }
            if (r >= 0) System.err.printf("  cold start [custom runtime vs plain JVM] round %d/%d done%n", r + 1, rounds);
        }
        return results;
    }

    /** One cold start of a package: the request is queued at its Runtime API before the process starts. */
    private ColdStartBench.Run custom(Packager.Function f, Path specFile) throws Exception {
        Properties spec = new Properties();
        try (var r = Files.newBufferedReader(specFile, StandardCharsets.UTF_8)) {
            spec.load(r);
        }
        Path dir = packages.resolve(f.id());
        Object event = BenchEvents.build(spec);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        serializer(event.getClass()).toJson(event, json);
        try (RuntimeApi api = new RuntimeApi(f.id())) {
            var answer = api.invoke(json.toByteArray(), 10_000);
            ProcessBuilder pb = new ProcessBuilder(dir.resolve("bootstrap").toString()).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().put("PATH", "/usr/bin:/bin");
            pb.environment().putAll(Packager.environment(f, dir, api.address()));
            pb.environment().putAll(env);
            Path log = Files.createTempFile("bangfu-custom-", ".log");
            pb.redirectOutput(log.toFile());
            long start = System.nanoTime();
            Process p = pb.start();
            RuntimeApi.Result result;
            try {
                result = answer.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                p.destroyForcibly();
                return new ColdStartBench.Run(0, 0, 0, 0, 0, "FAIL timeout " + f.id() + " (custom runtime), see " + log);
            }
            double wall = (System.nanoTime() - start) / 1e6;
            double rssMb = procStatus(p.pid(), "VmHWM:") / 1024.0;
            double cpuMs = cpuMs(p.pid());
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            String outcome = result.failed() ? "error:" + result.errorType() : outcome(spec.getProperty("event", "map"), result.payload());
            String want = spec.getProperty("expect");
            String wantPrefix = spec.getProperty("expect-prefix");
            boolean ok = want != null ? outcome.equals(want) : outcome.startsWith(wantPrefix.replace(' ', '_'));
            if (!ok) return new ColdStartBench.Run(0, 0, 0, 0, 0, "FAIL " + f.id() + " (custom runtime) answered " + outcome + ": "
                    + result.text() + " " + Files.readString(log).lines().limit(20).toList());
            Files.deleteIfExists(log);
            return new ColdStartBench.Run(wall, rssMb, 0, 0, cpuMs, outcome);
        }
    }

    private static String outcome(String kind, byte[] payload) {
        return switch (kind) {
            case "http" -> Integer.toString(((APIGatewayV2HTTPResponse) serializer(APIGatewayV2HTTPResponse.class)
                    .fromJson(new ByteArrayInputStream(payload))).getStatusCode());
            case "dynamodb" -> {
                var failures = ((StreamsEventResponse) serializer(StreamsEventResponse.class).fromJson(new ByteArrayInputStream(payload)))
                        .getBatchItemFailures();
                yield failures == null || failures.isEmpty() ? "ok" : "failed:" + failures.size();
            }
            default -> {
                String s = new String(payload, StandardCharsets.UTF_8);
                yield (s.startsWith("\"") ? s.substring(1, s.length() - 1) : s).replace(' ', '_');
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Class<?> type) {
        ClassLoader loader = CustomRuntimeBench.class.getClassLoader();
        return (PojoSerializer<Object>) (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor(type, loader) : JacksonFactory.getInstance().getSerializer(type));
    }

    private static long procStatus(long pid, String key) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + "/status"))) {
            return lines.filter(l -> l.startsWith(key)).map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1L);
        } catch (Exception e) {
            return -1;
        }
    }

    private static double cpuMs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10.0; // utime + stime, in 10 ms clock ticks
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** Zip size (as deployed, JDK included), unpacked size and AOT cache size of one package. */
    Sizes sizes(String id) throws Exception {
        Path dir = packages.resolve(id);
        Path zip = Files.createTempFile("bangfu-package-", ".zip");
        try {
            Packager.zip(dir, zip);
            long unpacked;
            try (Stream<Path> s = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
                unpacked = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("training.log"))
                        .mapToLong(p -> p.toFile().length()).sum();
            }
            return new Sizes(Files.size(zip), unpacked, Files.size(dir.resolve("function.aot")));
        } finally {
            Files.deleteIfExists(zip);
        }
    }
}
