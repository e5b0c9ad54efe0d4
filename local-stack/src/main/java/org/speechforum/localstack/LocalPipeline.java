package org.speechforum.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/run}: the whole pipeline on one machine. Starts a Kafka broker and an Elasticsearch node (unless
 * {@code KAFKA_BOOTSTRAP_SERVERS} / {@code ELASTICSEARCH_URL} name existing ones), then the three services, each
 * in its own JVM, prints where everything is and stays in the foreground until Ctrl-C. Data is kept under
 * {@code PIPELINE_DATA_DIR} (default {@code .local-data}), so a second start finds everything still there.
 */
public final class LocalPipeline {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path projectDir;
    private final Path dataDir;
    private final List<AutoCloseable> running = new ArrayList<>();

    private LocalPipeline(Path projectDir, Path dataDir) {
        this.projectDir = projectDir;
        this.dataDir = dataDir;
    }

    public static void main(String[] args) throws Exception {
        Path projectDir = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path dataDir = Path.of(env("PIPELINE_DATA_DIR", projectDir.resolve(".local-data").toString()))
                .toAbsolutePath();
        LocalPipeline pipeline = new LocalPipeline(projectDir, dataDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the pipeline...");
            pipeline.stopAll();
            stopped.countDown();
        }, "pipeline-stopper"));
        try {
            pipeline.startAll();
        } catch (Exception e) {
            System.err.println("\nThe pipeline did not start: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    private void startAll() throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(dataDir.resolve("logs"));
        String kafkaServers = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        String elasticsearchUrl = System.getenv("ELASTICSEARCH_URL");

        CompletableFuture<String> elasticsearch = elasticsearchUrl != null
                ? CompletableFuture.completedFuture(elasticsearchUrl)
                : CompletableFuture.supplyAsync(this::startElasticsearch);
        if (kafkaServers == null) {
            say("Starting Kafka (KRaft) on 127.0.0.1:9092 ...");
            requireFreePort(9092, "Kafka", "KAFKA_BOOTSTRAP_SERVERS");
            requireFreePort(9093, "the Kafka controller", "KAFKA_BOOTSTRAP_SERVERS");
            KafkaBroker broker = KafkaBroker.start(dataDir.resolve("kafka"), 9092, 9093,
                    List.of("-Xms256m", "-Xmx1g"), START_TIMEOUT);
            running.add(broker);
            kafkaServers = broker.bootstrapServers();
        } else {
            say("Using Kafka at " + kafkaServers);
        }
        elasticsearchUrl = elasticsearch.join();

        String apiKey = apiKey();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafkaServers);
        environment.put("ELASTICSEARCH_URL", elasticsearchUrl);
        environment.put("INGEST_API_KEY", apiKey);
        say("Starting ingest-service, enrich-service and query-service ...");
        List<ChildJvm> services = new ArrayList<>();
        for (String service : List.of("ingest-service", "enrich-service", "query-service")) {
            services.add(startService(service, environment));
        }
        for (ChildJvm service : services) {
            service.awaitReady(START_TIMEOUT);
        }

        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("""

                Pipeline is up (started in %.1f s).
                  ingest-service   http://127.0.0.1:8081   POST /api/v1/documents  (header X-API-Key: %s)
                  enrich-service   http://127.0.0.1:8082   /actuator/health, /actuator/prometheus
                  query-service    http://127.0.0.1:8083   GET /api/v1/search?q=...  GET /api/v1/documents/{id}
                  Kafka            %s
                  Elasticsearch    %s
                  Data and logs    %s
                Try:
                  curl -s -H 'X-API-Key: %s' -H 'Content-Type: application/json' \\
                    -d '{"kind":"SPEECH","source":"example","externalId":"1","title":"T","text":"Some text.","publishedAt":"2024-01-01T00:00:00Z"}' \\
                    http://127.0.0.1:8081/api/v1/documents
                  curl -s 'http://127.0.0.1:8083/api/v1/search?q=text'
                Press Ctrl-C to stop.
                %n""", seconds, apiKey, kafkaServers, elasticsearchUrl, dataDir, apiKey);
    }

    private String startElasticsearch() {
        say("Starting Elasticsearch on http://127.0.0.1:9200 ...");
        requireFreePort(9200, "Elasticsearch", "ELASTICSEARCH_URL");
        Path distribution = projectDir.resolve("elasticsearch-node/target/node");
        if (!Files.isDirectory(distribution)) {
            throw new IllegalStateException(distribution + " is missing; build first with ./mvnw package -DskipTests");
        }
        ElasticsearchNode node = ElasticsearchNode.start(distribution, dataDir.resolve("elasticsearch"), 9200,
                START_TIMEOUT);
        synchronized (running) {
            running.add(node);
        }
        return node.httpUrl();
    }

    private ChildJvm startService(String name, Map<String, String> environment) throws IOException {
        ServiceJar jar = ServiceJar.of(projectDir, name).requireBuilt("build first with ./mvnw package -DskipTests");
        // enrich-service loads the NLP4J model (~1.5 GB, ~30 s): it needs a 2 GB heap.
        String heap = name.equals("enrich-service") ? "-Xmx2g" : "-Xmx512m";
        ChildJvm service = jar.start(List.of(heap), List.of(), environment, dataDir.resolve("logs/" + name + ".log"));
        synchronized (running) {
            running.add(service);
        }
        return service;
    }

    /** The ingest API key: INGEST_API_KEY if set, else one generated on first start and kept in the data dir. */
    private String apiKey() throws IOException {
        String configured = System.getenv("INGEST_API_KEY");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path keyFile = dataDir.resolve("ingest-api-key");
        if (Files.exists(keyFile)) {
            return Files.readString(keyFile).strip();
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String key = HexFormat.of().formatHex(random);
        Files.writeString(keyFile, key);
        return key;
    }

    private void stopAll() {
        List<AutoCloseable> reversed;
        synchronized (running) {
            reversed = new ArrayList<>(running).reversed();
        }
        for (AutoCloseable each : reversed) {
            try {
                each.close();
            } catch (Exception e) {
                System.err.println("While stopping: " + e.getMessage());
            }
        }
    }

    private static void requireFreePort(int port, String what, String variable) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            // free
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " for " + what + " is in use. Stop whatever listens"
                    + " there, or set " + variable + " to use an existing " + what + ".");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void say(String message) {
        System.out.println(message);
    }
}
