package org.bangfu.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.bangfu.lambda.Json;
import org.bangfu.lambda.Services;
import org.bangfu.local.dynamodb.DynamoDbLocal;
import org.bangfu.local.dynamodb.LocalTable;
import org.bangfu.local.dynamodb.Template;
import org.bangfu.local.s3.LocalBuckets;
import org.bangfu.local.s3.S3Local;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.bangfu.store.Dynamo;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The whole platform on one laptop: DynamoDB Local, the table from template.yaml, every function
 * behind the gateway, the site, and demo data. Configured the way the functions are in AWS (through
 * TABLE_NAME, AWS_REGION and credentials), plus DYNAMODB_ENDPOINT pointing at DynamoDB Local.
 */
public final class LocalPlatform implements AutoCloseable {
    public static final String TABLE = "bangfu-local";

    private final DynamoDbLocal dynamo;
    private final S3Local s3;
    private final Gateway gateway;
    private SnapshotOrigin snapshotOrigin;
    private FakeWeChat weChat;
    private final List<StreamPump> pumps;
    private final Scheduler scheduler;
    private final SmsOutbox outbox;
    private final BucketNotifier notifier;
    private final DevTokens tokens;
    private final int port;
    private final String host;

    private LocalPlatform(DynamoDbLocal dynamo, S3Local s3, Gateway gateway, List<StreamPump> pumps, Scheduler scheduler, SmsOutbox outbox,
                          BucketNotifier notifier, DevTokens tokens, String host, int port) {
        this.notifier = notifier;
        this.dynamo = dynamo;
        this.s3 = s3;
        this.tokens = tokens;
        this.outbox = outbox;
        this.gateway = gateway;
        this.pumps = pumps;
        this.scheduler = scheduler;
        this.host = host;
        this.port = port;
    }

    /**
     * scheduleSeconds: how often Schedule functions run locally (0: only when {@link #runSchedules()} is called);
     * processes: every function in a child process through the local Runtime API (its custom-runtime package).
     */
    public record Options(String host, int port, Path dataDir, boolean demo, boolean ownDynamo, long scheduleSeconds, boolean processes) {
        public Options(String host, int port, Path dataDir, boolean demo, boolean ownDynamo, long scheduleSeconds) {
            this(host, port, dataDir, demo, ownDynamo, scheduleSeconds, false);
        }
    }

    public static LocalPlatform start(Options options) throws IOException {
        Template template = Template.ofProject();
        // Both servers are child JVMs: start them side by side.
        var s3Starting = java.util.concurrent.CompletableFuture.supplyAsync(() -> options.ownDynamo()
                ? S3Local.start(options.dataDir() == null ? null : options.dataDir().resolve("s3"), options.host(), 0)
                : S3Local.shared());
        DynamoDbLocal dynamo = options.ownDynamo() ? DynamoDbLocal.start(options.dataDir(), 0) : DynamoDbLocal.shared();
        System.setProperty("DYNAMODB_ENDPOINT", dynamo.endpoint());
        System.setProperty("TABLE_NAME", TABLE);
        System.setProperty("AWS_REGION", "cn-north-1");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        // Text messages go through the real provider code to the local outbox (GET /api/dev/sms).
        SmsOutbox outbox = SmsOutbox.start();
        outbox.settings().forEach(System::setProperty);
        // Files: S3Proxy over a folder (DATA_DIR/s3 when data is kept), the template's buckets on it, and
        // every function variable that names a bucket pointed at the local one; S3_ENDPOINT as DYNAMODB_ENDPOINT.
        S3Local s3 = s3Starting.join();
        System.setProperty("S3_ENDPOINT", s3.endpoint());
        var s3Client = LocalBuckets.client(s3.endpoint());
        java.util.Map<String, String> buckets = LocalBuckets.create(s3Client, template, TABLE);
        LocalBuckets.environment(template, buckets).forEach(System::setProperty);
        if (options.processes()) {
            // Every function as Lambda runs a custom runtime: its bootstrap in a child process, with the local
            // settings the in-process functions read from system properties as its environment.
            Map<String, String> env = new java.util.HashMap<>(Map.of("DYNAMODB_ENDPOINT", dynamo.endpoint(), "TABLE_NAME", TABLE,
                    "S3_ENDPOINT", s3.endpoint()));
            env.putAll(outbox.settings());
            env.putAll(LocalBuckets.environment(template, buckets));
            Functions.useProcesses(env);
        }
        // WeChat only when asked for (LOCAL_WECHAT=fake): a fake official account and WeChat API on their own port.
        FakeWeChat weChat = null;
        if ("fake".equalsIgnoreCase(Dynamo.setting("LOCAL_WECHAT"))) {
            weChat = FakeWeChat.start();
            weChat.settings().forEach(System::setProperty);
            Functions.addToProcessEnvironment(weChat.settings());
        }
        DynamoDbClient db = Dynamo.client();
        boolean fresh = !db.listTables().tableNames().contains(TABLE);
        if (fresh) LocalTable.create(db, template, TABLE);
        JsonNode users = demoUsers();
        if (fresh && options.demo()) new DemoData(Services.live(), users).load();
        DevTokens tokens = new DevTokens();
        Gateway gateway = new Gateway(Routes.from(template), tokens, outbox, Template.projectRoot().resolve("frontend"), users,
                SiteHeaders.ofProject(SiteHeaders.origin(s3.endpoint())));
        String snapshotBucket = buckets.get("SnapshotBucket");
        SnapshotOrigin snapshotOrigin = snapshotBucket == null ? null : new SnapshotOrigin(s3Client, snapshotBucket);
        gateway.serveSnapshots(snapshotOrigin);
        int port = gateway.start(options.host(), options.port());
        String site = "http://" + ("0.0.0.0".equals(options.host()) ? "localhost" : options.host()) + ":" + port;
        // The issuer is the site's origin, as in AWS: here, the gateway's own address.
        Functions.addToProcessEnvironment(tokens.configure(site));
        // SiteUrl, as the template gives it, before any function starts: share cards (the function's and
        // their snapshots) carry absolute URLs. SITE_URL set outside (a phone on the LAN) wins.
        if (System.getenv("SITE_URL") == null) System.setProperty("SITE_URL", site); // this platform's, even after another one
        Functions.addToProcessEnvironment(Map.of("SITE_URL", Dynamo.setting("SITE_URL")));
        List<StreamPump> pumps = startStreamPumps(template, db, dynamo);
        List<Scheduler.Job> jobs = Functions.withEvent(template, "Schedule").stream()
                .map(f -> new Scheduler.Job(f.functionId(), Functions.<RequestHandler<Map<String, Object>, ?>>create(f.functionId(), f.handler(), Map.class, Object.class)))
                .toList();
        Scheduler scheduler = new Scheduler(jobs).start(options.scheduleSeconds());
        BucketNotifier notifier = new BucketNotifier(s3Client, s3Targets(template, buckets), "cn-north-1").start(300);
        LocalPlatform platform = new LocalPlatform(dynamo, s3, gateway, pumps, scheduler, outbox, notifier, tokens, options.host(), port);
        platform.snapshotOrigin = snapshotOrigin;
        platform.weChat = weChat;
        return platform;
    }

    /** One pump per function with a DynamoDB event, reading the table's stream as its event source mapping would. */
    private static List<StreamPump> startStreamPumps(Template template, DynamoDbClient db, DynamoDbLocal dynamo) {
        String streamArn = db.describeTable(r -> r.tableName(TABLE)).table().latestStreamArn();
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(URI.create(dynamo.endpoint()))
                .region(Region.of("cn-north-1")).credentialsProvider(SystemPropertyCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        List<StreamPump> pumps = new ArrayList<>();
        for (Functions.Triggered f : Functions.withEvent(template, "DynamoDB")) {
            pumps.add(new StreamPump(streams, streamArn, f.functionId(),
                    Functions.create(f.functionId(), f.handler(), DynamodbEvent.class, StreamsEventResponse.class),
                    f.eventProperties().path("BatchSize").asInt(100), f.eventProperties().path("MaximumRetryAttempts").asInt(3)).start());
        }
        return pumps;
    }

    /** One target per function with an S3 event: its bucket (locally named) and the prefix of its filter. */
    private static List<BucketNotifier.Target> s3Targets(Template template, java.util.Map<String, String> buckets) {
        List<BucketNotifier.Target> out = new ArrayList<>();
        for (Functions.Triggered f : Functions.withEvent(template, "S3")) {
            String bucket = buckets.get(f.eventProperties().path("Bucket").asText());
            if (bucket == null) throw new IllegalStateException(f.functionId() + ": its S3 event names a bucket the template does not declare");
            String prefix = "";
            for (JsonNode rule : f.eventProperties().path("Filter").path("S3Key").path("Rules")) {
                if ("prefix".equals(rule.path("Name").asText())) prefix = rule.path("Value").asText();
            }
            out.add(new BucketNotifier.Target(f.functionId(), Functions.<RequestHandler<Map<String, Object>, ?>>create(f.functionId(), f.handler(), Map.class, Object.class), bucket, prefix));
        }
        return out;
    }

    /** Sends the S3 notifications of every new upload now (they are also sent every 300 ms by themselves). */
    public int notifyUploads() {
        return notifier.drain();
    }

    public List<StreamPump> pumps() {
        return pumps;
    }

    /** Runs every Schedule function once, now. */
    public void runSchedules() {
        scheduler.runAll();
    }

    public String baseUrl() {
        return "http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + port;
    }

    public int port() {
        return port;
    }

    public DevTokens tokens() {
        return tokens;
    }

    /**
     * Benchmarks: stop every function's process, so each next request is a cold start (processes mode
     * only; in-process functions stay warm), and switch the snapshot origin off or on (the API path).
     */
    public void coldStartFunctions() {
        Functions.stopProcesses();
    }

    public void serveSnapshots(boolean on) {
        gateway.serveSnapshots(on ? snapshotOrigin : null);
    }

    /** The gateway, for its counts of function invocations and snapshot answers. */
    public Gateway gateway() {
        return gateway;
    }

    public SmsOutbox outbox() {
        return outbox;
    }

    /** The fake WeChat (LOCAL_WECHAT=fake), or null. */
    public FakeWeChat weChat() {
        return weChat;
    }

    @Override
    public void close() {
        gateway.close();
        outbox.close();
        if (weChat != null) weChat.close();
        scheduler.close();
        notifier.close();
        pumps.forEach(StreamPump::close);
        Functions.closeProcesses();
    }

    public void stopDynamo() {
        dynamo.close();
        s3.close();
    }

    /** The local S3 server the platform's buckets live on. */
    public S3Local s3() {
        return s3;
    }

    static JsonNode demoUsers() {
        try (InputStream in = LocalPlatform.class.getResourceAsStream("demo-users.json")) {
            return Json.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * ./run.sh → here. PORT (default 8080), HOST (default 127.0.0.1), DATA_DIR for a database kept
     * between runs, DEMO=false for no demo data, SCHEDULE_SECONDS (default 60) for scheduled functions,
     * LAMBDA_PROCESSES=true to run every function as a child process through the local Runtime API,
     * LOCAL_WECHAT=fake for the WeChat features against a fake WeChat (off otherwise, as for a pilot without an account).
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(env("PORT", "8080"));
        String host = env("HOST", "127.0.0.1");
        String data = env("DATA_DIR", "");
        boolean demo = !"false".equalsIgnoreCase(env("DEMO", "true"));
        long scheduleSeconds = Long.parseLong(env("SCHEDULE_SECONDS", "60"));
        boolean processes = "true".equalsIgnoreCase(env("LAMBDA_PROCESSES", "false"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--host" -> host = args[++i];
                case "--data" -> data = args[++i];
                case "--no-demo" -> demo = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--port N, --host H, --data DIR, --no-demo)");
            }
        }
        long t0 = System.nanoTime();
        LocalPlatform platform = start(new Options(host, port, data.isEmpty() ? null : Path.of(data), demo, true, scheduleSeconds, processes));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            platform.stopDynamo();
        }));
        System.out.printf("%n帮扶认领 is running at %s  (started in %.1f s)%n", platform.baseUrl(), (System.nanoTime() - t0) / 1e9);
        System.out.println("  site:  " + platform.baseUrl() + "/");
        System.out.println("  API:   " + platform.baseUrl() + "/api/needs");
        System.out.println("  token: curl -s -X POST " + platform.baseUrl()
                + "/api/dev/token -d '{\"sub\":\"zhang-xiansheng\",\"groups\":[\"helper\"],\"name\":\"张先生\"}'");
        if (platform.weChat() != null) System.out.println("  WeChat: a fake official account (" + FakeWeChat.APP_ID + "), " + platform.weChat().settings().get("WECHAT_API_BASE"));
        if (processes) System.out.println("  functions: child processes (custom runtime, " + Functions.PACKAGES + ")");
        System.out.println("  data:  " + (data.isEmpty() ? "in memory (DATA_DIR=… to keep it)" : data));
        System.out.println("  files: S3 (S3Proxy) at " + platform.s3().endpoint() + (data.isEmpty() ? ", in a temporary folder" : ", in " + Path.of(data).resolve("s3")));
        System.out.println("Ctrl-C to stop.");
        Thread.currentThread().join();
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
