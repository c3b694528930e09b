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
import org.bangfu.api.Services;
import org.bangfu.local.dynamodb.DynamoDbLocal;
import org.bangfu.local.dynamodb.LocalTable;
import org.bangfu.local.dynamodb.Template;
import org.bangfu.store.Dynamo;

/**
 * ./bench/run.sh [what…] [--rounds N] [--out FILE]: runs the benchmarks against a DynamoDB Local of
 * its own and writes a Markdown report (machine, date, figures) to FILE (default bench/results/latest.md).
 * what: sizes coldstart appcds primed warm contention listing (default: all of them).
 */
public final class Bench {
    public static final String TABLE = "bangfu-bench";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> what = new ArrayList<>();
        int rounds = 10;
        Path root = Template.projectRoot();
        Path out = root.resolve("bench/results/latest.md");
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]).toAbsolutePath();
                case "--only" -> only.addAll(List.of(args[++i].split(",")));
                default -> what.add(args[i]);
            }
        }
        if (what.isEmpty() || what.contains("all")) {
            what = List.of("sizes", "coldstart", "appcds", "primed", "warm", "contention", "listing");
        }
        Report report = new Report();
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
                lambda = cold.run(functions, rounds, "lambda");
                report.coldStart("Lambda's flags (the headline figure)", lambda, null);
            }
            if (what.contains("appcds")) {
                report.coldStart("with an AppCDS archive per jar (a lever outside Lambda's managed runtime, see below)",
                        cold.run(functions, rounds, "appcds"), lambda);
            }
            if (what.contains("primed")) {
                report.primed(cold.run(functions, rounds, "primed"), lambda);
            }
        } finally {
            dynamo.close();
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.text(), StandardCharsets.UTF_8);
        System.out.println(report.text());
        System.out.println("written to " + out);
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
