package org.bangfu.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Exports a pilot's table as JSON lines, one file per kind of record: needs, claims, reviews,
 * audit, ledger (every credit point with its reason) and profiles (point totals, claim records).
 * Households (names, ID numbers, phones, addresses) only with {@code --with-households}. The
 * derived items (leaderboards, open-need locks) are left out: they are recomputed from the rest.
 *
 * <p>It reads the table with a parallel Scan, on purpose: an offline export wants every item, and
 * a Scan is the one way to read them all (the request handlers never Scan). On an on-demand table
 * it costs half a read unit per 4 KB read (eventually consistent): about US$0.002 for 100 MB.
 * Files are written readable by their owner only: they hold personal data.
 *
 * <pre>
 * java -jar infra/export/target/bangfu-export.jar --table TABLE --region cn-north-1 [--out DIR]
 *      [--segments 4] [--with-households] [--endpoint http://localhost:8000]
 * </pre>
 * Credentials: the SDK's default chain (environment, ~/.aws profile with AWS_PROFILE, instance role).
 */
public final class Export {
    /** Item type → file. Items without a type are recognised by their keys (profiles, boards). */
    static final Map<String, String> FILES = Map.of("Need", "needs", "Claim", "claims", "Review", "reviews",
            "Audit", "audit", "LedgerLine", "ledger", "Household", "households",
            "HouseholdAsPosted", "households-as-posted");

    private final DynamoDbClient db;
    private final String table;
    private final boolean withHouseholds;

    public Export(DynamoDbClient db, String table, boolean withHouseholds) {
        this.db = db;
        this.table = table;
        this.withHouseholds = withHouseholds;
    }

    public static void main(String[] args) throws Exception {
        String table = null;
        String region = System.getenv().getOrDefault("AWS_REGION", "cn-north-1");
        String endpoint = null;
        Path out = null;
        int segments = 4;
        boolean households = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--table" -> table = args[++i];
                case "--region" -> region = args[++i];
                case "--endpoint" -> endpoint = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                case "--segments" -> segments = Integer.parseInt(args[++i]);
                case "--with-households" -> households = true;
                default -> {
                    System.err.println("usage: --table NAME [--region R] [--out DIR] [--segments N] [--with-households] [--endpoint URL]");
                    System.exit(2);
                }
            }
        }
        if (table == null) {
            System.err.println("--table is required (the stack's TableName output)");
            System.exit(2);
        }
        if (out == null) out = Path.of("export-" + table + "-" + Instant.now().toString().replace(':', '-'));
        var builder = DynamoDbClient.builder().region(Region.of(region)).credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)));
        if (endpoint != null) builder.endpointOverride(URI.create(endpoint));
        try (DynamoDbClient db = builder.build()) {
            Map<String, Long> counts = new Export(db, table, households).run(out, segments);
            System.out.println("exported to " + out.toAbsolutePath() + ": " + counts);
        }
    }

    /** Writes the files into {@code dir} and returns how many lines each got. */
    public Map<String, Long> run(Path dir, int segments) throws Exception {
        Files.createDirectories(dir);
        Map<String, Writer> writers = new LinkedHashMap<>();
        List<String> kinds = new ArrayList<>(List.of("needs", "claims", "reviews", "audit", "ledger", "profiles"));
        if (withHouseholds) kinds.addAll(List.of("households", "households-as-posted"));
        for (String kind : kinds) writers.put(kind, new Writer(dir.resolve(kind + ".jsonl")));
        ExecutorService pool = Executors.newFixedThreadPool(segments);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int s = 0; s < segments; s++) {
                final int segment = s;
                final int total = segments;
                parts.add(pool.submit(() -> {
                    Map<String, AttributeValue> start = null;
                    do {
                        ScanRequest.Builder req = ScanRequest.builder().tableName(table).segment(segment).totalSegments(total).limit(500);
                        if (start != null) req.exclusiveStartKey(start);
                        ScanResponse page = db.scan(req.build());
                        for (Map<String, AttributeValue> item : page.items()) {
                            String kind = kindOf(item);
                            Writer w = kind == null ? null : writers.get(kind);
                            if (w != null) w.write(item);
                        }
                        start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
                    } while (start != null);
                    return null;
                }));
            }
            for (Future<?> f : parts) f.get();
        } finally {
            pool.shutdownNow();
            for (Writer w : writers.values()) w.close();
        }
        Map<String, Long> counts = new TreeMap<>();
        writers.forEach((k, w) -> counts.put(k, w.lines.get()));
        return counts;
    }

    static String kindOf(Map<String, AttributeValue> item) {
        AttributeValue type = item.get("type");
        if (type != null && type.s() != null) return FILES.get(type.s()); // OpenNeedLock: derived, null
        String sk = item.containsKey("sk") ? item.get("sk").s() : "";
        return "PROFILE".equals(sk) ? "profiles" : null; // BOARD#…: derived from the ledger
    }

    /** One JSON-lines file, owner-readable only, written by several scan segments. */
    private static final class Writer {
        private static final JsonFactory JSON = new JsonFactory();
        private final OutputStream out;
        private final JsonGenerator g;
        final AtomicLong lines = new AtomicLong();

        Writer(Path file) throws IOException {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            out = Files.newOutputStream(file);
            g = JSON.createGenerator(out, JsonEncoding.UTF8);
            g.setRootValueSeparator(null);
        }

        synchronized void write(Map<String, AttributeValue> item) {
            try {
                writeMap(g, new TreeMap<>(item));
                g.writeRaw('\n');
                g.flush();
                lines.incrementAndGet();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() throws IOException {
            g.close();
            out.close();
        }
    }

    /** DynamoDB's types as plain JSON: strings, numbers (exact), booleans, null, objects, arrays; sets as arrays. */
    static void writeMap(JsonGenerator g, Map<String, AttributeValue> m) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, AttributeValue> e : m.entrySet()) {
            g.writeFieldName(e.getKey());
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
    }

    static void writeValue(JsonGenerator g, AttributeValue v) throws IOException {
        if (v.s() != null) g.writeString(v.s());
        else if (v.n() != null) g.writeNumber(new BigDecimal(v.n()));
        else if (v.bool() != null) g.writeBoolean(v.bool());
        else if (Boolean.TRUE.equals(v.nul())) g.writeNull();
        else if (v.hasM()) writeMap(g, new TreeMap<>(v.m()));
        else if (v.hasL()) {
            g.writeStartArray();
            for (AttributeValue x : v.l()) writeValue(g, x);
            g.writeEndArray();
        } else if (v.hasSs()) {
            g.writeStartArray();
            for (String x : v.ss()) g.writeString(x);
            g.writeEndArray();
        } else if (v.hasNs()) {
            g.writeStartArray();
            for (String x : v.ns()) g.writeNumber(new BigDecimal(x));
            g.writeEndArray();
        } else if (v.b() != null) g.writeBinary(v.b().asByteArray());
        else g.writeNull();
    }
}
