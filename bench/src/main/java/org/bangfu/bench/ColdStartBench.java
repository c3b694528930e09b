package org.bangfu.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bangfu.local.dynamodb.Template;

/**
 * Cold starts: for each function of template.yaml, a fresh JVM with Lambda's flags runs the
 * function's own deployable jar, makes the handler and hands it one real request against DynamoDB
 * Local. Wall time from process start to the handled request, compared with a hello-world
 * RequestHandler started the same way in the same rounds (in shuffled order, so drift on a noisy
 * machine hits every target alike).
 */
final class ColdStartBench {
    /** Lambda's java runtimes: serial GC, CDS on when possible, C1 only; plus the heap of a 1024 MB function. */
    static final List<String> LAMBDA_FLAGS = List.of("-XX:+UseSerialGC", "-Xshare:auto", "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1", "-Xmx870m", "-XX:MaxMetaspaceSize=256m", "-XX:ReservedCodeCacheSize=64m");

    /**
     * @param java the {@code java} binary to start it with; null for this JVM's own. An id may end in
     *             "@17" (the same function built for and run on JDK 17): its request is the function's.
     */
    record Target(String id, String handler, Path jar, Path java) {
        Target(String id, String handler, Path jar) {
            this(id, handler, jar, null);
        }

        String function() {
            return id.contains("@") ? id.substring(0, id.indexOf('@')) : id;
        }

        String javaBinary() {
            return (java != null ? java : Path.of(System.getProperty("java.home"), "bin", "java")).toString();
        }
    }

    record Run(double wallMs, double initMs, double primeMs, double invokeMs, double cpuMs, String outcome) {
    }

    static final class Result {
        final Target target;
        final Stats wall = new Stats();
        final Stats init = new Stats();
        final Stats prime = new Stats();
        final Stats invoke = new Stats();
        final Stats cpu = new Stats();
        final List<String> failures = new ArrayList<>();

        Result(Target target) {
            this.target = target;
        }
    }

    private final Fixtures fixtures;
    private final Path probeJar;
    private final Path helloClassPath;
    private final Path work;
    private final Map<String, String> env;
    private final String javaToolOptions;

    ColdStartBench(Fixtures fixtures, Path probeJar, Path helloClassPath, Path work, Map<String, String> env) {
        this.fixtures = fixtures;
        this.probeJar = probeJar;
        this.helloClassPath = helloClassPath;
        this.work = work;
        this.env = env;
        this.javaToolOptions = Template.ofProject().root().path("Globals").path("Function").path("Environment")
                .path("Variables").path("JAVA_TOOL_OPTIONS").asText("");
    }

    Path helloClassPath() {
        return helloClassPath;
    }

    String javaToolOptions() {
        return javaToolOptions;
    }

    static List<Target> functions(Path root) {
        List<Target> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> fn : Template.ofProject().resourcesOfType("AWS::Serverless::Function")) {
            JsonNode props = fn.getValue().path("Properties");
            String handler = props.path("Handler").asText().replaceAll("::.*", "");
            out.add(new Target(fn.getKey(), handler, root.resolve(props.path("CodeUri").asText())));
        }
        return out;
    }

    /**
     * @param variant "lambda": Lambda's flags; "appcds": the same plus an AppCDS archive made by a
     *                training run of that target; "primed": Lambda's flags, and the handler's CRaC
     *                beforeCheckpoint runs between init and the request (what SnapStart does before the snapshot)
     */
    Map<String, Result> run(List<Target> targets, int rounds, String variant) throws Exception {
        return run(targets, rounds, variant, null);
    }

    /** As above; with {@code java17}, also the hello world started by that JDK (the JDK 17 targets come in {@code targets}). */
    Map<String, Result> run(List<Target> targets, int rounds, String variant, Path java17) throws Exception {
        Target hello = new Target("HelloWorld", "org.bangfu.bench.hello.HelloHandler", helloClassPath);
        List<Target> all = new ArrayList<>();
        all.add(hello);
        if (java17 != null) all.add(new Target("HelloWorld@17", hello.handler(), helloClassPath, java17));
        all.addAll(targets);
        Map<String, Result> results = new LinkedHashMap<>();
        all.forEach(t -> results.put(t.id(), new Result(t)));
        Map<String, Path> archives = new LinkedHashMap<>();
        if (variant.equals("appcds")) {
            for (Target t : all) archives.put(t.id(), train(t));
        }
        Random random = new Random(42);
        // One warm-up round, not counted: the page cache holds every jar before we measure anything.
        for (Target t : all) once(t, spec(t, -1), archives.get(t.id()), variant);
        for (int r = 0; r < rounds; r++) {
            List<Target> order = new ArrayList<>(all);
            Collections.shuffle(order, random);
            for (Target t : order) {
                Run run = once(t, spec(t, r), archives.get(t.id()), variant);
                Result res = results.get(t.id());
                if (run.outcome().startsWith("FAIL")) {
                    res.failures.add(run.outcome());
                    continue;
                }
                res.wall.add(run.wallMs());
                res.init.add(run.initMs());
                res.prime.add(run.primeMs());
                res.invoke.add(run.invokeMs());
                res.cpu.add(run.cpuMs());
            }
            System.err.printf("  cold start [%s] round %d/%d done%n", variant, r + 1, rounds);
        }
        return results;
    }

    Path spec(Target t, int round) throws IOException {
        Properties p;
        if (t.function().endsWith("Hello") || t.function().equals("HelloWorld")) {
            p = new Properties();
            p.setProperty("function", "HelloWorld");
            p.setProperty("handler", t.handler());
            p.setProperty("event", "map");
            p.setProperty("map.name", "world");
            p.setProperty("expect", "hello_world");
        } else {
            p = fixtures.specFor(t.function(), t.handler(), round);
        }
        Path file = work.resolve(t.id().replace('@', '-') + "-" + round + ".properties");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
        return file;
    }

    /**
     * Every jar once more, without DYNAMODB_ENDPOINT: the SDK resolves DynamoDB's real endpoint for
     * the region (as in AWS), fails to reach it (no network here) and the function answers as it
     * would then (503, a failed batch, a thrown exception). What matters is that no class is missing
     * from a minimized jar on that path. Returns one line per function.
     */
    List<String> smokeWithoutEndpoint(List<Target> targets) throws Exception {
        List<String> out = new ArrayList<>();
        Map<String, String> saved = new LinkedHashMap<>(env);
        env.remove("DYNAMODB_ENDPOINT");
        try {
            for (Target t : targets) {
                Path spec = spec(t, -3);
                Properties p = new Properties();
                try (var r = Files.newBufferedReader(spec, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                p.remove("expect-prefix");
                p.setProperty("expect", switch (p.getProperty("event")) {
                    case "http" -> "503";
                    case "dynamodb" -> "failed:1";
                    default -> "threw:SdkClientException";
                });
                try (Writer w = Files.newBufferedWriter(spec, StandardCharsets.UTF_8)) {
                    p.store(w, null);
                }
                Run run = launch(t, spec, List.of(), false);
                out.add(t.id() + ": " + (run.outcome().startsWith("FAIL") ? run.outcome().lines().findFirst().orElse("") : "ok (" + run.outcome() + ")"));
            }
        } finally {
            env.clear();
            env.putAll(saved);
        }
        return out;
    }

    /** A shell command line that runs one cold start by hand (for profiling with -Xlog:class+load and the like). */
    String commandLine(Target t, Path spec) {
        StringBuilder b = new StringBuilder("env -i");
        env.forEach((k, v) -> b.append(' ').append(k).append("='").append(v).append('\''));
        b.append(" JAVA_TOOL_OPTIONS='").append(javaToolOptions).append("' ");
        b.append(t.javaBinary()).append(' ').append(String.join(" ", LAMBDA_FLAGS));
        b.append(" -cp ").append(t.jar()).append(java.io.File.pathSeparator).append(probeJar);
        b.append(" org.bangfu.bench.probe.ColdStartProbe ").append(spec);
        return b.toString();
    }

    /** A training run that writes an AppCDS archive of the classes this target loads for one request. */
    private Path train(Target t) throws Exception {
        Path archive = work.resolve(t.id() + ".jsa");
        Files.deleteIfExists(archive);
        Run run = launch(t, spec(t, -2), List.of("-XX:ArchiveClassesAtExit=" + archive), false);
        if (run.outcome().startsWith("FAIL") || !Files.exists(archive)) {
            throw new IllegalStateException("AppCDS training run of " + t.id() + " failed: " + run.outcome());
        }
        return archive;
    }

    /** One plain-JVM cold start with Lambda's flags (for runs that mix it with other modes). */
    Run plain(Target t, Path spec) throws Exception {
        return launch(t, spec, List.of(), false);
    }

    private Run once(Target t, Path spec, Path archive, String variant) throws Exception {
        List<String> extra = new ArrayList<>();
        if (archive != null) extra.add("-XX:SharedArchiveFile=" + archive);
        return launch(t, spec, extra, variant.equals("primed"));
    }

    private Run launch(Target t, Path spec, List<String> extraFlags, boolean prime) throws Exception {
        if (prime) {
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(spec, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            p.setProperty("prime", "true");
            try (Writer w = Files.newBufferedWriter(spec, StandardCharsets.UTF_8)) {
                p.store(w, null);
            }
        }
        Properties expected = new Properties();
        try (var r = Files.newBufferedReader(spec, StandardCharsets.UTF_8)) {
            expected.load(r);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(t.javaBinary());
        cmd.addAll(LAMBDA_FLAGS);
        cmd.addAll(extraFlags);
        cmd.add("-cp");
        cmd.add(t.jar() + java.io.File.pathSeparator + probeJar);
        cmd.add("org.bangfu.bench.probe.ColdStartProbe");
        cmd.add(spec.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        if (!javaToolOptions.isBlank()) pb.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
        pb.environment().put("AWS_LAMBDA_FUNCTION_NAME", t.function());
        long start = System.nanoTime();
        Process process = pb.start();
        String result = null;
        double wall = 0;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("@@RESULT ") && result == null) {
                    wall = (System.nanoTime() - start) / 1e6;
                    result = line;
                } else if (output.length() < 4000) {
                    output.append(line).append('\n');
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(0, 0, 0, 0, 0, "FAIL timeout " + t.id());
        }
        if (result == null) return new Run(0, 0, 0, 0, 0, "FAIL " + t.id() + " exit " + process.exitValue() + ": " + output);
        String[] parts = result.split(" ");
        String outcome = parts[1];
        String want = expected.getProperty("expect");
        String wantPrefix = expected.getProperty("expect-prefix");
        boolean ok = want != null ? outcome.equals(want) : outcome.startsWith(wantPrefix.replace(' ', '_'));
        if (!ok) return new Run(0, 0, 0, 0, 0, "FAIL " + t.id() + " answered " + outcome + " (expected " + (want != null ? want : wantPrefix) + "): " + output);
        return new Run(wall, nanos(parts[2]) / 1e6, nanos(parts[3]) / 1e6, nanos(parts[4]) / 1e6, nanos(parts[5]) / 1e6, outcome);
    }

    private static double nanos(String kv) {
        return Long.parseLong(kv.substring(kv.indexOf('=') + 1));
    }
}
