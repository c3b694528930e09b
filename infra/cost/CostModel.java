import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Monthly cost of one county pilot on AWS, from usage assumptions and list prices, with the
 * formula of every line. Run it with the JDK alone (no build):
 *
 *   java infra/cost/CostModel.java                       # the default county pilot
 *   java infra/cost/CostModel.java needsPerYear=20000 pageViewsPerMonth=400000
 *
 * Any assumption or price below can be overridden the same way (name=value). Prices are US$ list
 * prices of the AWS standard partition (us-east-1), as published on the pricing pages named in
 * PRICES, read in 2025 (see docs/cost-model.md for the sources and what changes in AWS China).
 */
public final class CostModel {
    /** Usage assumptions for a county pilot: see docs/cost-model.md for why each. */
    static final Map<String, Double> USAGE = new LinkedHashMap<>();
    /** Prices (US$) and always-free allowances per month. */
    static final Map<String, Double> PRICES = new LinkedHashMap<>();

    static {
        USAGE.put("needsPerYear", 5_000.0);
        USAGE.put("pageViewsPerMonth", 100_000.0);
        USAGE.put("apiCallsPerPageView", 2.5);          // the listing or one need, plus leaderboard/stats on some views
        USAGE.put("edgeCacheHitRatio", 0.0);           // public GETs answered by CloudFront (max-age=15); 0 = pessimistic
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
        PRICES.put("useFreeTier", 1.0);                // 1: apply the always-free allowances above; 0: list prices only
    }

    record Line(String item, String formula, double amount) {
    }

    public static void main(String[] args) {
        for (String a : args) {
            String[] kv = a.split("=", 2);
            Map<String, Double> target = USAGE.containsKey(kv[0]) ? USAGE : PRICES.containsKey(kv[0]) ? PRICES : null;
            if (target == null) throw new IllegalArgumentException("unknown name " + kv[0] + "; known: " + USAGE.keySet() + " " + PRICES.keySet());
            target.put(kv[0], Double.parseDouble(kv[1]));
        }
        List<Line> lines = compute();
        double total = lines.stream().mapToDouble(Line::amount).sum();
        boolean free = p("useFreeTier") == 1;
        System.out.printf("County pilot: %,.0f needs a year, %,.0f page views a month (%s)%n%n", u("needsPerYear"), u("pageViewsPerMonth"),
                free ? "with AWS's always-free allowances" : "list prices, no free tier");
        System.out.println("| item | formula | US$ / month |");
        System.out.println("|---|---|---:|");
        for (Line l : lines) System.out.printf("| %s | %s | %.2f |%n", l.item(), l.formula(), l.amount());
        System.out.printf("| **total** | | **%.2f** |%n", total);
        System.out.printf("%nTarget: under US$5.00 a month -> %s%n", total < 5 ? "met" : "NOT met");
    }

    static double u(String k) {
        return USAGE.get(k);
    }

    static double p(String k) {
        return PRICES.get(k);
    }

    static double free(String k) {
        return p("useFreeTier") == 1 ? p(k) : 0;
    }

    static List<Line> compute() {
        List<Line> out = new ArrayList<>();
        double needs = u("needsPerYear") / 12;
        double publicCalls = u("pageViewsPerMonth") * u("apiCallsPerPageView") * (1 - u("edgeCacheHitRatio"));
        double signedIn = needs * u("signedInCallsPerNeed");
        double apiRequests = publicCalls + signedIn;
        double invocations = apiRequests + needs * u("scoringInvocationsPerNeed") + u("hygieneInvocationsPerMonth");
        double seconds = (1 - u("coldShare")) * u("warmSeconds") + u("coldShare") * u("coldSeconds");
        double gbSeconds = invocations * seconds * u("memoryGb");

        out.add(new Line(String.format("Lambda requests (%,.0f invocations)", invocations),
                "max(0, invocations − free) / 10⁶ × price",
                Math.max(0, invocations - free("freeLambdaRequests")) / 1e6 * p("lambdaPerMillionRequests")));
        out.add(new Line(String.format("Lambda compute (%,.0f GB-s; %.0f ms average)", gbSeconds, seconds * 1000),
                "max(0, invocations × (warm·(1−cold) + cold·coldSeconds) × GB − free) × price",
                Math.max(0, gbSeconds - free("freeLambdaGbSeconds")) * p("lambdaGbSecond")));
        out.add(new Line(String.format("HTTP API (%,.0f requests)", apiRequests),
                "(page views × calls per view × (1 − edge hits) + needs × signed-in calls) / 10⁶ × price",
                apiRequests / 1e6 * p("httpApiPerMillion")));
        double rru = publicCalls * u("rruPerPublicCall") + signedIn * u("rruPerSignedInCall");
        out.add(new Line(String.format("DynamoDB reads (%,.0f RRU)", rru), "(public calls × RRU + signed-in calls × RRU) / 10⁶ × price",
                rru / 1e6 * p("dynamoPerMillionRru")));
        double wru = needs * u("wruPerNeed");
        out.add(new Line(String.format("DynamoDB writes (%,.0f WRU)", wru), "needs × WRU per need / 10⁶ × price", wru / 1e6 * p("dynamoPerMillionWru")));
        out.add(new Line(String.format("DynamoDB storage + point-in-time recovery (%.2f GB)", u("storageGb")),
                "max(0, GB − free) × storage price + GB × PITR price",
                Math.max(0, u("storageGb") - free("freeDynamoStorageGb")) * p("dynamoStorageGbMonth") + u("storageGb") * p("pitrGbMonth")));
        double logGb = invocations * u("logBytesPerInvocation") / 1e9;
        out.add(new Line(String.format("CloudWatch Logs (%.2f GB ingested)", logGb), "max(0, GB − free) × price",
                Math.max(0, logGb - free("freeLogsGb")) * p("logsIngestGb")));
        out.add(new Line(String.format("CloudWatch custom metrics (%.0f, EMF)", u("customMetrics")), "max(0, metrics − free) × price",
                Math.max(0, u("customMetrics") - free("freeCustomMetrics")) * p("customMetricMonth")));
        out.add(new Line(String.format("CloudWatch alarms (%.0f alarm metrics)", u("alarmMetrics")), "max(0, alarm metrics − free) × price",
                Math.max(0, u("alarmMetrics") - free("freeAlarmMetrics")) * p("alarmMetricMonth")));
        double cfGb = u("pageViewsPerMonth") * u("firstViewKb") / 1e6;
        double cfReq = u("pageViewsPerMonth") * u("edgeRequestsPerPageView");
        out.add(new Line(String.format("CloudFront (%.0f GB, %,.0f requests)", cfGb, cfReq),
                "max(0, GB − free) × price + max(0, requests − free) / 10⁴ × price",
                Math.max(0, cfGb - free("freeCloudfrontGb")) * p("cloudfrontGb")
                        + Math.max(0, cfReq - free("freeCloudfrontRequests")) / 1e4 * p("cloudfrontPer10kHttps")));
        out.add(new Line("S3 (the site)", "GB × price (reads come from CloudFront's cache)", u("siteGb") * p("s3GbMonth")));
        out.add(new Line("Cognito, SQS, SNS, KMS", "within Cognito Lite's 10,000 MAU, SQS's and SNS's free requests; table encrypted with an AWS-owned key", 0));
        return out;
    }
}
