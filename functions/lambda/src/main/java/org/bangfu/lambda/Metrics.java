package org.bangfu.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Business and latency metrics in CloudWatch's embedded metric format (EMF): the invocation's log
 * line gets an {@code _aws} block naming the metrics, and CloudWatch turns those fields into metrics
 * asynchronously: no API call, no extra line, no SDK. Written by hand (a few fields of the line)
 * rather than with Powertools: see the README ("Dependencies and why") for when that reason holds.
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

    /** Adds the EMF fields to a log line: the {@code _aws} block, the dimension, and each metric's value. Nothing when none were recorded. */
    void addTo(ObjectNode line, long timestampMillis) {
        if (values.isEmpty()) return;
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", timestampMillis);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add("Pilot");
        ArrayNode metrics = directive.putArray("Metrics");
        units.forEach((name, unit) -> metrics.addObject().put("Name", name).put("Unit", unit));
        line.put("Pilot", PILOT);
        values.forEach(line::put);
    }

    private static String pilot() {
        String p = System.getenv("PILOT");
        if (p == null || p.isBlank()) p = System.getProperty("PILOT");
        return p == null || p.isBlank() ? "local" : p;
    }
}
