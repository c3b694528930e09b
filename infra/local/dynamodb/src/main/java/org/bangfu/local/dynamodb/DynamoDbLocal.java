package org.bangfu.local.dynamodb;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * DynamoDB Local (the Maven artifact) in a child JVM on a loopback port. A child process keeps its
 * own AWS SDK and Jackson versions away from ours, and dies with us.
 */
public final class DynamoDbLocal implements AutoCloseable {
    private static DynamoDbLocal shared;

    private final Process process;
    private final int port;

    private DynamoDbLocal(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** One in-memory instance per JVM, for tests; stopped when the JVM exits. */
    public static synchronized DynamoDbLocal shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start(null, 0);
        }
        return shared;
    }

    /**
     * @param dataDir null for in-memory, otherwise a folder for a file-backed database that survives restarts
     * @param port    0 for any free port
     */
    public static DynamoDbLocal start(Path dataDir, int port) {
        Path home = home();
        Path lib = home.resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("DynamoDB Local is not built at " + lib + ": run mvn install from the project root first");
        }
        int p = port == 0 ? freePort() : port;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Djava.library.path=" + lib);
        cmd.add("-Dsqlite4java.library.path=" + lib);
        cmd.add("-cp");
        cmd.add(classPath(lib));
        cmd.add("com.amazonaws.services.dynamodbv2.local.main.ServerRunner");
        cmd.add("-port");
        cmd.add(Integer.toString(p));
        cmd.add("-disableTelemetry");
        if (dataDir == null) {
            cmd.add("-inMemory");
        } else {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            cmd.add("-dbPath");
            cmd.add(dataDir.toAbsolutePath().toString());
        }
        cmd.add("-sharedDb");
        try {
            Path log = Files.createTempFile("dynamodb-local-", ".log");
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            DynamoDbLocal local = new DynamoDbLocal(process, p);
            Runtime.getRuntime().addShutdownHook(new Thread(local::close, "dynamodb-local-stop"));
            local.awaitPort(Duration.ofSeconds(60), log);
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitPort(Duration timeout, Path log) throws IOException {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("DynamoDB Local exited: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
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
        throw new IllegalStateException("DynamoDB Local did not start within " + timeout + ": " + Files.readString(log));
    }

    static Path home() {
        try (InputStream in = DynamoDbLocal.class.getResourceAsStream("dist.properties")) {
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
}
