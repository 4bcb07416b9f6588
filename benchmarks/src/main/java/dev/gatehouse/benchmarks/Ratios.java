package dev.gatehouse.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.math3.distribution.TDistribution;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Reads a JMH JSON result file of {@link TokenValidationBenchmark} and prints the Markdown table used in
 * BENCHMARKS.md: both throughputs with JMH's error, the ratio Gatehouse / plain jose4j, and the same comparison from
 * CPU time per validation (per measurement iteration: {@code cpuNanos / calls}). Errors are 99.9% confidence
 * half-widths as JMH computes them (Student's t over the iterations); a ratio's error is propagated from both.
 * The verdict is ✓ when the whole interval is at or above the target, ✗ when it is entirely below, ? otherwise.
 * Exit status 0 always: this reports, it does not gate.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.gatehouse.benchmarks.Ratios benchmarks/target/results.json</pre>
 */
public final class Ratios {

    /** Gatehouse must reach this fraction of plain jose4j's throughput. */
    static final double TARGET = 0.95;

    private Ratios() {
    }

    public static void main(String[] args) throws IOException, JoseException {
        Path file = Path.of(args.length > 0 ? args[0] : "benchmarks/target/results.json");
        // JMH writes a JSON array; jose4j's parser (already on the class path) reads objects, so wrap it in one.
        List<?> runs = (List<?>) JsonUtil.parseJson("{\"runs\":" + Files.readString(file) + "}").get("runs");
        Map<String, Map<String, Side>> bySuite = new LinkedHashMap<>();
        for (Object o : runs) {
            Map<?, ?> run = (Map<?, ?>) o;
            String benchmark = (String) run.get("benchmark");
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String suite = (String) ((Map<?, ?>) run.get("params")).get("suite");
            Map<?, ?> primary = (Map<?, ?>) run.get("primaryMetric");
            Estimate throughput = new Estimate(number(primary.get("score")), number(primary.get("scoreError")));
            bySuite.computeIfAbsent(suite, s -> new LinkedHashMap<>())
                    .put(method, new Side(throughput, cpuMicrosPerCall((Map<?, ?>) run.get("secondaryMetrics"))));
        }

        System.out.println("| suite | Gatehouse (ops/s) | plain jose4j (ops/s) | Gatehouse / plain (ops/s) "
                + "| CPU µs/op Gatehouse | CPU µs/op plain | plain / Gatehouse (CPU µs/op) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, Map<String, Side>> e : bySuite.entrySet()) {
            Side g = e.getValue().get("gatehouse");
            Side p = e.getValue().get("plainJose4j");
            if (g == null || p == null) {
                System.out.println("| " + e.getKey() + " | (one side missing) | | | | | |");
                continue;
            }
            Estimate ratio = g.throughput.over(p.throughput);
            Estimate cpuRatio = p.cpuMicros.over(g.cpuMicros);
            System.out.println("| " + e.getKey() + " | " + g.throughput.format("%.1f") + " | "
                    + p.throughput.format("%.1f") + " | **" + ratio.format("%.3f") + "** " + ratio.verdict() + " | "
                    + g.cpuMicros.format("%.1f") + " | " + p.cpuMicros.format("%.1f") + " | "
                    + cpuRatio.format("%.3f") + " " + cpuRatio.verdict() + " |");
        }
    }

    /** CPU µs per call, one value per measurement iteration, from the {@link TokenValidationBenchmark.CpuTime} counters. */
    private static Estimate cpuMicrosPerCall(Map<?, ?> secondary) {
        if (secondary == null || secondary.get("cpuNanos") == null || secondary.get("calls") == null) {
            return Estimate.UNKNOWN;
        }
        List<Double> nanos = flatten(((Map<?, ?>) secondary.get("cpuNanos")).get("rawData"));
        List<Double> calls = flatten(((Map<?, ?>) secondary.get("calls")).get("rawData"));
        List<Double> perCall = new ArrayList<>();
        for (int i = 0; i < Math.min(nanos.size(), calls.size()); i++) {
            if (calls.get(i) > 0) {
                perCall.add(nanos.get(i) / calls.get(i) / 1000);
            }
        }
        return Estimate.of(perCall);
    }

    private static List<Double> flatten(Object rawData) {
        List<Double> values = new ArrayList<>();
        if (rawData instanceof List<?> forks) {
            for (Object fork : forks) {
                for (Object value : (List<?>) fork) {
                    values.add(number(value));
                }
            }
        }
        return values;
    }

    private static double number(Object value) {
        // JMH writes "NaN" as a string when it cannot compute an error (a single iteration)
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private record Side(Estimate throughput, Estimate cpuMicros) {
    }

    /** A mean with a 99.9% confidence half-width. */
    private record Estimate(double value, double error) {

        static final Estimate UNKNOWN = new Estimate(Double.NaN, Double.NaN);

        static Estimate of(List<Double> samples) {
            int n = samples.size();
            if (n == 0) {
                return UNKNOWN;
            }
            double mean = samples.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            if (n == 1) {
                return new Estimate(mean, Double.NaN);
            }
            double variance = samples.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (n - 1);
            double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - 0.001 / 2);
            return new Estimate(mean, t * Math.sqrt(variance / n));
        }

        Estimate over(Estimate other) {
            double ratio = value / other.value;
            return new Estimate(ratio, ratio * Math.hypot(error / value, other.error / other.value));
        }

        String verdict() {
            if (Double.isNaN(value)) {
                return "";
            }
            if (Double.isNaN(error)) {
                return value >= TARGET ? "(✓)" : "(✗)";
            }
            return value - error >= TARGET ? "✓" : value + error < TARGET ? "✗" : "?";
        }

        String format(String pattern) {
            if (Double.isNaN(value)) {
                return "n/a";
            }
            String v = String.format(Locale.ROOT, pattern, value);
            return Double.isNaN(error) ? v : v + " ± " + String.format(Locale.ROOT, pattern, error);
        }
    }
}
