import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Monthly cost of one county pilot on AWS, from usage assumptions and list prices, with the
 * formula of every line, in US$ (standard partition, us-east-1) and in CNY (China (Ningxia)
 * cn-northwest-1, the currency a China pilot pays). Run it with the JDK alone (no build):
 *
 *   java infra/cost/CostModel.java                       # the default county pilot
 *   java infra/cost/CostModel.java needsPerYear=20000 pageViewsPerMonth=400000
 *   java infra/cost/CostModel.java cny.lambdaGbSecond=0.0001   # fill in a CNY price read from amazonaws.cn
 *
 * Any assumption or price below can be overridden the same way (name=value, cny.name=value).
 * The sources and read dates of every price are in docs/cost-model.md. A CNY price we could not
 * find is NaN: its line prints "not found" and the CNY total says how many lines it leaves out,
 * rather than inventing a number.
 */
public final class CostModel {
    /** Usage assumptions for a county pilot (and the free-tier switch): see docs/cost-model.md for why each. */
    static final Map<String, Double> USAGE = new LinkedHashMap<>();
    /** Prices (US$, us-east-1) and always-free allowances per month. */
    static final Map<String, Double> PRICES = new LinkedHashMap<>();
    /** Prices (CNY, cn-northwest-1) and free allowances per month; same names as PRICES; NaN = not found. */
    static final Map<String, Double> PRICES_CNY = new LinkedHashMap<>();
    static final double NOT_FOUND = Double.NaN;

    static {
        USAGE.put("needsPerYear", 5_000.0);
        USAGE.put("pageViewsPerMonth", 100_000.0);
        USAGE.put("apiCallsPerPageView", 2.5);          // the listing or one need, plus leaderboard/stats on some views
        USAGE.put("edgeCacheHitRatio", 0.0);           // public GETs answered by CloudFront (max-age=15); 0 = pessimistic
        USAGE.put("snapshotReadShare", 0.8);           // public reads the site takes from snapshot files (issue 17); 0 = the API design
        USAGE.put("snapshotFilesPerChange", 19.0);     // need + share card, 6 area levels × (window, all) lists, 5 stats files
        USAGE.put("snapshotSharedFilesPerChange", 17.0); // the lists and figures several stream shards may rebuild: a HEAD before each conditional put
        USAGE.put("snapshotSeconds", 0.5);             // billed duration of a snapshot batch (reads + S3 puts)
        USAGE.put("rruPerSnapshotFile", 2.0);          // a file is rebuilt from the table: a 21-item page query or one need
        USAGE.put("signedInCallsPerNeed", 17.0);       // post 1, reviews 2, queue 4, claim 1.5, delivered 1, confirm 1, me 6, release 0.5
        USAGE.put("scoringInvocationsPerNeed", 6.0);   // stream batches (1 s window) touching the need
        USAGE.put("hygieneInvocationsPerMonth", 744.0); // hourly
        USAGE.put("memoryGb", 1.0);                    // template.yaml MemorySize 1024
        USAGE.put("warmSeconds", 0.06);                // billed duration of a warm invocation (2–4 DynamoDB round trips)
        USAGE.put("coldShare", 0.10);                  // invocations that start an environment (low traffic: many)
        USAGE.put("coldSeconds", 1.0);                 // billed duration of those (restore/init + first request), generous
        USAGE.put("rruPerPublicCall", 2.0);            // a listing page ≈ 14 KB read eventually consistent ≈ 2 RRU; one need 1 RRU
        USAGE.put("rruPerSignedInCall", 4.0);
        USAGE.put("wruPerNeed", 120.0);                // transactions bill 2 WRU per item-KB, plus the indexes, plus the ledger
        USAGE.put("storageGb", 0.25);                  // ≈ 15 items × 1.5 KB per need, a year of needs, ledger and audit
        USAGE.put("logBytesPerInvocation", 800.0);     // our JSON line (with EMF) ≈ 450 B + START/END/REPORT ≈ 350 B
        USAGE.put("customMetrics", 4.0);               // Claims, ClaimConflicts, Fulfilments, Latency × 1 dimension (Pilot)
        USAGE.put("alarmMetrics", 29.0);               // 13 functions × (Errors + Throttles) + API 5xx + dead letters + stream lag
        USAGE.put("firstViewKb", 300.0);               // bytes of a page view from CloudFront (the site is issue #4: a guess, generous)
        USAGE.put("edgeRequestsPerPageView", 10.0);
        USAGE.put("siteGb", 0.01);
        USAGE.put("signInsPerMonth", 1_500.0);         // cadres, reviewers, admins and helpers signing in by SMS code
        USAGE.put("tokensPerSignIn", 8.0);             // the first token + refreshes (15-minute access tokens) while working
        USAGE.put("viralViews", 100_000.0);            // one need shared in large WeChat groups: views in viralHours
        USAGE.put("viralHours", 1.0);
        USAGE.put("viralPeakToMean", 5.0);             // the busiest second against the hour's average
        USAGE.put("edgeLocations", 20.0);              // CloudFront edges the views arrive at, each caching on its own
        USAGE.put("needMaxAgeSeconds", 15.0);          // Cache-Control of a need, from the API and in its snapshot
        USAGE.put("useFreeTier", 1.0);                 // 1: apply the free allowances of each price table; 0: list prices only

        PRICES.put("lambdaGbSecond", 0.0000133334);    // arm64, first 7.5 billion GB-s        aws.amazon.com/lambda/pricing
        PRICES.put("lambdaPerMillionRequests", 0.20);
        PRICES.put("freeLambdaGbSeconds", 400_000.0);  // always free
        PRICES.put("freeLambdaRequests", 1_000_000.0); // always free
        PRICES.put("httpApiPerMillion", 1.00);         // first 300 million                    aws.amazon.com/api-gateway/pricing
        PRICES.put("dynamoPerMillionWru", 0.625);      // on-demand, since 2024-11-01           aws.amazon.com/dynamodb/pricing/on-demand
        PRICES.put("dynamoPerMillionRru", 0.125);
        PRICES.put("dynamoStorageGbMonth", 0.25);
        PRICES.put("freeDynamoStorageGb", 25.0);       // always free
        PRICES.put("pitrGbMonth", 0.20);               // continuous backups
        PRICES.put("logsIngestGb", 0.50);              //                                      aws.amazon.com/cloudwatch/pricing
        PRICES.put("freeLogsGb", 5.0);                 // always free (ingestion)
        PRICES.put("customMetricMonth", 0.30);
        PRICES.put("freeCustomMetrics", 10.0);         // always free
        PRICES.put("alarmMetricMonth", 0.10);          // standard resolution
        PRICES.put("freeAlarmMetrics", 10.0);          // always free
        PRICES.put("cloudfrontGb", 0.085);             // first 10 TB, US/Europe edges             aws.amazon.com/cloudfront/pricing
        PRICES.put("cloudfrontPer10kHttps", 0.01);
        PRICES.put("freeCloudfrontGb", 1024.0);        // always free: 1 TB out
        PRICES.put("freeCloudfrontRequests", 10_000_000.0); // always free
        PRICES.put("s3GbMonth", 0.023);                //                                      aws.amazon.com/s3/pricing
        PRICES.put("s3Per1kPuts", 0.005);              // S3 Standard PUT, COPY, POST, LIST per 1,000
        PRICES.put("s3Per1kGets", 0.0004);             // S3 Standard GET per 1,000 (CloudFront's origin fetches)
        PRICES.put("smallServicesMonth", 0.0);         // SQS's and SNS's free requests; AWS-owned table key
        PRICES.put("kmsKeyMonth", 1.0);                // the token-signing key (ECC_NIST_P256)            aws.amazon.com/kms/pricing
        PRICES.put("kmsPer10kAsymmetric", 0.15);       // Sign requests on an asymmetric ECC key
        PRICES.put("freeKmsRequests", 20_000.0);       // always free, account-wide
        PRICES.put("secretMonth", 0.40);               // the sign-in code hashing secret              aws.amazon.com/secrets-manager/pricing

        // China (Ningxia), CNY, read 2026-12-03 from the stored copies named in docs/cost-model.md.
        // A free allowance we could not confirm for China is 0 (none assumed), never the global one.
        PRICES_CNY.put("lambdaGbSecond", NOT_FOUND);           // amazonaws.cn/en/lambda/pricing: no stored copy found
        PRICES_CNY.put("lambdaPerMillionRequests", NOT_FOUND); // same page
        PRICES_CNY.put("freeLambdaGbSeconds", 0.0);            // China free tier for Lambda: not confirmed
        PRICES_CNY.put("freeLambdaRequests", 0.0);
        PRICES_CNY.put("httpApiPerMillion", NOT_FOUND);        // amazonaws.cn/en/api-gateway/pricing: no stored copy found
        PRICES_CNY.put("dynamoPerMillionWru", 11.1538);        // amazonaws.cn/en/dynamodb/pricing, an old copy (before table classes): verify
        PRICES_CNY.put("dynamoPerMillionRru", NOT_FOUND);      // same page, cut off before the read price
        PRICES_CNY.put("dynamoStorageGbMonth", NOT_FOUND);
        PRICES_CNY.put("freeDynamoStorageGb", 0.0);            // not confirmed for China
        PRICES_CNY.put("pitrGbMonth", NOT_FOUND);
        PRICES_CNY.put("logsIngestGb", NOT_FOUND);             // amazonaws.cn/cloudwatch/pricing, cut off before Logs
        PRICES_CNY.put("freeLogsGb", 5.0);                     // same page: free tier in Ningxia and Beijing, 5 GB ingestion
        PRICES_CNY.put("customMetricMonth", 2.0);              // same page: first 10,000 metrics
        PRICES_CNY.put("freeCustomMetrics", 10.0);             // same page
        PRICES_CNY.put("alarmMetricMonth", 0.622);             // same page: standard resolution (60 s)
        PRICES_CNY.put("freeAlarmMetrics", 10.0);              // same page
        PRICES_CNY.put("cloudfrontGb", 0.30866);               // amazonaws.cn/en/cloudfront/pricing: 0–10 TB a month
        PRICES_CNY.put("cloudfrontPer10kHttps", 0.15);         // same page
        PRICES_CNY.put("freeCloudfrontGb", 0.0);               // no China free allowance found
        PRICES_CNY.put("freeCloudfrontRequests", 0.0);
        PRICES_CNY.put("s3GbMonth", NOT_FOUND);                // amazonaws.cn/en/s3/pricing: no stored copy found
        PRICES_CNY.put("s3Per1kPuts", NOT_FOUND);              // same page
        PRICES_CNY.put("s3Per1kGets", NOT_FOUND);              // same page
        PRICES_CNY.put("smallServicesMonth", NOT_FOUND);       // SQS/SNS free tiers there not confirmed
        PRICES_CNY.put("kmsKeyMonth", NOT_FOUND);              // amazonaws.cn/en/kms/pricing: no stored copy found
        PRICES_CNY.put("kmsPer10kAsymmetric", NOT_FOUND);
        PRICES_CNY.put("freeKmsRequests", 0.0);                // not confirmed for China
        PRICES_CNY.put("secretMonth", NOT_FOUND);              // amazonaws.cn/en/secrets-manager/pricing: no stored copy found
    }

    /** One bill line; amountCny is NaN where a CNY price it needs was not found. */
    record Line(String item, String formula, double amountUsd, double amountCny) {
    }

    public static void main(String[] args) {
        for (String a : args) set(a);
        List<Line> lines = compute();
        boolean free = u("useFreeTier") == 1;
        System.out.printf("County pilot: %,.0f needs a year, %,.0f page views a month (%s)%n%n", u("needsPerYear"), u("pageViewsPerMonth"),
                free ? "with each partition's free allowances" : "list prices, no free tier");
        System.out.println("| item | formula | US$ / month (us-east-1) | CNY / month (cn-northwest-1) |");
        System.out.println("|---|---|---:|---:|");
        for (Line l : lines) System.out.printf("| %s | %s | %.2f | %s |%n", l.item(), l.formula(), l.amountUsd(), cny(l.amountCny()));
        long missing = lines.stream().filter(l -> Double.isNaN(l.amountCny())).count();
        System.out.printf("| **total** | | **%.2f** | **%s** |%n", totalUsd(lines),
                missing == 0 ? String.format("%.2f", totalCny(lines)) : String.format("≥ %.2f (%d lines without a CNY price)", totalCny(lines), missing));
        System.out.printf("%nTarget: under US$5.00 a month -> %s%n", totalUsd(lines) < 5 ? "met" : "NOT met");

        System.out.printf("%nOne need goes viral: %,.0f views in %.0f h (list prices, on top of the month's bill; the page's own files come from the CDN in both designs)%n%n",
                u("viralViews"), u("viralHours"));
        System.out.println("| design | edge cache | origin requests | Lambda invocations | peak concurrent functions | US$ origin | US$ CloudFront | US$ total |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (Viral v : viral())
            System.out.printf("| %s | %s | %,.0f | %,.0f | %.1f | %.2f | %.2f | %.2f |%n", v.design(), v.edgeCache() ? "holds (max-age per edge)" : "missed (every view reaches the origin)",
                    v.originRequests(), v.invocations(), v.peakConcurrency(), v.originUsd(), v.cloudfrontUsd(), v.originUsd() + v.cloudfrontUsd());
    }

    /** One design under the viral hour: what reaches the origin, and what it costs at US$ list prices. */
    record Viral(String design, boolean edgeCache, double originRequests, double invocations, double peakConcurrency, double originUsd,
            double cloudfrontUsd) {
    }

    /**
     * The viral hour for both designs, with the edge cache holding (each edge fetches the need at
     * most once per max-age) and missed (a cache key that varies, or max-age 0). The API design
     * answers a need from a function (an HTTP API request, an invocation, a strongly consistent
     * read); the snapshot design from an S3 GET.
     */
    static List<Viral> viral() {
        double views = u("viralViews");
        double seconds = u("viralHours") * 3600;
        double perEdge = u("edgeLocations") * seconds / u("needMaxAgeSeconds");
        double cloudfront = views * u("firstViewKb") / 1e6 * PRICES.get("cloudfrontGb")
                + views * u("edgeRequestsPerPageView") / 1e4 * PRICES.get("cloudfrontPer10kHttps");
        double warm = u("warmSeconds");
        List<Viral> out = new ArrayList<>();
        for (boolean cached : new boolean[] {true, false}) {
            double origin = cached ? Math.min(views, perEdge) : views;
            double peak = origin / seconds * u("viralPeakToMean");
            double fn = origin / 1e6 * (PRICES.get("lambdaPerMillionRequests") + PRICES.get("httpApiPerMillion"))
                    + origin * warm * u("memoryGb") * PRICES.get("lambdaGbSecond") + origin / 1e6 * PRICES.get("dynamoPerMillionRru");
            out.add(new Viral("API (functions)", cached, origin, origin, peak * warm, fn, cloudfront));
            out.add(new Viral("snapshots (S3)", cached, origin, 0, 0, origin / 1e3 * PRICES.get("s3Per1kGets"), cloudfront));
        }
        return out;
    }

    /** Applies one name=value (US$ table or usage) or cny.name=value (CNY table) argument. */
    static void set(String arg) {
        String[] kv = arg.split("=", 2);
        if (kv.length != 2) throw new IllegalArgumentException("expected name=value, got " + arg);
        String name = kv[0];
        Map<String, Double> target;
        if (name.startsWith("cny.")) {
            name = name.substring(4);
            target = PRICES_CNY.containsKey(name) ? PRICES_CNY : null;
        } else {
            target = USAGE.containsKey(name) ? USAGE : PRICES.containsKey(name) ? PRICES : null;
        }
        if (target == null)
            throw new IllegalArgumentException("unknown name " + kv[0] + "; known: " + USAGE.keySet() + " " + PRICES.keySet() + " and cny.<price>");
        target.put(name, Double.parseDouble(kv[1]));
    }

    static String cny(double amount) {
        return Double.isNaN(amount) ? "not found" : String.format("%.2f", amount);
    }

    static double totalUsd(List<Line> lines) {
        return lines.stream().mapToDouble(Line::amountUsd).sum();
    }

    /** Sum of the CNY lines that have a price (the caller reports how many have none). */
    static double totalCny(List<Line> lines) {
        return lines.stream().mapToDouble(Line::amountCny).filter(d -> !Double.isNaN(d)).sum();
    }

    static double u(String k) {
        return USAGE.get(k);
    }

    static List<Line> compute() {
        List<Money> usd = bill(PRICES);
        List<Money> cny = bill(PRICES_CNY);
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < usd.size(); i++) out.add(new Line(usd.get(i).item(), usd.get(i).formula(), usd.get(i).amount(), cny.get(i).amount()));
        return out;
    }

    /** quantity × price, where nothing billed costs nothing even if the price was not found. */
    static double mul(double quantity, double price) {
        return quantity == 0 ? 0 : quantity * price;
    }

    private record Money(String item, String formula, double amount) {
    }

    /** The bill under one price table: the same usage, the same formulas, only the prices differ. */
    static List<Money> bill(Map<String, Double> prices) {
        java.util.function.ToDoubleFunction<String> p = prices::get;
        java.util.function.ToDoubleFunction<String> free = k -> u("useFreeTier") == 1 ? prices.get(k) : 0;
        List<Money> out = new ArrayList<>();
        double needs = u("needsPerYear") / 12;
        double publicReads = u("pageViewsPerMonth") * u("apiCallsPerPageView") * (1 - u("edgeCacheHitRatio"));
        double snapshotReads = publicReads * u("snapshotReadShare");
        double publicCalls = publicReads - snapshotReads;
        double signedIn = needs * u("signedInCallsPerNeed");
        double apiRequests = publicCalls + signedIn;
        // The snapshot function runs on the same stream batches as scoring, only when snapshots are read at all.
        double snapshotBatches = u("snapshotReadShare") > 0 ? needs * u("scoringInvocationsPerNeed") : 0;
        double snapshotPuts = snapshotBatches * u("snapshotFilesPerChange");
        double snapshotHeads = snapshotBatches * u("snapshotSharedFilesPerChange");
        double invocations = apiRequests + needs * u("scoringInvocationsPerNeed") + u("hygieneInvocationsPerMonth") + snapshotBatches;
        double seconds = (1 - u("coldShare")) * u("warmSeconds") + u("coldShare") * u("coldSeconds");
        double gbSeconds = (invocations - snapshotBatches) * seconds * u("memoryGb") + snapshotBatches * u("snapshotSeconds") * u("memoryGb");

        out.add(new Money(String.format("Lambda requests (%,.0f invocations)", invocations),
                "max(0, invocations − free) / 10⁶ × price",
                mul(Math.max(0, invocations - free.applyAsDouble("freeLambdaRequests")) / 1e6, p.applyAsDouble("lambdaPerMillionRequests"))));
        out.add(new Money(String.format("Lambda compute (%,.0f GB-s; %.0f ms a call, %.0f ms a snapshot batch)", gbSeconds, seconds * 1000,
                        u("snapshotSeconds") * 1000),
                "max(0, (invocations − snapshot batches) × (warm·(1−cold) + cold·coldSeconds) × GB + snapshot batches × snapshotSeconds × GB − free) × price",
                mul(Math.max(0, gbSeconds - free.applyAsDouble("freeLambdaGbSeconds")), p.applyAsDouble("lambdaGbSecond"))));
        out.add(new Money(String.format("HTTP API (%,.0f requests)", apiRequests),
                "(page views × calls per view × (1 − edge hits) × (1 − snapshot share) + needs × signed-in calls) / 10⁶ × price",
                mul(apiRequests / 1e6, p.applyAsDouble("httpApiPerMillion"))));
        double rru = publicCalls * u("rruPerPublicCall") + signedIn * u("rruPerSignedInCall") + snapshotPuts * u("rruPerSnapshotFile");
        out.add(new Money(String.format("DynamoDB reads (%,.0f RRU)", rru), "(public calls × RRU + signed-in calls × RRU + snapshot files written × RRU) / 10⁶ × price",
                mul(rru / 1e6, p.applyAsDouble("dynamoPerMillionRru"))));
        double wru = needs * u("wruPerNeed");
        out.add(new Money(String.format("DynamoDB writes (%,.0f WRU)", wru), "needs × WRU per need / 10⁶ × price",
                mul(wru / 1e6, p.applyAsDouble("dynamoPerMillionWru"))));
        out.add(new Money(String.format("DynamoDB storage + point-in-time recovery (%.2f GB)", u("storageGb")),
                "max(0, GB − free) × storage price + GB × PITR price",
                mul(Math.max(0, u("storageGb") - free.applyAsDouble("freeDynamoStorageGb")), p.applyAsDouble("dynamoStorageGbMonth"))
                        + mul(u("storageGb"), p.applyAsDouble("pitrGbMonth"))));
        double logGb = invocations * u("logBytesPerInvocation") / 1e9;
        out.add(new Money(String.format("CloudWatch Logs (%.2f GB ingested)", logGb), "max(0, GB − free) × price",
                mul(Math.max(0, logGb - free.applyAsDouble("freeLogsGb")), p.applyAsDouble("logsIngestGb"))));
        out.add(new Money(String.format("CloudWatch custom metrics (%.0f, EMF)", u("customMetrics")), "max(0, metrics − free) × price",
                mul(Math.max(0, u("customMetrics") - free.applyAsDouble("freeCustomMetrics")), p.applyAsDouble("customMetricMonth"))));
        out.add(new Money(String.format("CloudWatch alarms (%.0f alarm metrics)", u("alarmMetrics")), "max(0, alarm metrics − free) × price",
                mul(Math.max(0, u("alarmMetrics") - free.applyAsDouble("freeAlarmMetrics")), p.applyAsDouble("alarmMetricMonth"))));
        double cfGb = u("pageViewsPerMonth") * u("firstViewKb") / 1e6;
        double cfReq = u("pageViewsPerMonth") * u("edgeRequestsPerPageView");
        out.add(new Money(String.format("CloudFront (%.0f GB, %,.0f requests)", cfGb, cfReq),
                "max(0, GB − free) × price + max(0, requests − free) / 10⁴ × price",
                mul(Math.max(0, cfGb - free.applyAsDouble("freeCloudfrontGb")), p.applyAsDouble("cloudfrontGb"))
                        + mul(Math.max(0, cfReq - free.applyAsDouble("freeCloudfrontRequests")) / 1e4, p.applyAsDouble("cloudfrontPer10kHttps"))));
        out.add(new Money("S3 (the site)", "GB × price (reads come from CloudFront's cache)", mul(u("siteGb"), p.applyAsDouble("s3GbMonth"))));
        out.add(new Money(String.format("S3 snapshots (%,.0f files written, %,.0f version checks, %,.0f read)", snapshotPuts, snapshotHeads, snapshotReads),
                "files written / 10³ × PUT price + (version checks (HEAD) + snapshot reads (every one an origin fetch, pessimistic)) / 10³ × GET price",
                mul(snapshotPuts / 1e3, p.applyAsDouble("s3Per1kPuts")) + mul((snapshotHeads + snapshotReads) / 1e3, p.applyAsDouble("s3Per1kGets"))));
        double signs = u("signInsPerMonth") * u("tokensPerSignIn");
        out.add(new Money(String.format("KMS token key (%,.0f signatures)", signs), "key-month + max(0, signatures − free) / 10⁴ × price",
                p.applyAsDouble("kmsKeyMonth") + mul(Math.max(0, signs - free.applyAsDouble("freeKmsRequests")) / 1e4, p.applyAsDouble("kmsPer10kAsymmetric"))));
        out.add(new Money("Secrets Manager (the code-hash secret)", "1 secret-month", p.applyAsDouble("secretMonth")));
        out.add(new Money("SQS, SNS", "US$: within SQS's and SNS's free requests, table encrypted with an AWS-owned key",
                p.applyAsDouble("smallServicesMonth")));
        return out;
    }
}
