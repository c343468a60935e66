package dev.apigw.reliability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of a list of durations in milliseconds. */
final class Stats {

    private final List<Double> values = new ArrayList<>();

    synchronized void add(double millis) {
        values.add(millis);
    }

    synchronized int count() {
        return values.size();
    }

    synchronized double percentile(double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    synchronized double max() {
        return values.isEmpty() ? Double.NaN : Collections.max(values);
    }
}
