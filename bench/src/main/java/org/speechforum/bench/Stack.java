package org.speechforum.bench;

import org.speechforum.localstack.ChildJvm;
import org.speechforum.localstack.ServiceJar;
import org.speechforum.localstack.ElasticsearchNode;
import org.speechforum.localstack.FreePorts;
import org.speechforum.localstack.KafkaBroker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The bench's own Kafka broker, Elasticsearch node and services, on free ports, in a fresh work directory. */
final class Stack implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    static final String API_KEY = "bench-api-key";

    final Path root;
    final Path work;
    KafkaBroker kafka;
    ElasticsearchNode elasticsearch;
    final Map<String, ChildJvm> services = new LinkedHashMap<>();
    final Map<String, Integer> ports = new LinkedHashMap<>();

    Stack(Path root, Path work) {
        this.root = root;
        this.work = work;
    }

    void startEngines() throws Exception {
        Files.createDirectories(work);
        CompletableFuture<ElasticsearchNode> es = CompletableFuture.supplyAsync(() -> ElasticsearchNode.start(
                root.resolve("elasticsearch-node/target/node"), work.resolve("elasticsearch"), 0, START_TIMEOUT));
        kafka = KafkaBroker.start(work.resolve("kafka"), FreePorts.next(), FreePorts.next(),
                List.of("-Xms512m", "-Xmx1g"), START_TIMEOUT);
        elasticsearch = es.join();
    }

    String kafkaServers() {
        return kafka.bootstrapServers();
    }

    String esUrl() {
        return elasticsearch.httpUrl();
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** Starts the named services in parallel and waits until each logged its "Started" line. */
    void startServices(String... names) throws IOException {
        List<ChildJvm> started = new ArrayList<>();
        for (String name : names) {
            int port = FreePorts.next();
            ports.put(name, port);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaServers());
            env.put("ELASTICSEARCH_URL", esUrl());
            env.put("INGEST_API_KEY", API_KEY);
            env.put("INGEST_PORT", String.valueOf(port));
            env.put("ENRICH_PORT", String.valueOf(port));
            env.put("QUERY_PORT", String.valueOf(port));
            ServiceJar jar = ServiceJar.of(root, name).requireBuilt("bin/bench builds it");
            // enrich-service runs as users run it: with the NLP4J model, which needs a 2 GB heap.
            String heap = name.equals("enrich-service") ? "-Xmx2g" : "-Xmx1g";
            ChildJvm jvm = jar.start(List.of("-Xms512m", heap), serviceArgs(name), env,
                    work.resolve("logs/" + name + ".log"));
            services.put(name, jvm);
            started.add(jvm);
        }
        for (ChildJvm jvm : started) {
            jvm.awaitReady(START_TIMEOUT);
        }
    }

    /**
     * Extra command-line arguments of a service, from {@code -Dbench.args.<service>} (comma-separated, as
     * bin/bench splits BENCH_OPTS on spaces), e.g.
     * {@code -Dbench.args.enrich-service=--spring.kafka.listener.concurrency=1,--enrich.links.reverse-candidates=1000}.
     */
    private static List<String> serviceArgs(String name) {
        String args = System.getProperty("bench.args." + name, "").strip();
        return args.isEmpty() ? List.of() : List.of(args.split(","));
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(services.keySet());
        for (int i = names.size() - 1; i >= 0; i--) {
            services.get(names.get(i)).close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (elasticsearch != null) {
            elasticsearch.close();
        }
    }
}
