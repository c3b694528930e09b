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
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the local servers started in a child JVM share (DynamoDB Local, S3Proxy): where their
 * unpacked distribution is, its class path, a free port, starting, waiting for the port, stopping.
 */
public final class ChildServer {
    private ChildServer() {
    }

    /** The folder a distribution module unpacked, named by {@code dist.properties} next to {@code owner}. */
    public static Path home(Class<?> owner) {
        try (InputStream in = owner.getResourceAsStream("dist.properties")) {
            Properties p = new Properties();
            p.load(in);
            return Path.of(p.getProperty("home")).normalize();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every jar of {@code lib}, sorted, as a class path. */
    public static String classPath(Path lib) {
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(f -> f.toString().endsWith(".jar")).map(Path::toString).sorted()
                    .collect(Collectors.joining(File.pathSeparator));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts this JVM's own {@code java} with {@code args}, its output going to {@code log}. */
    public static Process start(List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * Returns once {@code host:port} accepts a connection; throws with the server's log when the
     * process exits first or after {@code timeout}, having run {@code onTimeout} (the caller's close).
     */
    public static void awaitPort(Process process, String name, String host, int port, Duration timeout, Path log,
                                 Runnable onTimeout) throws IOException {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 200);
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
        onTimeout.run();
        throw new IllegalStateException(name + " did not start within " + timeout + ": " + Files.readString(log));
    }

    /** Asks the process to stop, and kills it after 5 s. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
