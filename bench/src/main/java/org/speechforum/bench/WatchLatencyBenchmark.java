package org.speechforum.bench;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.speechforum.contracts.Author;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Watch latency: from an enriched document's publication on {@code documents.enriched.v1} (the start of indexing)
 * to its {@code match} event on a watch's Server-Sent Events stream, over a running query-service on the bench's own
 * Kafka broker and Elasticsearch node. One watch; documents published one every {@code bench.watch.interval-ms}
 * (default 20 ms, so the indexer's batches are of the size a live feed gives), each matching it; p50/p99/max
 * over {@code bench.watch.events} (default 500) events, after 50 warm-up events. Not part of {@code bin/bench};
 * docs/benchmarks.md, "Watch latency".
 *
 * <pre>
 * ./mvnw -q -B package -DskipTests
 * java -Dbench.root=$PWD -cp "bench/target/classes:bench/target/lib/*" org.speechforum.bench.WatchLatencyBenchmark
 * </pre>
 */
public final class WatchLatencyBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private WatchLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        int events = Integer.getInteger("bench.watch.events", 500);
        int warmUp = 50;
        long intervalMs = Long.getLong("bench.watch.interval-ms", 20);
        Files.createDirectories(root.resolve("bench/target"));
        Path work = Files.createTempDirectory(root.resolve("bench/target"), "watch-");
        int status = 0;
        try (Stack stack = new Stack(root, work)) {
            stack.startEngines();
            stack.startServices("query-service");
            String service = stack.url("query-service");
            String marker = "watchbench" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(service + "/api/v1/watches"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"q\":\"" + marker + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("Creating the watch answered " + created.statusCode() + ": "
                        + created.body());
            }
            String watchId = JSON.readTree(created.body()).get("id").asString();

            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
            CountDownLatch received = new CountDownLatch(warmUp + events);
            HttpResponse<InputStream> stream = HTTP.send(HttpRequest.newBuilder(
                            URI.create(service + "/api/v1/watches/" + watchId + "/events"))
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(),
                        StandardCharsets.UTF_8))) {
                    String event = null;
                    int seen = 0;
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.startsWith("event:")) {
                            event = line.substring(6).strip();
                        } else if (line.startsWith("data:") && "match".equals(event)) {
                            long now = System.nanoTime();
                            JsonNode data = JSON.readTree(line.substring(5).strip());
                            Long sent = sentAt.remove(data.get("documentId").asString());
                            if (sent != null) {
                                if (++seen > warmUp) {
                                    latency.recordValue(Math.max(1, (now - sent) / 1000));
                                }
                                received.countDown();
                            }
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });

            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", stack.kafkaServers(), "acks", "all", "linger.ms", 0),
                    new StringSerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < warmUp + events; i++) {
                    String externalId = marker + "-" + i;
                    String text = "The delegates discussed " + marker + " and grain corridors, document " + i + ".";
                    Document d = Document.builder().id(DocumentIds.of("bench-watch", externalId))
                            .kind(DocumentKind.SPEECH).source("bench-watch").externalId(externalId)
                            .title("Speech " + i).author(new Author("Vladimir Putin", null, null, null, null))
                            .publishedAt(Instant.now()).ingestedAt(Instant.now()).language("en").text(text)
                            .schemaVersion(1).contentHash(DocumentIds.sha256(text)).enrichedAt(Instant.now())
                            .build();
                    sentAt.put(d.id(), System.nanoTime());
                    producer.send(new ProducerRecord<>(Topics.ENRICHED, d.id(), DocumentJson.write(d)));
                    Thread.sleep(intervalMs);
                }
                producer.flush();
            }
            if (!received.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("Only " + (warmUp + events - received.getCount()) + " of "
                        + (warmUp + events) + " match events arrived");
            }
            // The reader is a daemon thread, left blocked on the stream; the JVM exits under it.
            System.out.println();
            System.out.println("| events | one document every | p50 | p90 | p99 | max |");
            System.out.println("|---|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| %d | %d ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms |%n",
                    latency.getTotalCount(), intervalMs, latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(90) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                    latency.getMaxValue() / 1000.0);
            System.out.println("publish to documents.enriched.v1 → SSE 'match' event, one watch, query-service "
                    + "-Xmx1g; work dir " + work);
        } catch (Exception e) {
            status = 1;
            e.printStackTrace();
        }
        System.exit(status);
    }
}
