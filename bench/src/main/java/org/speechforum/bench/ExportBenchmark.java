package org.speechforum.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import org.speechforum.contracts.Author;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Entity;
import org.speechforum.contracts.TimePrecision;
import org.speechforum.query.index.RootFields;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Export throughput and memory ({@code GET /api/v1/export}): starts its own Kafka, Elasticsearch and query-service
 * (as {@link Stack} does for {@code bin/bench}), bulk-loads {@code bench.export.docs} documents (default 100,000,
 * ~1.2 KB of text each) in the form the projection writes, then exports all of them over HTTP as NDJSON, CSV and
 * gzipped NDJSON, reading the stream as a client would. Prints documents/s, MB/s of body, and query-service's
 * heap: after a full GC before the export, the most in use while it ran (sampled every 100 ms), and after a full GC
 * once it finished.
 * <pre>
 * ./mvnw -q -B package -DskipTests
 * java -Dbench.root=$PWD -cp "bench/target/classes:bench/target/lib/*" org.speechforum.bench.ExportBenchmark
 * </pre>
 */
public final class ExportBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String TEXT = ("The President spoke about grain corridors, energy prices and the BRICS "
            + "summit; the forum answered with questions about sanctions, the rouble and Latin America. ").repeat(8);

    private ExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        int documents = Integer.getInteger("bench.export.docs", 100_000);
        Files.createDirectories(root.resolve("bench/target"));
        Path work = Files.createTempDirectory(root.resolve("bench/target"), "export-");
        int status = 0;
        try (Stack stack = new Stack(root, work)) {
            stack.startEngines();
            stack.startServices("query-service");
            ElasticsearchClient es = ElasticsearchClient.of(b -> b.host(stack.esUrl())
                    .jsonMapper(new Jackson3JsonpMapper()));
            long t0 = System.nanoTime();
            load(es, documents);
            System.out.printf(Locale.ROOT, "loaded %,d documents in %.1f s%n", documents, (System.nanoTime() - t0) / 1e9);
            String service = stack.url("query-service");
            long pid = stack.services.get("query-service").pid();
            List<String> rows = new ArrayList<>();
            export(service, pid, "ndjson", false, documents); // warm-up: JIT, page cache, Elasticsearch caches
            rows.add(export(service, pid, "ndjson", false, documents));
            rows.add(export(service, pid, "csv", false, documents));
            rows.add(export(service, pid, "ndjson", true, documents));
            System.out.println();
            System.out.println("| export | documents | seconds | documents/s | MB/s (body as sent) | body MB "
                    + "| heap after GC before | peak heap in use | heap after GC after |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            rows.forEach(System.out::println);
            System.out.println("query-service -Xmx1g, query.export.page-size 1000 (default); work dir " + work);
        } catch (Exception e) {
            status = 1;
            e.printStackTrace();
        }
        System.exit(status);
    }

    private static void load(ElasticsearchClient es, int count) throws Exception {
        Entity putin = new Entity("Q7747", "Vladimir Putin", "PERSON", 2, 4, List.of());
        Entity brics = new Entity("Q44016", "BRICS", "ORGANIZATION", 1, 120, List.of());
        Instant start = Instant.parse("2022-01-01T00:00:00Z");
        List<BulkOperation> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Document d = Document.builder().id(DocumentIds.of("bench-export", Integer.toString(i)))
                    .kind(i % 10 == 0 ? DocumentKind.SPEECH : DocumentKind.COMMENT).source("bench-export")
                    .externalId(Integer.toString(i)).title(i % 10 == 0 ? "Speech " + i : null)
                    .author(new Author("Author " + (i % 500), "user" + (i % 500), "lemmygrad.ml", null, null))
                    .publishedAt(start.plusSeconds(60L * i)).publishedAtPrecision(TimePrecision.MINUTE)
                    .ingestedAt(start).enrichedAt(start).schemaVersion(1).upvotes(i % 40).downvotes(i % 3)
                    .text("Document " + i + ". " + TEXT).contentHash(DocumentIds.sha256("t" + i))
                    .entities(List.of(putin, brics)).build();
            ObjectNode json = DocumentJson.mapper().valueToTree(d);
            RootFields.write(json, d);
            batch.add(BulkOperation.of(b -> b.index(op -> op.index("documents-write").id(d.id()).document(json))));
            if (batch.size() == 5_000 || i == count - 1) {
                BulkResponse r = es.bulk(b -> b.operations(batch));
                if (r.errors()) {
                    throw new IllegalStateException("bulk failed");
                }
                batch.clear();
            }
        }
        es.indices().refresh(r -> r.index("documents-write"));
        es.indices().forcemerge(f -> f.index("documents-write").maxNumSegments(1L));
    }

    private static String export(String service, long pid, String format, boolean gzip, int expected)
            throws Exception {
        long before = heapAfterGc(service, pid);
        AtomicLong peak = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = Thread.ofVirtual().start(() -> {
            while (running.get()) {
                try {
                    peak.accumulateAndGet(heap(service), Math::max);
                    Thread.sleep(100);
                } catch (Exception e) {
                    return;
                }
            }
        });
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service + "/api/v1/export?format=" + format));
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        long t0 = System.nanoTime();
        HttpResponse<InputStream> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        long newlines = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = answer.body()) {
            int n;
            while ((n = body.read(buffer)) > 0) {
                bytes += n;
                if (!gzip) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            newlines++;
                        }
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        running.set(false);
        sampler.join();
        long after = heapAfterGc(service, pid);
        String count = answer.headers().firstValue("X-Export-Count").orElse("?");
        if (!count.equals(Integer.toString(expected)) || (!gzip && format.equals("ndjson") && newlines != expected)) {
            throw new IllegalStateException("export " + format + " gave " + count + " / " + newlines + " lines");
        }
        return String.format(Locale.ROOT, "| %s%s | %,d | %.1f | %,.0f | %.1f | %.0f | %d MB | %d MB | %d MB |",
                format, gzip ? " + gzip" : "", expected, seconds, expected / seconds, bytes / 1e6 / seconds,
                bytes / 1e6, before >> 20, peak.get() >> 20, after >> 20);
    }

    private static long heapAfterGc(String service, long pid) throws Exception {
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid),
                "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        Thread.sleep(200);
        return heap(service);
    }

    private static long heap(String service) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(service
                + "/actuator/metrics/jvm.memory.used?tag=area:heap")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = DocumentJson.mapper().readTree(r.body());
        return (long) json.get("measurements").get(0).get("value").asDouble();
    }
}
