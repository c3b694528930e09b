package org.bangfu.local.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.bangfu.local.dynamodb.ChildServer;

/**
 * S3Proxy (the Maven artifact, filesystem backend) in a child JVM on a port of the given host: a
 * real S3 API (SigV4 signatures, presigned GET, browser POST uploads whose policy it enforces)
 * over a folder. A child process keeps its own AWS SDK, Jackson and Jetty away from ours.
 */
public final class S3Local implements AutoCloseable {
    /** Access key and secret the local server accepts (never a real credential). */
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local"; // the same pair the local runner gives every function

    private static S3Local shared;

    private final Process process;
    private final String host;
    private final int port;
    private final Path dataDir;
    private final boolean temporary;

    private S3Local(Process process, String host, int port, Path dataDir, boolean temporary) {
        this.process = process;
        this.host = host;
        this.port = port;
        this.dataDir = dataDir;
        this.temporary = temporary;
    }

    /** One instance per JVM over a temporary folder, for tests; stopped (and the folder removed) when the JVM exits. */
    public static synchronized S3Local shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start(null, "127.0.0.1", 0);
        }
        return shared;
    }

    /**
     * @param dataDir null for a temporary folder removed on close, otherwise a folder kept between runs
     * @param host    the address to listen on (127.0.0.1, or 0.0.0.0 to reach it from a phone)
     * @param port    0 for any free port
     */
    public static S3Local start(Path dataDir, String host, int port) {
        Path lib = ChildServer.home(S3Local.class).resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("S3Proxy is not built at " + lib + ": run mvn install from the project root first");
        }
        int p = port == 0 ? ChildServer.freePort() : port;
        try {
            boolean temporary = dataDir == null;
            Path dir = temporary ? Files.createTempDirectory("s3-local-") : Files.createDirectories(dataDir).toAbsolutePath();
            Properties props = new Properties();
            props.setProperty("s3proxy.endpoint", "http://" + host + ":" + p);
            props.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            props.setProperty("s3proxy.identity", ACCESS_KEY);
            props.setProperty("s3proxy.credential", SECRET_KEY);
            // The browser uploads straight to it (presigned POST) from the site's origin, as it does to S3
            // with the bucket's CORS rule.
            props.setProperty("s3proxy.cors-allow-all", "true");
            props.setProperty("jclouds.provider", "filesystem");
            props.setProperty("jclouds.filesystem.basedir", dir.resolve("buckets").toString());
            Files.createDirectories(dir.resolve("buckets"));
            Path conf = Files.createTempFile("s3proxy-", ".properties");
            try (Writer w = Files.newBufferedWriter(conf, StandardCharsets.UTF_8)) {
                props.store(w, "written by S3Local");
            }
            // S3Proxy ships no logging configuration: Logback's default logs every request at DEBUG
            // (hundreds of MB per test run in /tmp). Warnings and errors only.
            Path logging = Files.createTempFile("s3proxy-logback-", ".xml");
            Files.writeString(logging, "<configuration><appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\">"
                    + "<encoder><pattern>%d %level %logger - %msg%n</pattern></encoder></appender>"
                    + "<root level=\"WARN\"><appender-ref ref=\"out\"/></root></configuration>", StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>();
            cmd.add("-Dlogback.configurationFile=" + logging);
            cmd.add("-Xmx256m");
            cmd.add("-XX:+UseSerialGC");
            cmd.add("-XX:TieredStopAtLevel=1");
            cmd.add("-cp");
            cmd.add(ChildServer.classPath(lib));
            cmd.add("org.gaul.s3proxy.Main");
            cmd.add("--properties");
            cmd.add(conf.toString());
            Path log = Files.createTempFile("s3-local-", ".log");
            Process process = ChildServer.start(cmd, log);
            S3Local local = new S3Local(process, host, p, dir, temporary);
            Runtime.getRuntime().addShutdownHook(new Thread(local::close, "s3-local-stop"));
            ChildServer.awaitPort(process, "S3Proxy", local.connectHost(), p, Duration.ofSeconds(60), log, local::close);
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The endpoint for clients on this machine. */
    public String endpoint() {
        return "http://" + connectHost() + ":" + port;
    }

    private String connectHost() {
        return "0.0.0.0".equals(host) ? "127.0.0.1" : host;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        ChildServer.stop(process);
        if (temporary) deleteTree(dataDir);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; the OS cleans it eventually
        }
    }
}
