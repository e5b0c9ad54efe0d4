package org.speechforum.bench;

import org.speechforum.localstack.ChildJvm;
import org.speechforum.localstack.ServiceJar;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.Topics;
import org.speechforum.enrich.entities.EntityPipeline;
import org.speechforum.enrich.entities.ThreadMemory;
import org.speechforum.enrich.pipeline.DocumentEnricher;
import org.speechforum.query.index.RootFields;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code bin/bench [all|enrich|kafka|e2e|query ...]}: starts its own Kafka broker, Elasticsearch node and services
 * on free ports and measures the pipeline against the raw engines in the same run, then prints one table. Sizes
 * are system properties ({@code -Dbench.<name>=...}, see {@link #prop}); defaults fit in 20 minutes on 2 cores.
 */
public final class Bench {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String RAW_INDEX = "documents-v900";

    private final Path root;
    private final Stack stack;
    private final List<String[]> table = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private ElasticsearchClient es;
    /** Enriched documents reused as the base of the query corpus (the e2e set when that part ran). */
    private List<Document> baseRaw;
    private List<byte[]> baseEnriched;

    private Bench(Path root, Path work) {
        this.root = root;
        this.stack = new Stack(root, work);
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
        bench.print((System.nanoTime() - t0) / 1e9, work);
        System.exit(status);
    }

    private void run(Set<String> parts) throws Exception {
        // parts: enrich | kafka | e2e | rebuild (after e2e) | query
        if (parts.contains("enrich")) {
            stage("enrich", this::enrichment);
        }
        if (parts.contains("kafka") || parts.contains("e2e") || parts.contains("query")) {
            stage("start engines", stack::startEngines);
            es = ElasticsearchClient.of(b -> b.host(stack.esUrl()).jsonMapper(new Jackson3JsonpMapper()));
            stage("start ingest + query services", () -> stack.startServices("ingest-service", "query-service"));
        }
        if (parts.contains("kafka")) {
            stage("kafka vs ingest", this::kafkaVersusIngest);
        }
        if (parts.contains("e2e")) {
            stage("start enrich service", () -> {
                truncate(Topics.RAW);
                stack.startServices("enrich-service");
            });
            stage("elasticsearch vs pipeline", this::elasticsearchVersusPipeline);
        }
        if (parts.contains("rebuild")) {
            if (!parts.contains("e2e")) {
                throw new IllegalArgumentException("rebuild replays what e2e put on the topics: run it with e2e");
            }
            stage("rebuild from the log", this::rebuildFromTheLog);
        }
        if (parts.contains("query")) {
            stage("query", this::queries);
        }
    }

    /** Raw bulk rate of the last e2e part, the reference of the rebuild's ratio. */
    private double rawBulkRate;

    /**
     * bin/reindex as operators run it: query-service's jar as a one-off command that replays
     * documents.enriched.v1 and documents.threads.v1 into a new index (link finding included) and switches
     * the aliases; timed from start to exit, against the raw bulk rate of the same enriched documents.
     */
    private void rebuildFromTheLog() throws Exception {
        long documents = count("documents");
        Path jar = ServiceJar.of(root, "query-service").jar();
        Path work = stack.work;
        ProcessBuilder command = new ProcessBuilder(ChildJvm.javaBinary(), "-Xms512m",
                "-Xmx1g", "-jar", jar.toString(), "--query.reindex.to-version=77",
                "--spring.main.web-application-type=none", "--spring.kafka.listener.auto-startup=false")
                .redirectErrorStream(true).redirectOutput(work.resolve("logs/reindex.log").toFile());
        command.environment().put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaServers());
        command.environment().put("ELASTICSEARCH_URL", stack.esUrl());
        long t0 = System.nanoTime();
        int exit = command.start().waitFor();
        double secs = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("reindex exited with " + exit + ", see " + work.resolve("logs/reindex.log"));
        }
        long rebuilt = count("documents-v77");
        double rate = rebuilt / secs;
        add("2 index", String.format(Locale.ROOT, "Rebuild from the log (bin/reindex, JVM start included), %d of %d"
                + " documents", rebuilt, documents), String.format(Locale.ROOT, "%.0f docs/s", rate),
                rawBulkRate > 0 ? ratio(rate, rawBulkRate) : "");
    }

    // ---------------------------------------------------------------- 3. enrichment (JMH)

    private void enrichment() throws Exception {
        int mb = prop("jmh.mb", 50);
        // "default,rules-only" measures both in one run, so their ratio holds even when the machine's load swings
        int cores = Runtime.getRuntime().availableProcessors();
        String threadCounts = System.getProperty("bench.enrich.threads", "");
        List<Integer> threadList = threadCounts.isBlank() ? threads(cores)
                : java.util.Arrays.stream(threadCounts.split(",")).map(String::strip).map(Integer::valueOf).toList();
        for (String configuration : System.getProperty("bench.enrich.configuration", "default").split(",")) {
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
                double perCore = bytes.getScore() / 1e6 / used;
                add("3 enrichment", String.format("JMH DocumentEnricher.enrich (%s), %d thread%s, %d MB corpus",
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

    // ---------------------------------------------------------------- 1. Kafka vs HTTP ingest

    private void kafkaVersusIngest() throws Exception {
        int producerRecords = prop("kafka.records", 100_000);
        int singles = prop("http.singles", 20_000);
        int batches = prop("http.batches", 60);
        List<byte[]> docs = rawJson(Corpus.generate(1, singles + batches * 1000, "k", 0));
        double avgBytes = docs.stream().mapToInt(b -> b.length).average().orElse(0);
        Path payload = stack.work.resolve("payload.ndjson");
        try (var out = Files.newOutputStream(payload)) {
            for (byte[] d : docs.subList(0, Math.min(20_000, docs.size()))) {
                out.write(d);
                out.write('\n');
            }
        }
        String topic = "bench.producer-perf";
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        System.out.printf(Locale.ROOT, "documents: %.0f bytes of JSON on average%n", avgBytes);

        double kafka = producerPerformance(topic, producerRecords, payload);
        add("1 ingest", String.format(Locale.ROOT, "Kafka ProducerPerformance, %d records of %.0f B avg "
                + "(acks=all, idempotent, lz4, linger 5 ms as ingest)", producerRecords, avgBytes),
                String.format(Locale.ROOT, "%.0f records/s", kafka), "1.00");

        int clients = prop("http.clients", 16);
        String url = stack.url("ingest-service") + "/api/v1/documents";
        double single = postAll(docs.subList(0, singles), 1, clients, url, prop("http.seconds", 25));
        add("1 ingest", "HTTP single POSTs (application/json), " + clients + " concurrent clients",
                String.format(Locale.ROOT, "%.0f docs/s", single), ratio(single, kafka));

        int batchClients = prop("http.batch.clients", 4);
        double batched = postAll(docs.subList(singles, docs.size()), 1000, batchClients, url, prop("http.seconds", 25));
        add("1 ingest", "HTTP NDJSON batches of 1,000, " + batchClients + " concurrent clients",
                String.format(Locale.ROOT, "%.0f docs/s", batched), ratio(batched, kafka));
    }

    private double producerPerformance(String topic, int records, Path payload) throws Exception {
        List<String> command = new ArrayList<>(List.of(ChildJvm.javaBinary(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", String.valueOf(records), "--throughput", "-1",
                "--payload-file", payload.toString(), "--producer-props",
                "bootstrap.servers=" + stack.kafkaServers(), "acks=all", "enable.idempotence=true",
                "compression.type=lz4", "linger.ms=5"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Pattern total = Pattern.compile("^(\\d+) records sent, ([\\d.]+) records/sec .*");
        double rate = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains("records sent")) {
                    System.out.println("  producer-perf: " + line);
                }
                Matcher m = total.matcher(line);
                if (m.matches() && line.contains("99.9th")) {
                    rate = Double.parseDouble(m.group(2));
                }
            }
        }
        if (p.waitFor() != 0 || rate < 0) {
            throw new IllegalStateException("ProducerPerformance failed (exit " + p.exitValue() + ")");
        }
        return rate;
    }

    /** Posts {@code docs} in requests of {@code perRequest} (1 = JSON object, else NDJSON) until done or timed out. */
    private double postAll(List<byte[]> docs, int perRequest, int clients, String url, int maxSeconds)
            throws Exception {
        int requests = (docs.size() + perRequest - 1) / perRequest;
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    int r;
                    while ((r = next.getAndIncrement()) < requests && System.nanoTime() < deadline) {
                        List<byte[]> slice = docs.subList(r * perRequest, Math.min(docs.size(), (r + 1) * perRequest));
                        int status = submit(url, slice, perRequest == 1);
                        if (status / 100 == 2) {
                            accepted.addAndGet(slice.size());
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        if (failed.get() > 0) {
            notes.add(failed.get() + " ingest requests failed at " + perRequest + " docs/request");
        }
        System.out.printf(Locale.ROOT, "  %d docs accepted in %.1f s (%d per request, %d clients)%n",
                accepted.get(), secs, perRequest, clients);
        return accepted.get() / secs;
    }

    private static int submit(String url, List<byte[]> slice, boolean single) {
        byte[] body;
        if (single) {
            body = slice.getFirst();
        } else {
            int size = slice.stream().mapToInt(b -> b.length + 1).sum();
            body = new byte[size];
            int pos = 0;
            for (byte[] d : slice) {
                System.arraycopy(d, 0, body, pos, d.length);
                pos += d.length;
                body[pos++] = '\n';
            }
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("X-API-Key", Stack.API_KEY)
                .header("Content-Type", single ? "application/json" : "application/x-ndjson")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------- 2. Elasticsearch vs pipeline

    private void elasticsearchVersusPipeline() throws Exception {
        int n = prop("e2e.docs", 10_000);
        List<Document> raw = Corpus.generate(2, n, "e", 0);
        List<byte[]> enriched = enrich(raw);
        baseRaw = raw;
        baseEnriched = enriched;

        // Raw limit: the final enriched documents straight into a fresh index with the real template. A first,
        // untimed pass into a throwaway index warms Elasticsearch's JIT up, as the pipeline's run finds it warm.
        esRequest("PUT", "/documents-v901", "{}");
        bulk("documents-v901", raw, enriched);
        esRequest("DELETE", "/documents-v901", null);
        esRequest("PUT", "/" + RAW_INDEX, "{}");
        long t0 = System.nanoTime();
        bulk(RAW_INDEX, raw, enriched);
        waitForCount(RAW_INDEX, n, Duration.ofMinutes(5));
        double rawRate = n / ((System.nanoTime() - t0) / 1e9);
        rawBulkRate = rawRate;
        esRequest("DELETE", "/" + RAW_INDEX, null);
        add("2 index", "Elasticsearch BulkIngester, enriched docs (1,000/bulk, 2 in flight) → searchable",
                String.format(Locale.ROOT, "%.0f docs/s", rawRate), "1.00");

        // Full pipeline: HTTP NDJSON → Kafka → enrich → Kafka → indexer → searchable.
        long before = count("documents");
        List<byte[]> json = rawJson(raw);
        String url = stack.url("ingest-service") + "/api/v1/documents";
        t0 = System.nanoTime();
        double ingestRate = postAll(json, 1000, 2, url, 600);
        long visible = waitForCount("documents", before + n, Duration.ofMinutes(10));
        double secs = (System.nanoTime() - t0) / 1e9;
        double e2e = (visible - before) / secs;
        System.out.printf(Locale.ROOT, "  pipeline: %d docs searchable after %.1f s (ingest alone %.0f docs/s)%n",
                visible - before, secs, ingestRate);
        add("2 index", "Full pipeline, NDJSON 1,000 × 2 clients → searchable (count polled every 100 ms)",
                String.format(Locale.ROOT, "%.0f docs/s", e2e), ratio(e2e, rawRate));

        // Latency at half the measured maximum.
        double rate = e2e / 2;
        int seconds = prop("latency.seconds", 30);
        Histogram latency = latencyAtRate(rate, seconds, url);
        add("2 index", String.format(Locale.ROOT, "Submit → searchable at %.0f docs/s (50%% of max), %d s",
                        rate, seconds),
                String.format(Locale.ROOT, "p50 %d ms, p99 %d ms, max %d ms (%d docs)",
                        latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), latency.getMaxValue(),
                        latency.getTotalCount()), "");
    }

    private List<byte[]> enrich(List<Document> raw) {
        long t0 = System.nanoTime();
        // The light tagger: this only prepares enriched documents for the bulk-indexing comparison.
        DocumentEnricher enricher = new DocumentEnricher(Clock.systemUTC(), EntityPipeline.createRulesOnly(),
                new ThreadMemory(100_000), false);
        Instant now = Instant.now();
        List<byte[]> out = raw.parallelStream()
                .map(d -> DocumentJson.write(enricher.enrich(d.toBuilder().ingestedAt(now).schemaVersion(1).build())))
                .toList();
        System.out.printf(Locale.ROOT, "  enriched %d documents locally in %.1f s%n", raw.size(),
                (System.nanoTime() - t0) / 1e9);
        return out;
    }

    private void bulk(String index, List<Document> raw, List<byte[]> enriched) throws Exception {
        try (BulkIngester<Void> ingester = BulkIngester.of(b -> b.client(es).maxOperations(1000)
                .maxConcurrentRequests(2).maxSize(20L * 1024 * 1024))) {
            for (int i = 0; i < raw.size(); i++) {
                String id = raw.get(i).id();
                byte[] doc = enriched.get(i);
                ingester.add(op -> op.index(ix -> ix.index(index).id(id)
                        .document(BinaryData.of(doc, ContentType.APPLICATION_JSON))));
            }
        }
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
            notes.add(pending.size() + " latency batches were not searchable within 120 s of the end");
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
                JsonNode answer = esRequest("POST", "/documents/_search", "{\"size\":0,\"query\":{\"terms\":{\"tags\":["
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

    // ---------------------------------------------------------------- 4. queries

    private void queries() throws Exception {
        int target = prop("query.docs", 100_000);
        // query-service creates the index (and its aliases) on start, asynchronously: wait for it rather than
        // counting a missing index.
        long present = awaitIndex("documents", Duration.ofMinutes(2));
        if (present < target) {
            long missing = target - present;
            // Tagging runs at a few hundred docs/s on this machine, so a base set is enriched with the real
            // DocumentEnricher and then copied with new ids and dates spread week by week back from the base's
            // own (entities unchanged), streamed into the bulk ingester one copy at a time.
            if (baseRaw == null) {
                baseRaw = Corpus.generate(3, (int) Math.min(missing, prop("query.unique", 10_000)), "q", 0);
                baseEnriched = enrich(baseRaw);
            }
            List<Document> base = baseEnriched.stream().map(DocumentJson::read).toList();
            long t0 = System.nanoTime();
            // No refreshes while loading (the index is not read meanwhile); the default comes back after.
            esRequest("PUT", "/documents-write/_settings", "{\"index\":{\"refresh_interval\":\"-1\"}}");
            try (BulkIngester<Void> ingester = BulkIngester.of(b -> b.client(es).maxOperations(1000)
                    .maxConcurrentRequests(2).maxSize(20L * 1024 * 1024))) {
                for (long i = 0; i < missing; i++) {
                    Document d = base.get((int) (i % base.size()));
                    long round = i / base.size();
                    String externalId = d.externalId() + "-c" + round;
                    Document copy = d.toBuilder().externalId(externalId)
                            .id(org.speechforum.contracts.DocumentIds.of(d.source(), externalId))
                            .publishedAt(d.publishedAt().minusSeconds(86_400L * 7 * round))
                            .build();
                    // As query-service's projection writes it: the document and its root-level entity fields.
                    byte[] json = DocumentJson.mapper().writeValueAsBytes(
                            RootFields.write(DocumentJson.mapper().valueToTree(copy), copy));
                    ingester.add(op -> op.index(ix -> ix.index("documents-write").id(copy.id())
                            .document(BinaryData.of(json, ContentType.APPLICATION_JSON))));
                }
            }
            esRequest("PUT", "/documents-write/_settings", "{\"index\":{\"refresh_interval\":null}}");
            esRequest("POST", "/documents/_refresh", null, Duration.ofMinutes(30));
            double rate = missing / ((System.nanoTime() - t0) / 1e9);
            add("4 query", "Bulk load through documents-write (BulkIngester, streamed), " + missing + " docs ("
                    + base.size() + " distinct texts)", String.format(Locale.ROOT, "%.0f docs/s", rate), "");
        }
        long total = count("documents");
        System.out.println("  documents in the index: " + total);
        notes.add("load average before the query part: " + loadAverage());
        String svc = stack.url("query-service");
        String[] words = {"BRICS", "Latin America", "food security", "NATO sovereignty", "\"New Development Bank\""};
        String[] entities = {"Q7747", "Q7184", "sf:organization:brics", "Q1394", "Q11256"};
        String esSearch = stack.esUrl() + "/documents/_search";
        String esMulti = stack.esUrl() + "/documents/_msearch";
        List<QueryKind> kinds = List.of(
                new QueryKind("search q=", i -> svc + "/api/v1/search?q=" + enc(words[i % words.length]),
                        i -> postNdjson(esMulti, EsQueries.search(words[i % words.length], null)),
                        i -> post(esSearch, OldEsQueries.search(words[i % words.length], null))),
                new QueryKind("search entity= + facets", i -> svc + "/api/v1/search?entity="
                        + enc(entities[i % entities.length]),
                        i -> postNdjson(esMulti, EsQueries.search(null, entities[i % entities.length])),
                        i -> post(esSearch, OldEsQueries.search(null, entities[i % entities.length]))),
                new QueryKind("entity page", i -> svc + "/api/v1/entities/" + enc(entities[i % entities.length]),
                        i -> entityPageStraight(esSearch, entities[i % entities.length]),
                        i -> post(esSearch, OldEsQueries.entityPage(entities[i % entities.length]))),
                new QueryKind("stats/mentions (week)", i -> svc + "/api/v1/stats/mentions?interval=week&entity="
                        + enc(entities[i % entities.length]), i -> post(esSearch,
                        EsQueries.mentions(entities[i % entities.length])),
                        i -> post(esSearch, OldEsQueries.mentions(entities[i % entities.length]))));
        int seconds = prop("query.seconds", 8);
        boolean old = Boolean.parseBoolean(System.getProperty("bench.query.old", "true"));
        for (QueryKind kind : kinds) {
            if (old) {
                Load before = load(10, seconds, kind.old());
                add("4 query", String.format("%s, 10 clients: old design (v1 nested body) straight to Elasticsearch",
                        kind.name()), before.summary(), "");
            }
            for (int clients : List.of(10, 50)) {
                Load direct = load(clients, seconds, kind.es());
                Load service = load(clients, seconds, i -> get(kind.service().apply(i)));
                add("4 query", String.format("%s, %d clients, %d docs: query-service", kind.name(), clients, total),
                        service.summary(), ratio(service.p99(), direct.p99()) + " p99 vs ES");
                add("4 query", String.format("%s, %d clients: best body straight to Elasticsearch", kind.name(),
                                clients), direct.summary(), "1.00");
            }
        }
        notes.add("load average after the query part: " + loadAverage());
    }

    /** The entity page straight to Elasticsearch: the page body, then the co-occurring entities' mentions. */
    private static int entityPageStraight(String esSearch, String id) throws Exception {
        HttpResponse<byte[]> first = HTTP.send(HttpRequest.newBuilder(URI.create(esSearch))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EsQueries.entityPage(id))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (first.statusCode() != 200) {
            return first.statusCode();
        }
        List<String> others = new ArrayList<>();
        DocumentJson.mapper().readTree(first.body()).path("aggregations").path("cooccurring").path("buckets")
                .forEach(b -> others.add(b.path("key").asString()));
        return others.isEmpty() ? 200 : post(esSearch, EsQueries.cooccurringMentions(id, others));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** The live document count behind {@code alias}, once it exists and its shard is started. */
    private long awaitIndex(String alias, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack.esUrl() + "/" + alias
                    + "/_count")).timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() == 200) {
                return DocumentJson.mapper().readTree(r.body()).path("count").asLong();
            }
            // 404: not created yet; 503: created, its shard not started yet.
            if ((r.statusCode() != 404 && r.statusCode() != 503) || System.nanoTime() > deadline) {
                throw new IllegalStateException("GET /" + alias + "/_count → " + r.statusCode() + ": "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
            Thread.sleep(250);
        }
    }

    record QueryKind(String name, IntFunction<String> service, Call es, Call old) {
    }

    record Load(Histogram h, double rps, long errors) {
        String summary() {
            return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, %.0f req/s%s", h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, rps, errors > 0 ? ", " + errors + " errors" : "");
        }

        double p99() {
            return h.getValueAtPercentile(99);
        }
    }

    interface Call {
        int send(int i) throws Exception;
    }

    /** Closed loop: {@code clients} threads each send, wait, send again; 3 s warm-up then {@code seconds}. */
    private static Load load(int clients, int seconds, Call call) throws Exception {
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        List<Future<Histogram>> parts = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        AtomicInteger seq = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                parts.add(pool.submit(() -> {
                    Histogram h = new Histogram(60_000_000L, 3); // microseconds
                    long now;
                    while ((now = System.nanoTime()) < end) {
                        int status;
                        try {
                            status = call.send(seq.getAndIncrement());
                        } catch (Exception e) {
                            status = -1;
                        }
                        long done = System.nanoTime();
                        if (now >= warmEnd) {
                            h.recordValue(Math.min(60_000_000L, (done - now) / 1000));
                            if (status != 200) {
                                errors.incrementAndGet();
                            }
                        }
                    }
                    return h;
                }));
            }
        }
        Histogram all = new Histogram(60_000_000L, 3);
        for (Future<Histogram> f : parts) {
            all.add(f.get());
        }
        return new Load(all, all.getTotalCount() / (double) seconds, errors.get());
    }

    private static int get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int postNdjson(String url, String ndjson) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(), HttpResponse.BodyHandlers.ofByteArray());
        // _msearch answers 200 even when one of its searches failed.
        if (r.statusCode() == 200) {
            for (JsonNode answer : DocumentJson.mapper().readTree(r.body()).path("responses")) {
                if (answer.has("error")) {
                    return 500;
                }
            }
        }
        return r.statusCode();
    }

    private static int post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    // ---------------------------------------------------------------- helpers

    private JsonNode esRequest(String method, String path, String json) throws Exception {
        return esRequest(method, path, json, Duration.ofSeconds(60));
    }

    private JsonNode esRequest(String method, String path, String json, Duration timeout) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.esUrl() + path)).timeout(timeout)
                .header("Content-Type", "application/json");
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " → " + r.statusCode() + ": "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        return DocumentJson.mapper().readTree(r.body());
    }

    private long count(String index) throws Exception {
        return esRequest("GET", "/" + index + "/_count", null).path("count").asLong();
    }

    private long waitForCount(String index, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = 0;
        while (System.nanoTime() < deadline) {
            seen = count(index);
            if (seen >= expected) {
                return seen;
            }
            Thread.sleep(100);
        }
        notes.add(index + ": only " + seen + " of " + expected + " documents searchable after " + timeout);
        return seen;
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaServers());
        return Admin.create(p);
    }

    /** Deletes every record of {@code topic} so a consumer group starting later begins with an empty log. */
    private void truncate(String topic) throws Exception {
        try (Admin admin = admin()) {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            Map<TopicPartition, RecordsToDelete> delete = ends.entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, e -> RecordsToDelete.beforeOffset(e.getValue().offset())));
            admin.deleteRecords(delete).all().get();
        }
    }

    /** The canonical JSON ingest takes: the generator's document without the id ingest assigns itself. */
    private static List<byte[]> rawJson(List<Document> docs) {
        return docs.stream().map(d -> DocumentJson.write(d.toBuilder().id(null).build())).toList();
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
        add("stage time", name, String.format(Locale.ROOT, "%.0f s", secs), "");
    }

    private void add(String part, String what, String value, String ratio) {
        table.add(new String[] {part, what, value, ratio});
        System.out.println("  " + what + ": " + value + (ratio.isEmpty() ? "" : " (ratio " + ratio + ")"));
    }

    private void print(double seconds, Path work) {
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "%n# Benchmark results, %s, %d cores, %.0f GB RAM, JDK %s (%s)%n%n", LocalDate.now(),
                rt.availableProcessors(), totalRamGb(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
        int[] w = {12, 10, 10, 6};
        for (String[] row : table) {
            for (int i = 0; i < 4; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        String fmt = "| %-" + w[0] + "s | %-" + w[1] + "s | %-" + w[2] + "s | %-" + w[3] + "s |%n";
        System.out.printf(fmt, "part", "measure", "result", "ratio");
        System.out.printf(fmt, "-".repeat(w[0]), "-".repeat(w[1]), "-".repeat(w[2]), "-".repeat(w[3]));
        for (String[] row : table) {
            System.out.printf(fmt, (Object[]) row);
        }
        notes.forEach(n -> System.out.println("note: " + n));
        System.out.printf(Locale.ROOT, "%nWall time: %.1f s (logs under %s)%n", seconds, work);
    }

    private static double totalRamGb() {
        try {
            String line = Files.readAllLines(Path.of("/proc/meminfo")).getFirst();
            return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private static String ratio(double value, double reference) {
        return String.format(Locale.ROOT, "%.2f", value / reference);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int prop(String name, int fallback) {
        return Integer.getInteger("bench." + name, fallback);
    }
}
