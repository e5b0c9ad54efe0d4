package org.speechforum.bench;

import org.speechforum.contracts.Topics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code bin/bench [all|enrich|kafka|e2e|rebuild|query ...]}: starts its own Kafka broker, Elasticsearch node and
 * services on free ports and measures the pipeline against the raw engines in the same run, then prints one table.
 * One class a part ({@link EnrichmentPart}, {@link IngestPart}, {@link IndexPart}, {@link RebuildPart},
 * {@link QueryPart}), sharing the client kit {@link BenchKit} and the {@link Report}. Sizes are system properties
 * ({@code -Dbench.<name>=...}, see {@link BenchKit#prop}); defaults fit in 20 minutes on 2 cores.
 */
public final class Bench {

    /** enrich-service's consumer group (spring.kafka.consumer.group-id in enrich-service.yml). */
    private static final String ENRICH_GROUP = "enrich-service";

    private final Path root;
    private final Stack stack;
    private final Report report = new Report();
    private final BenchKit kit;

    private Bench(Path root, Path work) {
        this.root = root;
        this.stack = new Stack(root, work);
        this.kit = new BenchKit(stack, report);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        Set<String> parts = new LinkedHashSet<>();
        for (String a : args) {
            parts.addAll(List.of(a.split(",")));
        }
        if (parts.isEmpty() || parts.contains("all")) {
            parts = new LinkedHashSet<>(List.of("enrich", "kafka", "e2e", "query"));
        }
        Path work = Files.createTempDirectory(root.resolve("bench/target"), "run-");
        Bench bench = new Bench(root, work);
        long t0 = System.nanoTime();
        int status = 0;
        try {
            bench.run(parts);
        } catch (Exception e) {
            status = 1;
            System.err.println("\nBENCH FAILED: " + e);
            e.printStackTrace();
        } finally {
            bench.stack.close();
        }
        bench.report.print((System.nanoTime() - t0) / 1e9, work);
        System.exit(status);
    }

    private void run(Set<String> parts) throws Exception {
        // parts: enrich | kafka | e2e | rebuild (after e2e) | query
        EnrichmentPart enrichment = new EnrichmentPart(report);
        if (parts.contains("enrich")) {
            stage("enrich", enrichment::run);
        }
        if (parts.contains("kafka") || parts.contains("e2e") || parts.contains("query")) {
            stage("start engines", stack::startEngines);
            stage("start ingest + query services", () -> stack.startServices("ingest-service", "query-service"));
        }
        if (parts.contains("kafka")) {
            stage("kafka vs ingest", new IngestPart(stack, kit, report)::run);
        }
        IndexPart index = new IndexPart(stack, kit, report);
        if (parts.contains("e2e")) {
            stage("start enrich service", () -> {
                // The kafka part's documents stay on the (compacted) raw topic: enrich starts after them.
                kit.skipToEnd(Topics.RAW, ENRICH_GROUP);
                stack.startServices("enrich-service");
            });
            stage("elasticsearch vs pipeline", () -> index.run(enrichment.allCoresRate));
        }
        if (parts.contains("rebuild")) {
            if (!parts.contains("e2e")) {
                throw new IllegalArgumentException("rebuild replays what e2e put on the topics: run it with e2e");
            }
            stage("rebuild from the log", () -> new RebuildPart(root, stack, kit, report).run(index.rawBulkRate));
        }
        if (parts.contains("query")) {
            // The e2e set, when that part ran, is the base of the query corpus.
            stage("query", () -> new QueryPart(stack, kit, report).run(index.raw, index.enriched));
        }
    }

    interface Step {
        void run() throws Exception;
    }

    private void stage(String name, Step step) throws Exception {
        System.out.println("\n== " + name + " ==");
        long t0 = System.nanoTime();
        step.run();
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "== %s took %.1f s%n", name, secs);
        report.add("stage time", name, String.format(Locale.ROOT, "%.0f s", secs), "");
    }
}
