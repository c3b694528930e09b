package org.bangfu.lambda;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Business and latency metrics in CloudWatch's embedded metric format (EMF): the invocation's log
 * line gets an {@code _aws} block naming the metrics, and CloudWatch turns those fields into metrics
 * asynchronously: no API call, no extra line, no SDK. Written by hand (a few lines of JSON) rather
 * than with Powertools, whose cold-start cost bench/ measured (docs/benchmarks.md).
 *
 * <p>Namespace {@value #NAMESPACE}, one dimension {@code Pilot} (the PILOT variable), so a pilot
 * has exactly these custom metrics: Claims, ClaimConflicts, Fulfilments (counts) and Latency
 * (milliseconds, every HTTP request). Each custom metric is billed per month; keeping to one
 * dimension keeps a pilot within CloudWatch's free ten (see docs/cost-model.md). The route, status
 * and function are plain fields of the same line, for Logs Insights.
 */
public final class Metrics {
    public static final String NAMESPACE = "Bangfu";
    static final String PILOT = pilot();
    private static final ThreadLocal<Metrics> CURRENT = new ThreadLocal<>();

    private final Map<String, Long> values = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();

    /** The metrics of the invocation running on this thread (a throwaway one outside an invocation). */
    public static Metrics current() {
        Metrics m = CURRENT.get();
        return m != null ? m : new Metrics();
    }

    static Metrics begin() {
        Metrics m = new Metrics();
        CURRENT.set(m);
        return m;
    }

    static void end() {
        CURRENT.remove();
    }

    public Metrics count(String name) {
        return add(name, 1, "Count");
    }

    public Metrics millis(String name, long ms) {
        values.put(name, ms);
        units.put(name, "Milliseconds");
        return this;
    }

    private Metrics add(String name, long n, String unit) {
        values.merge(name, n, Long::sum);
        units.put(name, unit);
        return this;
    }

    public Map<String, Long> values() {
        return values;
    }

    /** The EMF members of a log line: the {@code _aws} block, the dimension, and each metric's value. Empty when none were recorded. */
    String members(long timestampMillis) {
        if (values.isEmpty()) return "";
        StringBuilder b = new StringBuilder(200);
        b.append("\"_aws\":{\"Timestamp\":").append(timestampMillis).append(",\"CloudWatchMetrics\":[{\"Namespace\":\"")
                .append(NAMESPACE).append("\",\"Dimensions\":[[\"Pilot\"]],\"Metrics\":[");
        boolean first = true;
        for (Map.Entry<String, String> e : units.entrySet()) {
            b.append(first ? "" : ",").append("{\"Name\":\"").append(e.getKey()).append("\",\"Unit\":\"").append(e.getValue()).append("\"}");
            first = false;
        }
        b.append("]}]},");
        Log.quote(b.append("\"Pilot\":"), PILOT);
        values.forEach((k, v) -> b.append(",\"").append(k).append("\":").append(v));
        return b.toString();
    }

    private static String pilot() {
        String p = System.getenv("PILOT");
        if (p == null || p.isBlank()) p = System.getProperty("PILOT");
        return p == null || p.isBlank() ? "local" : p;
    }
}
