package org.bangfu.local.dynamodb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
        Path lib = ChildServer.home(DynamoDbLocal.class).resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("DynamoDB Local is not built at " + lib + ": run mvn install from the project root first");
        }
        int p = port == 0 ? ChildServer.freePort() : port;
        List<String> cmd = new ArrayList<>();
        cmd.add("-Xmx512m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Djava.library.path=" + lib);
        cmd.add("-Dsqlite4java.library.path=" + lib);
        cmd.add("-cp");
        cmd.add(ChildServer.classPath(lib));
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
            Process process = ChildServer.start(cmd, log);
            DynamoDbLocal local = new DynamoDbLocal(process, p);
            Runtime.getRuntime().addShutdownHook(new Thread(local::close, "dynamodb-local-stop"));
            ChildServer.awaitPort(process, "DynamoDB Local", "127.0.0.1", p, Duration.ofSeconds(60), log, local::close);
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
        ChildServer.stop(process);
    }
}
