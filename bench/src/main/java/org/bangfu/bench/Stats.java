package org.bangfu.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Samples in milliseconds; median and percentiles by nearest rank. */
final class Stats {
    private final List<Double> samples = new ArrayList<>();

    synchronized void add(double ms) {
        samples.add(ms);
    }

    synchronized int count() {
        return samples.size();
    }

    double median() {
        return percentile(50);
    }

    synchronized double percentile(double p) {
        if (samples.isEmpty()) return Double.NaN;
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        int rank = (int) Math.ceil(p / 100.0 * s.size());
        return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
    }

    synchronized double max() {
        return samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    static String ms(double v) {
        if (Double.isNaN(v)) return "–";
        return v >= 100 ? String.format("%.0f", v) : v >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }
}
