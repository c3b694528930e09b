package org.bangfu.local;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bangfu.local.dynamodb.Template;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every CloudFormation template of the project passes AWS's own linter (cfn-lint, with the SAM
 * translator) in every region a pilot deploys to, China and global: no error and no warning.
 * Without cfn-lint the test is skipped loudly, and fails when CI=true.
 */
class CfnLintTest {
    private static final String CFN_LINT = System.getenv().getOrDefault("CFN_LINT", "cfn-lint");
    private static final List<String> CHINA = List.of("cn-north-1", "cn-northwest-1");

    /**
     * Checks switched off, each with its reason (the README's deploy section names them too).
     * E2530: cfn-lint's SnapStart rule carries a fixed list of regions from 2023 that has no China
     * region, while AWS's page of China differences for Lambda lists only SnapStart for Python and
     * .NET as unavailable there (docs/china-regions.md).
     */
    private static final Map<String, String> IGNORED_IN_CHINA = Map.of(
            "E2530", "cfn-lint's SnapStart region list predates SnapStart for Java in the China regions");

    @TestFactory
    Stream<DynamicTest> everyTemplatePassesCfnLintInEveryPilotRegion() throws Exception {
        requireCfnLint();
        List<String> global = new ArrayList<>(pilotRegions());
        global.removeAll(CHINA);
        if (global.isEmpty()) global.add("us-east-1");
        Stream<DynamicTest> everyTemplate = templates().stream().flatMap(template -> Stream.of(
                DynamicTest.dynamicTest(Template.projectRoot().relativize(template) + " in " + global,
                        () -> assertClean(template, global, List.of())),
                DynamicTest.dynamicTest(Template.projectRoot().relativize(template) + " in " + CHINA,
                        () -> assertClean(template, CHINA, List.copyOf(IGNORED_IN_CHINA.keySet())))));
        // The second packaging mode: the template a custom-runtime pilot deploys (Packaging=provided.al2023
        // by default, each CodeUri its function's zip), as the custom-runtime build writes it.
        Path dir = Files.createTempDirectory("bangfu-provided-");
        org.bangfu.runtime.Packager.deployTemplate(org.bangfu.runtime.Packager.functions(Template.ofProject()), dir);
        Path custom = dir.resolve("template.yaml");
        assertTrue(Files.readString(custom).contains("Default: provided.al2023"));
        // template.yaml refuses provided.al2023: its jars have no bootstrap, the functions would deploy and never start.
        assertEquals("[\"java25\"]", Template.ofProject().root().path("Parameters").path("Packaging").path("AllowedValues").toString());
        assertEquals("[\"java25\",\"provided.al2023\"]", Template.load(custom).root().path("Parameters").path("Packaging").path("AllowedValues").toString());
        return Stream.concat(everyTemplate, Stream.of(
                DynamicTest.dynamicTest("custom-runtime deploy template (Packaging=provided.al2023) in " + global,
                        () -> assertClean(custom, global, List.of())),
                DynamicTest.dynamicTest("custom-runtime deploy template (Packaging=provided.al2023) in " + CHINA,
                        () -> assertClean(custom, CHINA, List.copyOf(IGNORED_IN_CHINA.keySet())))));
    }

    /** Every pilot's region is linted, so a new pilot in a new region is checked without editing this test. */
    static TreeSet<String> pilotRegions() throws Exception {
        TreeSet<String> regions = new TreeSet<>(CHINA);
        for (Path pilot : DeployConfigTest.pilots()) regions.add(DeployConfigTest.pilotProperties(pilot).getProperty("region"));
        return regions;
    }

    /** template.yaml and every template under infra/ (the hosting stack, and any added later). */
    static List<Path> templates() throws IOException {
        Path root = Template.projectRoot();
        List<Path> all = new ArrayList<>(List.of(root.resolve("template.yaml")));
        try (Stream<Path> files = Files.walk(root.resolve("infra"))) {
            all.addAll(files.filter(f -> f.getFileName().toString().matches("template.*\\.ya?ml"))
                    .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/node_modules/"))
                    .sorted().toList());
        }
        assertTrue(all.size() >= 2, "found the hosting stack's template too: " + all);
        return all;
    }

    private static void assertClean(Path template, List<String> regions, List<String> ignored) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CFN_LINT, "--format", "parseable", "--regions"));
        cmd.addAll(regions);
        if (!ignored.isEmpty()) {
            cmd.add("--ignore-checks");
            cmd.addAll(ignored);
        }
        cmd.add("--");
        cmd.add(template.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "cfn-lint finished");
        // Exit codes are bit flags (2 error, 4 warning, 8 informational); informational is fine.
        String problems = out.lines().filter(l -> l.matches(".*:[EW]\\d{4}:.*")).collect(Collectors.joining("\n"));
        assertEquals("", problems, "cfn-lint " + String.join(" ", cmd.subList(1, cmd.size())));
        assertEquals(0, p.exitValue() & 0b0110, "cfn-lint exit code " + p.exitValue() + ":\n" + out);
    }

    private static volatile boolean warned;

    private static void requireCfnLint() {
        try {
            Process p = new ProcessBuilder(CFN_LINT, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return;
        } catch (IOException | InterruptedException e) {
            // not installed: handled below
        }
        String why = "cfn-lint not found (" + CFN_LINT + "). The template checks run AWS's own linter: "
                + "it comes installed on these machines; elsewhere `pip install cfn-lint` (or set CFN_LINT).";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(why + " CI=true, so this is a failure, not a skip.");
        if (!warned) {
            warned = true;
            System.err.println("\n**************** CFN-LINT CHECKS SKIPPED ****************\n" + why
                    + "\n*********************************************************\n");
        }
        Assumptions.abort(why);
    }
}
