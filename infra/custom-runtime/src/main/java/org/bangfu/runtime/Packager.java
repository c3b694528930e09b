package org.bangfu.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.bangfu.local.dynamodb.Template;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * Builds the second packaging of the functions: a custom runtime for {@code provided.al2023}. For
 * each function of template.yaml, a folder {@code <out>/<FunctionId>/} that is exactly what Lambda
 * unpacks into /var/task: {@code bootstrap}, {@code jre/} (one jlink-trimmed JDK 25, shared by all
 * functions here through a symbolic link, copied into each zip), {@code lib/function.jar} (the
 * function's deployable jar), {@code lib/} the Runtime Interface Client and what it needs, and
 * {@code function.aot}, an AOT cache written by a training run of that same bootstrap against a
 * local Runtime API, where the client primes the function exactly as SnapStart would before a
 * snapshot (the function's priming requests), then answers one invocation.
 *
 * <p>Arguments: {@code --out DIR --functions all|Id,… --train all|none|Id,… [--zip]}. A folder
 * whose inputs did not change is left as it is (its cache stays valid and is not trained again).
 */
public final class Packager {
    /**
     * The JDK build the artifacts are made with (and so run on: a cache is only valid on the JDK that
     * wrote it). Bumping the JDK: install the new Temurin 25 update, change this value, rebuild with
     * {@code -Dcustom-runtime.zip=true} and redeploy every function of a custom-runtime pilot (README, "Custom runtime").
     */
    public static final String PINNED_JDK = "25.0.3+9-LTS";

    /**
     * The JDK modules the functions use (jdeps over a function jar and the runtime client:
     * java.base, java.sql for Jackson's optional java.sql types, jdk.unsupported for sun.misc.Unsafe;
     * java.net.http for the SMS providers' signed HTTP calls; java.desktop, which jdeps also names for
     * java.beans, is left out: Jackson only probes it).
     */
    public static final List<String> MODULES = List.of("java.base", "java.sql", "jdk.unsupported", "java.net.http");
    /** The photo functions decode and re-encode images (javax.imageio): they get a second JDK with java.desktop. */
    public static final List<String> IMAGE_MODULES = List.of("java.base", "java.sql", "jdk.unsupported", "java.net.http", "java.desktop");

    static final Instant FIXED_TIME = Instant.parse("2026-01-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        Path out = null;
        String functions = "all";
        String train = "all";
        boolean zip = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--functions" -> functions = args[++i];
                case "--train" -> train = args[++i];
                case "--zip" -> zip = Boolean.parseBoolean(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (out == null) throw new IllegalArgumentException("--out DIR");
        long t0 = System.nanoTime();
        List<Function> all = functions(Template.ofProject());
        List<Function> chosen = pick(all, functions);
        Set<String> toTrain = Set.copyOf(pick(all, train).stream().map(Function::id).toList());
        if (zip && !Runtime.version().toString().equals(PINNED_JDK)) {
            throw new IllegalStateException("The custom runtime is pinned to JDK " + PINNED_JDK + " but this build runs on "
                    + Runtime.version() + ": install that JDK, or bump Packager.PINNED_JDK (README, \"Custom runtime\").");
        }
        Files.createDirectories(out);
        Path jre = jre(out.resolve("jre"), MODULES);
        if (chosen.stream().anyMatch(f -> modulesOf(f).equals(IMAGE_MODULES))) jre(out.resolve("jre-desktop"), IMAGE_MODULES);
        int trained = 0;
        for (Function f : chosen) {
            Path dir = out.resolve(f.id());
            boolean changed = stage(f, dir);
            if (toTrain.contains(f.id()) && (changed || !Files.exists(dir.resolve("function.aot")))) {
                train(f, dir);
                trained++;
            } else if (!toTrain.contains(f.id())) {
                Files.deleteIfExists(dir.resolve("function.aot"));
            }
            if (zip) zip(dir, out.resolve(f.id() + ".zip"));
        }
        if (zip) {
            if (chosen.size() != all.size()) throw new IllegalArgumentException("--zip needs --functions all: the deploy template names every function");
            deployTemplate(all, out);
        }
        System.out.printf("custom runtime: %d functions staged in %s, %d trained, jre %s (%.1f s)%n",
                chosen.size(), out, trained, jre.getFileName(), (System.nanoTime() - t0) / 1e9);
    }

    /** A function of the template: its logical id, handler and deployable jar. */
    /** {@code variables}: the function's environment in template.yaml (Globals and its own); null where the value is computed by CloudFormation. */
    public record Function(String id, String handler, Path jar, String eventType, String routeKey, Map<String, String> variables) {
        public Function(String id, String handler, Path jar, String eventType, String routeKey) {
            this(id, handler, jar, eventType, routeKey, Map.of());
        }

        /** The modules its JDK needs: java.desktop only for a jar that uses javax.imageio (Jackson merely probes java.desktop). */
        public List<String> modules() throws IOException {
            if (!Files.exists(jar)) return MODULES;
            try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(jar.toFile())) {
                byte[] needle = "javax/imageio/".getBytes(StandardCharsets.ISO_8859_1);
                for (var e : java.util.Collections.list(z.entries())) {
                    if (!e.getName().endsWith(".class") || e.getName().startsWith("com/fasterxml/")) continue;
                    try (InputStream in = z.getInputStream(e)) {
                        if (contains(in.readAllBytes(), needle)) return IMAGE_MODULES;
                    }
                }
            }
            return MODULES;
        }

        private static boolean contains(byte[] hay, byte[] needle) {
            outer:
            for (int i = 0; i <= hay.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
                return true;
            }
            return false;
        }
    }

    public static List<Function> functions(Template template) {
        List<Function> out = new ArrayList<>();
        Path root = Template.projectRoot();
        for (Map.Entry<String, JsonNode> fn : template.resourcesOfType("AWS::Serverless::Function")) {
            JsonNode props = fn.getValue().path("Properties");
            String type = "Schedule";
            String route = null;
            for (JsonNode e : props.path("Events")) {
                type = e.path("Type").asText();
                if (type.equals("HttpApi")) {
                    route = e.path("Properties").path("Method").asText().toUpperCase() + " " + e.path("Properties").path("Path").asText();
                }
                break;
            }
            Map<String, String> vars = new LinkedHashMap<>();
            for (JsonNode v : List.of(template.root().path("Globals").path("Function").path("Environment").path("Variables"),
                    props.path("Environment").path("Variables"))) {
                v.fields().forEachRemaining(e -> vars.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : null));
            }
            out.add(new Function(fn.getKey(), props.path("Handler").asText(), root.resolve(props.path("CodeUri").asText()), type, route,
                    java.util.Collections.unmodifiableMap(vars)));
        }
        return out;
    }

    private static List<Function> pick(List<Function> all, String spec) {
        if (spec.equals("all")) return all;
        if (spec.equals("none") || spec.isBlank()) return List.of();
        List<String> ids = Arrays.stream(spec.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String id : ids) {
            if (all.stream().noneMatch(f -> f.id().equals(id))) throw new IllegalArgumentException("no function " + id + " in template.yaml");
        }
        return all.stream().filter(f -> ids.contains(f.id())).toList();
    }

    private static List<String> modulesOf(Function f) {
        try {
            return f.modules();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One trimmed JDK per module set (shared by the functions that need it), relinked only when the modules or the JDK changed. */
    static Path jre(Path dir, List<String> modules) throws IOException {
        String stamp = String.join(",", modules) + " " + Runtime.version();
        Path marker = dir.resolve("bangfu-jre.txt");
        if (Files.exists(marker) && Files.readString(marker).equals(stamp)) return dir;
        deleteTree(dir);
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new IllegalStateException("jlink not found: build with a full JDK 25"));
        StringWriter log = new StringWriter();
        int rc = jlink.run(new PrintWriter(log), new PrintWriter(log), "--add-modules", String.join(",", modules),
                "--strip-debug", "--no-man-pages", "--no-header-files", "--output", dir.toString());
        if (rc != 0) throw new IllegalStateException("jlink failed: " + log);
        Files.writeString(marker, stamp);
        return dir;
    }

    /** The folder Lambda would unpack; true if anything in it changed (then its cache is stale). */
    public static boolean stage(Function f, Path dir) throws IOException {
        if (!Files.exists(f.jar())) throw new IllegalStateException(f.jar() + " is missing: build the functions first (mvn package)");
        Path lib = dir.resolve("lib");
        Files.createDirectories(lib);
        boolean changed = false;
        changed |= put(Packager.class.getResourceAsStream("bootstrap"), dir.resolve("bootstrap"));
        Files.setPosixFilePermissions(dir.resolve("bootstrap"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jre = dir.resolve("jre");
        Path shared = Path.of("..", f.modules().equals(IMAGE_MODULES) ? "jre-desktop" : "jre");
        if (!Files.isSymbolicLink(jre) || !Files.readSymbolicLink(jre).equals(shared)) {
            deleteTree(jre);
            Files.deleteIfExists(jre);
            Files.createSymbolicLink(jre, shared);
            changed = true;
        }
        changed |= put(Files.newInputStream(f.jar()), lib.resolve("function.jar"));
        changed |= put(jarOf(AWSLambda.class), lib.resolve("runtime-interface-client.jar"));
        // The client's JNI library, unpacked here once: left to itself, every start copies it to the fixed
        // /tmp/.libaws-lambda-jni.so, which local processes starting together overwrote under each other's
        // mapping (SIGBUS in the loader), and which costs each cold start a copy on Lambda.
        InputStream jni = AWSLambda.class.getResourceAsStream("/jni/libaws-lambda-jni." + jniPlatform() + ".so");
        if (jni == null) throw new IllegalStateException("the runtime client has no JNI library for " + jniPlatform());
        changed |= put(jni, lib.resolve("libaws-lambda-jni.so"));
        changed |= put(jarOf(PojoSerializer.class), lib.resolve("serialization.jar"));
        changed |= put(jarOf(Context.class), lib.resolve("lambda-core.jar"));
        changed |= put(jarOf(SdkInternalThreadLocal.class), lib.resolve("utils-lite.jar"));
        changed |= put(jarOf(org.joda.time.DateTime.class), lib.resolve("joda-time.jar"));
        Path stamp = dir.resolve("jdk.txt");
        changed |= put(new java.io.ByteArrayInputStream(Runtime.version().toString().getBytes(StandardCharsets.UTF_8)), stamp);
        return changed;
    }

    /** The runtime client's name for this machine (the packages share its architecture, see the bootstrap). */
    static String jniPlatform() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "linux-x86_64";
            case "aarch64", "arm64" -> "linux-aarch_64";
            default -> throw new IllegalStateException("no runtime client JNI library for " + arch);
        };
    }

    private static InputStream jarOf(Class<?> c) throws IOException {
        try {
            return Files.newInputStream(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /** Writes the bytes unless the file already holds them (keeping its time stamp: a cache checks it). */
    private static boolean put(InputStream in, Path target) throws IOException {
        byte[] bytes;
        try (in) {
            bytes = in.readAllBytes();
        }
        if (Files.exists(target) && Arrays.equals(digest(Files.readAllBytes(target)), digest(bytes))) return false;
        Files.write(target, bytes);
        Files.setLastModifiedTime(target, FileTime.from(FIXED_TIME));
        return true;
    }

    private static byte[] digest(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The training run: the unchanged bootstrap with AOT_TRAINING_OUTPUT set, against a Runtime API
     * that asks for a SnapStart-style init (the client calls the function's priming hook, then
     * /restore/next), then hands it one invocation of its kind; then the JVM is stopped and writes the cache.
     */
    public static void train(Function f, Path dir) throws Exception {
        Path cache = dir.resolve("function.aot");
        Files.deleteIfExists(cache);
        long t0 = System.nanoTime();
        try (RuntimeApi api = new RuntimeApi(f.id()); ServerSocket closed = new ServerSocket(0)) {
            int deadPort = closed.getLocalPort();
            closed.close(); // nothing listens there: the function's DynamoDB calls fail fast, as in a build without network
            ProcessBuilder pb = new ProcessBuilder(dir.resolve("bootstrap").toString()).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.clear();
            env.put("PATH", "/usr/bin:/bin");
            // The function's own settings as Lambda would pass them; a value CloudFormation computes (a bucket's
            // name) gets a stand-in, enough for init: the training run reaches no service.
            f.variables().forEach((k, v) -> env.put(k, v != null ? v : "training-" + k.toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
            env.putAll(environment(f, dir, api.address()));
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
            env.put("AOT_TRAINING_OUTPUT", cache.toString());
            env.put("DYNAMODB_ENDPOINT", "http://127.0.0.1:" + deadPort);
            Path log = dir.resolve("training.log");
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            try {
                RuntimeApi.Result r = api.invoke(trainingEvent(f), 10_000).get(120, TimeUnit.SECONDS);
                if (api.initError().isDone()) throw new IllegalStateException(f.id() + " failed to init: " + api.initError().join().text());
                if (!api.restoreServed()) throw new IllegalStateException(f.id() + ": the runtime client did not run the priming hooks");
                System.out.println("  trained " + f.id() + " (invocation " + (r.failed() ? r.errorType() : "ok") + ")");
            } finally {
                p.destroy(); // SIGTERM: the JVM exits normally, and an exiting training JVM writes its AOT cache
                if (!p.waitFor(180, TimeUnit.SECONDS)) p.destroyForcibly();
            }
            if (!Files.exists(cache)) throw new IllegalStateException("no AOT cache from " + f.id() + "'s training run, see " + log);
        }
        Files.setLastModifiedTime(cache, FileTime.from(FIXED_TIME));
        System.out.printf("  %s: AOT cache %.1f MB in %.1f s%n", f.id(), Files.size(cache) / 1e6, (System.nanoTime() - t0) / 1e9);
    }

    /** What Lambda sets for a custom runtime, plus the function's own settings (as in template.yaml, local values). */
    public static Map<String, String> environment(Function f, Path taskRoot, String runtimeApi) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("_HANDLER", f.handler());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toAbsolutePath().toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", f.id());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_REGION", "cn-north-1");
        env.put("AWS_DEFAULT_REGION", "cn-north-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("TABLE_NAME", "bangfu-local");
        env.put("PILOT", "local");
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        return env;
    }

    /** One event of the function's kind, as Lambda delivers it (HTTP API v2, a DynamoDB stream batch, an EventBridge schedule). */
    static byte[] trainingEvent(Function f) {
        String json = switch (f.eventType()) {
            case "HttpApi" -> {
                String method = f.routeKey().substring(0, f.routeKey().indexOf(' '));
                String path = f.routeKey().substring(f.routeKey().indexOf(' ') + 1).replaceAll("\\{[^}]+}", "training");
                yield "{\"version\":\"2.0\",\"routeKey\":\"" + f.routeKey() + "\",\"rawPath\":\"" + path + "\",\"rawQueryString\":\"\","
                        + "\"headers\":{\"content-type\":\"application/json\",\"user-agent\":\"training\"},"
                        + "\"pathParameters\":{\"id\":\"training\",\"claimId\":\"training\"},"
                        + "\"requestContext\":{\"accountId\":\"000000000000\",\"apiId\":\"local\",\"domainName\":\"localhost\","
                        + "\"http\":{\"method\":\"" + method + "\",\"path\":\"" + path + "\",\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"127.0.0.1\","
                        + "\"userAgent\":\"training\"},\"requestId\":\"training\",\"routeKey\":\"" + f.routeKey() + "\",\"stage\":\"$default\","
                        + "\"time\":\"01/Jan/2026:00:00:00 +0000\",\"timeEpoch\":1767225600000},"
                        + (method.equals("GET") || method.equals("DELETE") ? "" : "\"body\":\"{}\",") + "\"isBase64Encoded\":false}";
            }
            case "DynamoDB" -> "{\"Records\":[]}";
            default -> "{\"version\":\"0\",\"id\":\"training\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\","
                    + "\"account\":\"000000000000\",\"time\":\"2026-01-01T00:00:00Z\",\"region\":\"cn-north-1\",\"resources\":[],\"detail\":{}}";
        };
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The deployment package: the folder with the JDK copied in (not linked), files in a fixed order with fixed times and their Unix modes. */
    public static void zip(Path dir, Path zipFile) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("training.log")).sorted().toList();
        }
        Path tmp = zipFile.resolveSibling(zipFile.getFileName() + ".tmp");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(tmp)) {
            for (Path p : files) {
                ZipArchiveEntry e = new ZipArchiveEntry(dir.relativize(p).toString().replace('\\', '/'));
                e.setTime(FileTime.from(FIXED_TIME));
                // Lambda keeps these modes when it unpacks: bootstrap and jre/bin/java must stay executable.
                e.setUnixMode(Files.isExecutable(p) ? 0100755 : 0100644); // regular file + permissions
                zip.putArchiveEntry(e);
                Files.copy(p, zip);
                zip.closeArchiveEntry();
            }
        }
        Files.move(tmp, zipFile, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The template to deploy a custom-runtime pilot with (as sam build writes one): template.yaml with
     * each function's CodeUri pointing at its zip beside it, and Packaging defaulting to provided.al2023.
     * CodeUri must stay a plain path for sam to upload it, so the choice cannot be an Fn::If there.
     */
    public static void deployTemplate(List<Function> all, Path out) throws IOException {
        Path source = Template.projectRoot().resolve("template.yaml");
        String text = Files.readString(source);
        Path root = Template.projectRoot();
        for (Function f : all) {
            String uri = "CodeUri: " + root.relativize(f.jar()).toString().replace('\\', '/');
            if (!text.contains(uri + "\n")) throw new IllegalStateException("template.yaml has no line '" + uri + "'");
            text = text.replace(uri + "\n", "CodeUri: " + f.id() + ".zip\n");
        }
        // template.yaml allows only java25 (its jars have no bootstrap); this one both (the zips' lib/function.jar also runs on java25).
        String packaging = "    AllowedValues: [java25]\n    ConstraintDescription: template.yaml deploys the jars on java25;";
        if (!text.contains(packaging) || !text.contains("    Default: java25\n")) {
            throw new IllegalStateException("template.yaml's Packaging parameter changed: update Packager.deployTemplate");
        }
        text = text.replace("    Default: java25\n", "    Default: provided.al2023\n").replace(packaging,
                "    AllowedValues: [java25, provided.al2023]\n    ConstraintDescription: this template deploys the custom-runtime zips;");
        Files.writeString(out.resolve("template.yaml"), "# Written by the custom-runtime build from template.yaml: deploy a provided.al2023 pilot with this file.\n" + text);
    }

    static void deleteTree(Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            Files.delete(p);
            return;
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted((a, b) -> b.compareTo(a)).toList()) Files.delete(q);
        }
    }

    private Packager() {
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
