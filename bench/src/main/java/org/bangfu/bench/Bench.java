package org.bangfu.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bangfu.lambda.Services;
import org.bangfu.local.dynamodb.DynamoDbLocal;
import org.bangfu.local.dynamodb.LocalTable;
import org.bangfu.local.dynamodb.Template;
import org.bangfu.store.Dynamo;

/**
 * ./bench/run.sh [what…] [--rounds N] [--out FILE]: runs the benchmarks against a DynamoDB Local of
 * its own and writes a Markdown report (machine, date, figures) to FILE (default bench/results/latest.md).
 * what: sizes coldstart appcds primed powertools custom warm contention listing donor (default: all of them).
 * --jdk17-build DIR [--jdk17-home JDK]: the cold-start part also runs, in the same shuffled rounds,
 * the function jars of DIR (a build of the project for Java 17) on that JDK, and its hello world.
 */
public final class Bench {
    public static final String TABLE = "bangfu-bench";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> what = new ArrayList<>();
        int rounds = 10;
        int needs = 10_000;
        Path root = Template.projectRoot();
        Path out = root.resolve("bench/results/latest.md");
        List<String> only = new ArrayList<>();
        Path jdk17Build = null; // a checkout of the last Java 17 commit, built: its function jars run on JDK 17 beside ours
        Path jdk17Home = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]).toAbsolutePath();
                case "--only" -> only.addAll(List.of(args[++i].split(",")));
                case "--needs" -> needs = Integer.parseInt(args[++i]);
                case "--jdk17-build" -> jdk17Build = Path.of(args[++i]).toAbsolutePath();
                case "--jdk17-home" -> jdk17Home = Path.of(args[++i]).toAbsolutePath();
                default -> what.add(args[i]);
            }
        }
        if (what.isEmpty() || what.contains("all")) {
            what = List.of("sizes", "coldstart", "appcds", "primed", "powertools", "custom", "warm", "contention", "listing", "donor");
        }
        Report report = new Report(out);
        report.machine(rounds);

        List<ColdStartBench.Target> functions = ColdStartBench.functions(root);
        if (!only.isEmpty()) functions = functions.stream().filter(t -> only.contains(t.id())).toList();
        if (what.contains("sizes")) report.sizes(functions);

        DynamoDbLocal dynamo = DynamoDbLocal.start(null, 0);
        try {
            System.setProperty("DYNAMODB_ENDPOINT", dynamo.endpoint());
            System.setProperty("TABLE_NAME", TABLE);
            System.setProperty("AWS_REGION", "cn-north-1");
            System.setProperty("aws.accessKeyId", "local");
            System.setProperty("aws.secretAccessKey", "local");
            LocalTable.create(Dynamo.client(), Template.ofProject(), TABLE);
            Fixtures fixtures = new Fixtures(Services.live());

            Path work = Files.createTempDirectory("bangfu-bench-");
            Path target = root.resolve("bench/target");
            Path hello = target.resolve("bench-hello.jar");
            Path lambdaCore = lib(target, "aws-lambda-java-core-");
            Map<String, String> env = new LinkedHashMap<>();
            env.put("TABLE_NAME", TABLE);
            env.put("AWS_REGION", "cn-north-1");
            env.put("DYNAMODB_ENDPOINT", dynamo.endpoint());
            env.put("AWS_ACCESS_KEY_ID", "local");
            env.put("AWS_SECRET_ACCESS_KEY", "local");
            env.put("AWS_SESSION_TOKEN", "local");
            env.put("LANG", "en_US.UTF-8");
            env.put("TZ", ":UTC");
            ColdStartBench cold = new ColdStartBench(fixtures, target.resolve("bench-probe.jar"),
                    Path.of(hello + java.io.File.pathSeparator + lambdaCore), work, env);
            report.coldFlags(ColdStartBench.LAMBDA_FLAGS, cold.javaToolOptions());
            if (what.contains("sizes")) {
                report.smoke(cold.smokeWithoutEndpoint(functions));
            }
            if (what.contains("prepare")) {
                // For profiling by hand: one spec per function and the command that runs it, then wait.
                for (ColdStartBench.Target t : functions) {
                    System.out.println(cold.commandLine(t, cold.spec(t, 0)));
                }
                System.out.println("DynamoDB Local at " + dynamo.endpoint() + "; Ctrl-C to stop.");
                Thread.currentThread().join();
            }
            Map<String, ColdStartBench.Result> lambda = null;
            if (what.contains("coldstart")) {
                List<ColdStartBench.Target> targets = new ArrayList<>(functions);
                Path java17 = null;
                if (jdk17Build != null) {
                    java17 = jdk17Home.resolve("bin/java");
                    for (ColdStartBench.Target t : functions) {
                        Path old = jdk17Build.resolve(root.relativize(t.jar()));
                        if (Files.isRegularFile(old)) targets.add(new ColdStartBench.Target(t.id() + "@17", t.handler(), old, java17));
                    }
                }
                lambda = cold.run(targets, rounds, "lambda", java17);
                report.coldStart("Lambda's flags (the headline figure)" + (java17 != null ? "; JDK 25 and, marked @17, the Java 17 build on JDK 17" : ""), lambda, null);
            }
            if (what.contains("appcds")) {
                report.coldStart("with an AppCDS archive per jar (a lever outside Lambda's managed runtime, see below)",
                        cold.run(functions, rounds, "appcds"), lambda);
            }
            if (what.contains("primed")) {
                report.primed(cold.run(functions, rounds, "primed"), lambda);
            }
            if (what.contains("powertools")) {
                String ptLib = target.resolve("powertools-lib") + java.io.File.separator + "*";
                String sep = java.io.File.pathSeparator;
                Path claimJar = root.resolve("functions/claim-need/target/claim-need-lambda.jar");
                List<ColdStartBench.Target> pt = List.of(
                        new ColdStartBench.Target("PowertoolsHello", "org.bangfu.bench.powertools.PowertoolsHello",
                                Path.of(target.resolve("bench-powertools.jar") + sep + lambdaCore + sep + ptLib)),
                        new ColdStartBench.Target("ClaimNeedFunction", "org.bangfu.fn.claimneed.ClaimNeedHandler", claimJar),
                        new ColdStartBench.Target("PowertoolsClaimNeed", "org.bangfu.bench.powertools.PowertoolsClaimNeed",
                                Path.of(claimJar + sep + target.resolve("bench-powertools.jar") + sep + ptLib)));
                report.powertools(cold.run(pt, rounds, "lambda"));
            }
            if (what.contains("custom")) {
                CustomRuntimeBench custom = new CustomRuntimeBench(cold, root.resolve("infra/local/runner/target/custom-runtime"), env);
                var helloPackage = custom.hello(hello);
                Map<String, CustomRuntimeBench.Sizes> sizes = new LinkedHashMap<>();
                sizes.put(CustomRuntimeBench.HELLO, custom.sizes(CustomRuntimeBench.HELLO));
                for (ColdStartBench.Target t : functions) sizes.put(t.id(), custom.sizes(t.id()));
                report.customRuntime(custom.run(functions, helloPackage, rounds), sizes);
            }
            if (what.contains("warm")) {
                Path md = work.resolve("warm.md");
                child(root, env, List.of(WarmPathBench.class.getName(), md.toString(), Integer.toString(rounds * 500)), ColdStartBench.LAMBDA_FLAGS);
                report.section(Files.readString(md));
            }
        } finally {
            dynamo.close();
        }
        if (what.contains("contention") || what.contains("listing")) {
            Path md = Files.createTempFile("bangfu-contention-", ".md");
            child(root, Map.of(), List.of(ContentionBench.class.getName(), md.toString(), what.contains("contention") ? "5" : "0",
                    what.contains("listing") ? Integer.toString(needs) : "0"), List.of("-XX:+UseSerialGC", "-Xmx2g"));
            report.section(Files.readString(md));
        }
        if (what.contains("donor")) {
            // Its own whole platform (DynamoDB Local, S3, gateway, functions as custom-runtime processes).
            Path md = Files.createTempFile("bangfu-donor-", ".md");
            child(root, Map.of(), List.of(DonorPathBench.class.getName(), md.toString(), Integer.toString(Math.max(10, rounds * 2))),
                    List.of("-XX:+UseSerialGC", "-Xmx1g"));
            report.section(Files.readString(md));
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.text(), StandardCharsets.UTF_8);
        System.out.println(report.text());
        System.out.println("written to " + out);
    }

    /** Runs one benchmark in a JVM of its own (the bench's class path, the given flags, the environment as system properties). */
    private static void child(Path root, Map<String, String> env, List<String> mainAndArgs, List<String> flags) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags);
        env.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        if (env.containsKey("AWS_ACCESS_KEY_ID")) {
            cmd.add("-Daws.accessKeyId=" + env.get("AWS_ACCESS_KEY_ID"));
            cmd.add("-Daws.secretAccessKey=" + env.get("AWS_SECRET_ACCESS_KEY"));
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(mainAndArgs);
        Path log = Files.createTempFile("bangfu-bench-child-", ".log");
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = p.waitFor();
        if (exit != 0) throw new IllegalStateException(mainAndArgs.get(0) + " failed (exit " + exit + "), see " + log);
        try (var lines = Files.lines(log)) {
            lines.filter(l -> l.startsWith("  ") || l.contains("FAILED")).forEach(System.err::println);
        }
    }

    private static Path lib(Path target, String prefix) throws IOException {
        try (var files = Files.list(target.resolve("lib"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(prefix + "*.jar not in " + target.resolve("lib")));
        }
    }

    static String now() {
        return ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
    }
}
