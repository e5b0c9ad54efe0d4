package org.speechforum.bench;

import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import org.HdrHistogram.Histogram;
import org.speechforum.contracts.Document;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static org.speechforum.bench.BenchKit.enrich;
import static org.speechforum.bench.BenchKit.prop;
import static org.speechforum.bench.BenchKit.rawJson;
import static org.speechforum.bench.BenchKit.submit;
import static org.speechforum.bench.Report.ratio;

/**
 * Part "e2e": the enriched documents bulk-indexed straight into Elasticsearch against the whole pipeline (HTTP →
 * Kafka → enrich → Kafka → indexer → searchable), then submit-to-searchable latency at half that rate.
 */
final class IndexPart {

    private static final String RAW_INDEX = "documents-v900";

    private final Stack stack;
    private final BenchKit kit;
    private final Report report;
    /** The documents this part sent, raw and enriched: the query part builds its corpus on them. */
    List<Document> raw;
    List<byte[]> enriched;
    /** The raw bulk rate measured here: the reference of the rebuild's ratio. */
    double rawBulkRate;

    IndexPart(Stack stack, BenchKit kit, Report report) {
        this.stack = stack;
        this.kit = kit;
        this.report = report;
    }

    /** @param enrichAlone JMH's documents/s for enrichment alone on every core, 0 when the enrich part did not run */
    void run(double enrichAlone) throws Exception {
        int n = prop("e2e.docs", 10_000);
        List<Document> raw = Corpus.generate(2, n, "e", 0);
        List<byte[]> enriched = enrich(raw);
        this.raw = raw;
        this.enriched = enriched;

        // Raw limit: the final enriched documents straight into a fresh index with the real template. A first,
        // untimed pass into a throwaway index warms Elasticsearch's JIT up, as the pipeline's run finds it warm.
        kit.esRequest("PUT", "/documents-v901", "{}");
        kit.bulk("documents-v901", raw, enriched);
        kit.esRequest("DELETE", "/documents-v901", null);
        kit.esRequest("PUT", "/" + RAW_INDEX, "{}");
        long t0 = System.nanoTime();
        kit.bulk(RAW_INDEX, raw, enriched);
        kit.waitForCount(RAW_INDEX, n, Duration.ofMinutes(5));
        double rawRate = n / ((System.nanoTime() - t0) / 1e9);
        rawBulkRate = rawRate;
        kit.esRequest("DELETE", "/" + RAW_INDEX, null);
        report.add("2 index", "Elasticsearch BulkIngester, enriched docs (1,000/bulk, 2 in flight) → searchable",
                String.format(Locale.ROOT, "%.0f docs/s", rawRate), "1.00");

        // Full pipeline: HTTP NDJSON → Kafka → enrich → Kafka → indexer → searchable.
        long before = kit.count("documents");
        List<byte[]> json = rawJson(raw);
        String url = stack.url("ingest-service") + "/api/v1/documents";
        t0 = System.nanoTime();
        double ingestRate = kit.postAll(json, 1000, 2, url, 600);
        long visible = kit.waitForCount("documents", before + n, Duration.ofMinutes(10));
        double secs = (System.nanoTime() - t0) / 1e9;
        double e2e = (visible - before) / secs;
        System.out.printf(Locale.ROOT, "  pipeline: %d docs searchable after %.1f s (ingest alone %.0f docs/s)%n",
                visible - before, secs, ingestRate);
        report.add("2 index", "Full pipeline, NDJSON 1,000 × 2 clients → searchable (count polled every 100 ms)",
                String.format(Locale.ROOT, "%.0f docs/s", e2e), ratio(e2e, rawRate));
        if (enrichAlone > 0) {
            report.add("2 index", "Full pipeline against enrichment alone (JMH, every core, part 3 of this run)",
                    String.format(Locale.ROOT, "%.0f of %.0f docs/s", e2e, enrichAlone), ratio(e2e, enrichAlone));
        }
        enrichTimes();

        // Latency at half the measured maximum.
        double rate = e2e / 2;
        int seconds = prop("latency.seconds", 30);
        double[] enrichBefore = batchTimes("enrich-service", "name=\"enrich-service-");
        double[] queryBefore = batchTimes("query-service", "name=\"query-service-indexer-");
        Histogram latency = latencyAtRate(rate, seconds, url);
        report.add("2 index", String.format(Locale.ROOT, "Submit → searchable at %.0f docs/s (50%% of max), %d s",
                        rate, seconds),
                String.format(Locale.ROOT, "p50 %d ms, p99 %d ms, max %d ms (%d docs)",
                        latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), latency.getMaxValue(),
                        latency.getTotalCount()), "");
        double[] enrichAfter = batchTimes("enrich-service", "name=\"enrich-service-");
        double[] queryAfter = batchTimes("query-service", "name=\"query-service-indexer-");
        if (enrichBefore != null && enrichAfter != null && queryBefore != null && queryAfter != null) {
            // Where a document's submit → searchable time goes at that rate: each listener's batches (the
            // Elasticsearch refresh of the documents index, up to its refresh_interval, comes on top).
            report.add("2 index", "Listener batches during the latency run (mean batch time, batches)",
                    String.format(Locale.ROOT, "enrich-service %.0f ms (%.0f batches); query-service indexer %.0f ms"
                                    + " (%.0f batches)", mean(enrichBefore, enrichAfter), enrichAfter[1] - enrichBefore[1],
                            mean(queryBefore, queryAfter), queryAfter[1] - queryBefore[1]), "");
        }
    }

    private static double mean(double[] before, double[] after) {
        double batches = after[1] - before[1];
        return batches <= 0 ? 0 : (after[0] - before[0]) * 1e3 / batches;
    }

    /** {seconds summed, batches} of a service's batch listener ({@code spring_kafka_listener_seconds}); null if unread. */
    private double[] batchTimes(String service, String label) {
        try {
            String text = new String(kit.httpGet(stack.url(service) + "/actuator/prometheus"),
                    java.nio.charset.StandardCharsets.UTF_8);
            return new double[] {metric(text, "spring_kafka_listener_seconds_sum", label),
                    metric(text, "spring_kafka_listener_seconds_count", label)};
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Where enrich-service's time went in the pipeline run, per document, from its own timers
     * ({@code /actuator/prometheus}, docs/metrics.md): the listener's batches, and inside them tagging (per record,
     * on the tagging pool, so summed over its threads), link finding and threading (per batch).
     */
    private void enrichTimes() {
        try {
            String text = new String(kit.httpGet(stack.url("enrich-service") + "/actuator/prometheus"),
                    java.nio.charset.StandardCharsets.UTF_8);
            double documents = metric(text, "pipeline_documents_enriched_total", "");
            if (documents <= 0) {
                return;
            }
            // Spring Kafka's batch timer names the listener's containers (enrich-service-0, -1, ...).
            double listener = metric(text, "spring_kafka_listener_seconds_sum", "name=\"enrich-service-");
            double batches = metric(text, "spring_kafka_listener_seconds_count", "name=\"enrich-service-");
            double tagging = metric(text, "pipeline_record_process_seconds_sum",
                    "spring_kafka_listener_id=\"enrich-service\"");
            double links = metric(text, "pipeline_links_seconds_sum", "");
            double threading = metric(text, "pipeline_threading_seconds_sum", "");
            report.add("2 index", String.format(Locale.ROOT, "enrich-service time per document (%.0f documents in %.0f"
                            + " batches)", documents, batches),
                    String.format(Locale.ROOT, "listener %.1f ms: links %.1f ms, threading %.1f ms; tagging %.1f ms"
                                    + " (summed over the pool's threads)", listener * 1e3 / documents,
                            links * 1e3 / documents, threading * 1e3 / documents, tagging * 1e3 / documents), "");
        } catch (Exception e) {
            report.note("enrich-service timers not read: " + e);
        }
    }

    /** The sum of the Prometheus samples named {@code name} whose labels contain {@code label}. */
    static double metric(String prometheus, String name, String label) {
        double sum = 0;
        for (String line : prometheus.split("\n")) {
            if (line.startsWith(name) && (line.length() == name.length() || line.charAt(name.length()) == '{'
                    || line.charAt(name.length()) == ' ') && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Submits batches every 100 ms at {@code rate}, each tagged, and polls until each batch is searchable. */
    private Histogram latencyAtRate(double rate, int seconds, String url) throws Exception {
        int perBatch = Math.max(1, (int) Math.round(rate / 10));
        int batches = seconds * 10;
        List<Document> docs = Corpus.generate(5, perBatch * batches, "lat", 0);
        Map<String, long[]> pending = new ConcurrentHashMap<>(); // tag -> {intended start nanos, size}
        Histogram histogram = new Histogram(3_600_000L, 3);
        long start = System.nanoTime();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            Thread poller = Thread.ofPlatform().name("latency-poller").start(() -> pollBatches(pending, histogram));
            for (int b = 0; b < batches; b++) {
                long intended = start + b * 100_000_000L;
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String tag = "lat-" + b;
                List<byte[]> slice = rawJson(docs.subList(b * perBatch, (b + 1) * perBatch).stream()
                        .map(d -> d.toBuilder().tags(List.of(tag)).build()).toList());
                pending.put(tag, new long[] {intended, slice.size()});
                senders.submit(() -> submit(url, slice, false));
            }
            long until = System.nanoTime() + 120_000_000_000L;
            while (!pending.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            poller.interrupt();
            poller.join();
        }
        if (!pending.isEmpty()) {
            report.note(pending.size() + " latency batches were not searchable within 120 s of the end");
        }
        return histogram;
    }

    private void pollBatches(Map<String, long[]> pending, Histogram histogram) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(50);
                List<String> tags = new ArrayList<>(pending.keySet());
                if (tags.isEmpty()) {
                    continue;
                }
                String terms = tags.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(","));
                JsonNode answer = kit.esRequest("POST", "/documents/_search", "{\"size\":0,\"query\":{\"terms\":{\"tags\":["
                        + terms + "]}},\"aggs\":{\"t\":{\"terms\":{\"field\":\"tags\",\"size\":" + (tags.size() + 10)
                        + "}}}}");
                long now = System.nanoTime();
                for (JsonNode bucket : answer.path("aggregations").path("t").path("buckets")) {
                    String tag = bucket.path("key").asString();
                    long[] batch = pending.get(tag);
                    if (batch != null && bucket.path("doc_count").asLong() >= batch[1]) {
                        histogram.recordValueWithCount(Math.max(0, (now - batch[0]) / 1_000_000), batch[1]);
                        pending.remove(tag);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                System.err.println("  latency poll failed: " + e);
            }
        }
    }
}
