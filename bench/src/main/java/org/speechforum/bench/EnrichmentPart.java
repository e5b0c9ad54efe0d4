package org.speechforum.bench;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.speechforum.enrich.pipeline.DocumentEnricher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import static org.speechforum.bench.BenchKit.prop;

/** Part "enrich": {@link EnrichBenchmark} under JMH, on one thread and on every core. */
final class EnrichmentPart {

    private final Report report;
    /**
     * Documents/s of the first configuration at the most threads run (by default one per core): what the e2e part's pipeline
     * is held against ("enrichment alone on the same machine"); 0 until run.
     */
    double allCoresRate;

    EnrichmentPart(Report report) {
        this.report = report;
    }

    void run() throws Exception {
        int mb = prop("jmh.mb", 50);
        // "default,rules-only" measures both in one run, so their ratio holds even when the machine's load swings
        int cores = Runtime.getRuntime().availableProcessors();
        String threadCounts = System.getProperty("bench.enrich.threads", "");
        List<Integer> threadList = threadCounts.isBlank() ? threads(cores)
                : Arrays.stream(threadCounts.split(",")).map(String::strip).map(Integer::valueOf).toList();
        String[] configurations = System.getProperty("bench.enrich.configuration", "default").split(",");
        String firstConfiguration = configurations[0];
        for (String configuration : configurations) {
            for (int threads : threadList) {
                Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .include(EnrichBenchmark.class.getName() + ".enrich")
                        .param("megabytes", String.valueOf(mb))
                        .param("configuration", configuration)
                        .forks(1).threads(threads)
                        .warmupIterations(prop("jmh.warmups", 2)).warmupTime(TimeValue.seconds(prop("jmh.seconds", 8)))
                        .measurementIterations(prop("jmh.iterations", 3))
                        .measurementTime(TimeValue.seconds(prop("jmh.seconds", 8)))
                        .jvmArgsAppend(enrichJvmArgs())
                        .build()).run();
                RunResult result = results.iterator().next();
                Result<?> docs = result.getPrimaryResult();
                Result<?> bytes = result.getSecondaryResults().get("textBytes");
                Result<?> tokens = result.getSecondaryResults().get("tokens");
                int used = Math.min(threads, cores);
                if (configuration.equals(firstConfiguration) && threads == java.util.Collections.max(threadList)) {
                    allCoresRate = docs.getScore();
                }
                double perCore = bytes.getScore() / 1e6 / used;
                report.add("3 enrichment", String.format("JMH DocumentEnricher.enrich (%s), %d thread%s, %d MB corpus",
                                configuration, threads, threads == 1 ? "" : "s", mb),
                        String.format(Locale.ROOT, "%.0f ± %.0f docs/s, %.2f MB/s (%.2f MB/s, %.1fk tokens/s per core)",
                                docs.getScore(), docs.getScoreError(), bytes.getScore() / 1e6, perCore,
                                tokens.getScore() / 1e3 / used), "");
            }
        }
    }

    /**
     * The forked JVM's options: enrich-service's 2 GB heap, plus {@code -Dbench.enrich.jvmArgs} (space-separated,
     * e.g. {@code -XX:+UseG1GC} to compare collectors).
     */
    private static String[] enrichJvmArgs() {
        List<String> args = new ArrayList<>(List.of("-Xms2g", "-Xmx2g"));
        String extra = System.getProperty("bench.enrich.jvmArgs", "").strip();
        if (!extra.isEmpty()) {
            args.addAll(List.of(extra.split("\\s+")));
        }
        return args.toArray(String[]::new);
    }

    private static List<Integer> threads(int cores) {
        return cores > 1 ? List.of(1, cores) : List.of(1);
    }
}
