package org.bangfu.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/** The Markdown the benchmarks write: what ran where, then one table per benchmark. */
final class Report {
    private final StringBuilder md = new StringBuilder();
    private final java.nio.file.Path file;

    /** The report is rewritten after every part, so a part that fails loses nothing measured before it. */
    Report(java.nio.file.Path file) {
        this.file = file;
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, md.toString(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String text() {
        return md.toString();
    }

    void machine(int rounds) {
        md.append("# Benchmark run ").append(Bench.now()).append("\n\n");
        md.append("- machine: `nproc` = ").append(sh("nproc")).append(", memory ").append(sh("free -h | awk '/^Mem:/ {print $2}'"))
                .append(", CPU ").append(sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2")).append('\n');
        md.append("- java: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
                .append(" (").append(System.getProperty("java.vendor")).append(")\n");
        md.append("- load average at start: ").append(sh("cut -d' ' -f1-3 /proc/loadavg")).append('\n');
        md.append("- rounds per cold-start target: ").append(rounds).append(" (after one unmeasured warm-up round)\n\n");
        save();
    }

    void sizes(List<ColdStartBench.Target> functions) throws IOException {
        md.append("## Package sizes (deployable artifact of each function, limit 8 MB)\n\n");
        md.append("| function | artifact | bytes | MB | classes | ≤ 8 MB |\n|---|---|---:|---:|---:|:-:|\n");
        for (ColdStartBench.Target t : functions) {
            long bytes = Files.size(t.jar());
            long classes;
            try (ZipFile z = new ZipFile(t.jar().toFile())) {
                classes = z.stream().filter(e -> e.getName().endsWith(".class")).count();
            }
            md.append("| ").append(t.id()).append(" | `").append(t.jar().getFileName()).append("` | ").append(bytes).append(" | ")
                    .append(String.format("%.2f", bytes / 1024.0 / 1024.0)).append(" | ").append(classes).append(" | ")
                    .append(bytes <= 8L * 1024 * 1024 ? "yes" : "**no**").append(" |\n");
        }
        md.append('\n');
        save();
    }

    void smoke(List<String> lines) {
        md.append("Every minimized jar also ran once without an endpoint override (the SDK resolves DynamoDB's real endpoint for ")
                .append("cn-north-1 as in AWS, cannot reach it here, and the function answers 503 / fails the batch / throws, as it should):\n\n");
        lines.forEach(l -> md.append("- ").append(l).append('\n'));
        md.append('\n');
        save();
    }

    void coldFlags(List<String> flags, String javaToolOptions) {
        md.append("Cold-start JVM flags: `").append(String.join(" ", flags)).append("`, plus `JAVA_TOOL_OPTIONS=")
                .append(javaToolOptions).append("` from template.yaml.\n\n");
    }

    void coldStart(String title, Map<String, ColdStartBench.Result> results, Map<String, ColdStartBench.Result> reference) {
        ColdStartBench.Result hello = results.get("HelloWorld");
        double base = hello.wall.median();
        md.append("## Cold start, ").append(title).append("\n\n");
        ColdStartBench.Result hello17 = results.get("HelloWorld@17");
        md.append("Wall time from `java` starting to the first request handled, in ms; ratio = median ÷ hello-world median of the same run (target ≤ 2.0).");
        if (hello17 != null) md.append(" `@17`: the same function built for Java 17 (the last Java 17 commit) on JDK 17; the column *vs JDK 17 hello* divides by the hello world started by JDK 17, the baseline the earlier figures used.");
        if (reference != null) md.append(" The last column compares with the Lambda-flags run.");
        md.append(" CPU = user+system time of the JVM process up to that point (all threads), a cross-check that a busy machine disturbs less.");
        md.append("\n\n| function | p50 | p90 | ratio p50 | ratio p90 | init p50 | first request p50 | CPU p50 | CPU ratio | ok runs |");
        if (reference != null) md.append(" vs Lambda flags p50 |");
        if (hello17 != null) md.append(" vs JDK 17 hello p50 |");
        md.append("\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        if (reference != null) md.append("---:|");
        if (hello17 != null) md.append("---:|");
        md.append('\n');
        for (ColdStartBench.Result r : results.values()) {
            md.append("| ").append(r.target.id()).append(" | ").append(Stats.ms(r.wall.median())).append(" | ")
                    .append(Stats.ms(r.wall.percentile(90))).append(" | ")
                    .append(String.format("%.2f", r.wall.median() / base)).append(" | ")
                    .append(String.format("%.2f", r.wall.percentile(90) / hello.wall.percentile(90))).append(" | ")
                    .append(Stats.ms(r.init.median())).append(" | ").append(Stats.ms(r.invoke.median())).append(" | ")
                    .append(Stats.ms(r.cpu.median())).append(" | ").append(String.format("%.2f", r.cpu.median() / hello.cpu.median())).append(" | ")
                    .append(r.wall.count()).append(r.failures.isEmpty() ? "" : " (" + r.failures.size() + " failed)").append(" |");
            if (reference != null) {
                ColdStartBench.Result ref = reference.get(r.target.id());
                md.append(' ').append(ref == null ? "–" : String.format("%.2f×", r.wall.median() / ref.wall.median())).append(" |");
            }
            if (hello17 != null) md.append(' ').append(String.format("%.2f", r.wall.median() / hello17.wall.median())).append(" |");
            md.append('\n');
        }
        for (ColdStartBench.Result r : results.values()) {
            for (String f : r.failures) md.append("\n- FAILED: ").append(f.lines().findFirst().orElse(f));
        }
        md.append('\n');
        save();
    }

    void primed(Map<String, ColdStartBench.Result> results, Map<String, ColdStartBench.Result> reference) {
        md.append("## The first request after priming (what SnapStart restores into)\n\n");
        md.append("Same fresh JVMs, but the handler's CRaC `beforeCheckpoint` (the priming hook) runs between init and the first request, ")
                .append("as SnapStart runs it before taking the snapshot. On Lambda, init and priming happen once per published version; ")
                .append("a cold start is then the snapshot restore plus this first request. Times in ms.\n\n");
        md.append("| function | init p50 | priming p50 | first request p50 (primed) | first request p50 (not primed) | first request p90 (primed) |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (ColdStartBench.Result r : results.values()) {
            ColdStartBench.Result ref = reference == null ? null : reference.get(r.target.id());
            md.append("| ").append(r.target.id()).append(" | ").append(Stats.ms(r.init.median())).append(" | ")
                    .append(Stats.ms(r.prime.median())).append(" | ").append(Stats.ms(r.invoke.median())).append(" | ")
                    .append(ref == null ? "–" : Stats.ms(ref.invoke.median())).append(" | ")
                    .append(Stats.ms(r.invoke.percentile(90))).append(" |\n");
        }
        for (ColdStartBench.Result r : results.values()) {
            for (String f : r.failures) md.append("\n- FAILED: ").append(f.lines().findFirst().orElse(f));
        }
        md.append('\n');
        save();
    }

    void powertools(Map<String, ColdStartBench.Result> r) {
        coldStart("hello world and ClaimNeedFunction, each with and without Powertools v2 metrics", r, null);
        ColdStartBench.Result hello = r.get("HelloWorld");
        ColdStartBench.Result ptHello = r.get("PowertoolsHello");
        ColdStartBench.Result claim = r.get("ClaimNeedFunction");
        ColdStartBench.Result ptClaim = r.get("PowertoolsClaimNeed");
        md.append("What Powertools metrics (functional API, no AspectJ) adds to a cold start, p50: **")
                .append(Stats.ms(ptHello.wall.median() - hello.wall.median())).append(" ms** on hello world (CPU ")
                .append(Stats.ms(ptHello.cpu.median() - hello.cpu.median())).append(" ms), **")
                .append(Stats.ms(ptClaim.wall.median() - claim.wall.median())).append(" ms** on ClaimNeedFunction (CPU ")
                .append(Stats.ms(ptClaim.cpu.median() - claim.cpu.median())).append(" ms), i.e. ")
                .append(String.format("%.2f", (ptClaim.wall.median() - claim.wall.median()) / hello.wall.median()))
                .append(" hello-worlds more. Our own EMF writer (org.bangfu.lambda.Metrics) is already inside ClaimNeedFunction's figure.\n\n");
        save();
    }

    void section(String markdown) {
        md.append(markdown).append('\n');
        save();
    }

    static String sh(String command) {
        try {
            Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String s = String.join(" ", r.lines().toList()).strip();
                p.waitFor();
                return s;
            }
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    void customRuntime(Map<String, ColdStartBench.Result> results, Map<String, CustomRuntimeBench.Sizes> sizes) {
        ColdStartBench.Result helloPlain = results.get(CustomRuntimeBench.HELLO);
        ColdStartBench.Result helloCustom = results.get(CustomRuntimeBench.HELLO + CustomRuntimeBench.SUFFIX);
        md.append("## Cold start, custom runtime (provided.al2023: own JDK 25 + AOT cache) beside the managed-runtime flags\n\n");
        md.append("One shuffled run of both modes. Plain JVM: the function's jar in a fresh `java` with Lambda's managed-runtime flags ")
                .append("(as \"Lambda's flags\" above). Custom runtime: the function's package, unchanged, in a fresh process: `bootstrap` → ")
                .append("its jlink-trimmed JDK with the function's AOT cache → the Runtime Interface Client → the handler, with the request ")
                .append("already queued at a local Runtime API; wall time from process start to the answer posted back (so Lambda's JSON ")
                .append("deserialization of the event and serialization of the answer are inside it). Ratios are to the hello world of the ")
                .append("same mode (target ≤ 2.0). Peak RSS = VmHWM of the runtime's process. Times in ms.\n\n");
        md.append("| function | mode | p50 | p90 | ratio p50 (same-mode hello) | vs plain JVM p50 | CPU p50 | peak RSS MB | ok runs |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, ColdStartBench.Result> e : results.entrySet()) {
            boolean custom = e.getKey().endsWith(CustomRuntimeBench.SUFFIX);
            ColdStartBench.Result r = e.getValue();
            ColdStartBench.Result base = custom ? helloCustom : helloPlain;
            ColdStartBench.Result plain = results.get(r.target.id());
            md.append("| ").append(r.target.id()).append(" | ").append(custom ? "custom runtime" : "plain JVM").append(" | ")
                    .append(Stats.ms(r.wall.median())).append(" | ").append(Stats.ms(r.wall.percentile(90))).append(" | ")
                    .append(String.format("%.2f", r.wall.median() / base.wall.median())).append(" | ")
                    .append(custom ? String.format("%.2f×", r.wall.median() / plain.wall.median()) : "–").append(" | ")
                    .append(Stats.ms(r.cpu.median())).append(" | ")
                    .append(custom ? Stats.ms(r.init.median()) : "–").append(" | ")
                    .append(r.wall.count()).append(r.failures.isEmpty() ? "" : " (" + r.failures.size() + " failed)").append(" |\n");
        }
        for (ColdStartBench.Result r : results.values()) {
            for (String f : r.failures) md.append("\n- FAILED: ").append(f.lines().findFirst().orElse(f));
        }
        md.append("\n### Custom-runtime package sizes\n\n| package | zip (deployed) MB | unpacked MB (Lambda's limit 250) | of which AOT cache MB |\n|---|---:|---:|---:|\n");
        sizes.forEach((id, sz) -> md.append("| ").append(id).append(" | ").append(String.format("%.1f", sz.zipBytes() / 1e6)).append(" | ")
                .append(String.format("%.1f", sz.unpackedBytes() / 1e6)).append(" | ").append(String.format("%.1f", sz.cacheBytes() / 1e6)).append(" |\n"));
        md.append('\n');
        save();
    }
}
