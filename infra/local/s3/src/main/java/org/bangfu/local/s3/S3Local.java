package org.bangfu.local.s3;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
        Path lib = home().resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("S3Proxy is not built at " + lib + ": run mvn install from the project root first");
        }
        int p = port == 0 ? freePort() : port;
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
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xmx256m");
            cmd.add("-XX:+UseSerialGC");
            cmd.add("-XX:TieredStopAtLevel=1");
            cmd.add("-cp");
            cmd.add(classPath(lib));
            cmd.add("org.gaul.s3proxy.Main");
            cmd.add("--properties");
            cmd.add(conf.toString());
            Path log = Files.createTempFile("s3-local-", ".log");
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            S3Local local = new S3Local(process, host, p, dir, temporary);
            Runtime.getRuntime().addShutdownHook(new Thread(local::close, "s3-local-stop"));
            local.awaitPort(Duration.ofSeconds(60), log);
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The endpoint for clients on this machine. */
    public String endpoint() {
        return "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (temporary) deleteTree(dataDir);
    }

    private void awaitPort(Duration timeout, Path log) throws IOException {
        Instant until = Instant.now().plus(timeout);
        String connectTo = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(connectTo, port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        close();
        throw new IllegalStateException("S3Proxy did not start within " + timeout + ": " + Files.readString(log));
    }

    static Path home() {
        try (InputStream in = S3Local.class.getResourceAsStream("dist.properties")) {
            Properties p = new Properties();
            p.load(in);
            return Path.of(p.getProperty("home")).normalize();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String classPath(Path lib) {
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(f -> f.toString().endsWith(".jar")).map(Path::toString).sorted()
                    .collect(Collectors.joining(File.pathSeparator));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; the OS cleans it eventually
        }
    }
}
