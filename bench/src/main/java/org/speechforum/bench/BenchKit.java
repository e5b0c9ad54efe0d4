package org.speechforum.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.enrich.entities.EntityPipeline;
import org.speechforum.enrich.entities.ThreadMemory;
import org.speechforum.enrich.languages.LanguageDetection;
import org.speechforum.enrich.pipeline.DocumentEnricher;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The client kit every part of {@code bin/bench} shares: HTTP calls to the services and Elasticsearch, Kafka admin
 * calls, a closed-loop load generator with an HdrHistogram, the corpus in the form ingest takes, and the sizes
 * ({@code -Dbench.<name>}, see {@link #prop}).
 */
final class BenchKit {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Stack stack;
    private final Report report;
    private ElasticsearchClient es;

    BenchKit(Stack stack, Report report) {
        this.stack = stack;
        this.report = report;
    }

    /** The Java client of the bench's Elasticsearch node (once the engines run). */
    ElasticsearchClient es() {
        if (es == null) {
            es = ElasticsearchClient.of(b -> b.host(stack.esUrl()).jsonMapper(new Jackson3JsonpMapper()));
        }
        return es;
    }

    JsonNode esRequest(String method, String path, String json) throws Exception {
        return esRequest(method, path, json, Duration.ofSeconds(60));
    }

    JsonNode esRequest(String method, String path, String json, Duration timeout) throws Exception {
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

    /**
     * The live document count of {@code index}, 0 while it does not exist or its shard has not started (query-service
     * creates its index at start-up, or on its first write when Elasticsearch did not answer then), so a part that
     * polls a count waits for the index instead of failing on the 404 or 503.
     */
    long count(String index) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack.esUrl() + "/" + index + "/_count"))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 404 || r.statusCode() == 503) {
            return 0;
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /" + index + "/_count → " + r.statusCode() + ": "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        return DocumentJson.mapper().readTree(r.body()).path("count").asLong();
    }

    long waitForCount(String index, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = 0;
        while (System.nanoTime() < deadline) {
            seen = count(index);
            if (seen >= expected) {
                return seen;
            }
            Thread.sleep(100);
        }
        report.note(index + ": only " + seen + " of " + expected + " documents searchable after " + timeout);
        return seen;
    }

    /** The live document count behind {@code alias}, once it exists and its shard is started. */
    long awaitIndex(String alias, Duration timeout) throws Exception {
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

    Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaServers());
        return Admin.create(p);
    }

    /**
     * Makes consumer group {@code group}, which must have no member yet, start after every record {@code topic}
     * holds now: its committed offsets are set to the current end of each partition. The pipeline's topics are
     * compacted ({@code cleanup.policy=compact}), and Kafka refuses DeleteRecords on a topic whose cleanup.policy
     * lacks {@code delete}, so the bench cannot truncate them; it moves the group instead, which leaves the records
     * to the other readers (bin/reindex, bin/retag) as users see them.
     */
    void skipToEnd(String topic, String group) throws Exception {
        try (Admin admin = admin()) {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            Map<TopicPartition, OffsetAndMetadata> offsets = ends.entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets(group, offsets).all().get();
            long skipped = ends.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
            System.out.printf(Locale.ROOT, "  %s: group %s starts at the end (%d earlier records skipped)%n", topic,
                    group, skipped);
        }
    }

    /** Posts {@code docs} in requests of {@code perRequest} (1 = JSON object, else NDJSON) until done or timed out. */
    double postAll(List<byte[]> docs, int perRequest, int clients, String url, int maxSeconds)
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
            report.note(failed.get() + " ingest requests failed at " + perRequest + " docs/request");
        }
        System.out.printf(Locale.ROOT, "  %d docs accepted in %.1f s (%d per request, %d clients)%n",
                accepted.get(), secs, perRequest, clients);
        return accepted.get() / secs;
    }

    static int submit(String url, List<byte[]> slice, boolean single) {
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

    void bulk(String index, List<Document> raw, List<byte[]> enriched) throws Exception {
        bulkById(index, raw.stream().map(Document::id).toList(), enriched);
    }

    /** {@code docs[i]} indexed under {@code ids[i]}: 1,000 per bulk, 2 bulks in flight. */
    void bulkById(String index, List<String> ids, List<byte[]> docs) throws Exception {
        try (BulkIngester<Void> ingester = BulkIngester.of(b -> b.client(es()).maxOperations(1000)
                .maxConcurrentRequests(2).maxSize(20L * 1024 * 1024))) {
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                byte[] doc = docs.get(i);
                ingester.add(op -> op.index(ix -> ix.index(index).id(id)
                        .document(BinaryData.of(doc, ContentType.APPLICATION_JSON))));
            }
        }
    }

    static List<byte[]> enrich(List<Document> raw) {
        long t0 = System.nanoTime();
        // The light tagger: this only prepares enriched documents for the bulk-indexing comparison.
        DocumentEnricher enricher = new DocumentEnricher(Clock.systemUTC(), EntityPipeline.createRulesOnly(),
                new ThreadMemory(100_000), false, LanguageDetection.none(), Set.of(), null);
        Instant now = Instant.now();
        List<byte[]> out = raw.parallelStream()
                .map(d -> DocumentJson.write(enricher.enrich(d.toBuilder().ingestedAt(now).schemaVersion(1).build())))
                .toList();
        System.out.printf(Locale.ROOT, "  enriched %d documents locally in %.1f s%n", raw.size(),
                (System.nanoTime() - t0) / 1e9);
        return out;
    }

    /** The canonical JSON ingest takes: the generator's document without the id ingest assigns itself. */
    static List<byte[]> rawJson(List<Document> docs) {
        return docs.stream().map(d -> DocumentJson.write(d.toBuilder().id(null).build())).toList();
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
    static Load load(int clients, int seconds, Call call) throws Exception {
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

    /** The body of a GET, which must answer 200. */
    byte[] httpGet(String url) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " → " + r.statusCode());
        }
        return r.body();
    }

    static int get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static int postNdjson(String url, String ndjson) throws Exception {
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

    static int post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static int prop(String name, int fallback) {
        return Integer.getInteger("bench." + name, fallback);
    }
}
