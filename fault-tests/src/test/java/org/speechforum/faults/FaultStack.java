package org.speechforum.faults;

import org.speechforum.localstack.ChildJvm;
import org.speechforum.localstack.ServiceJar;
import org.speechforum.localstack.ElasticsearchNode;
import org.speechforum.localstack.FreePorts;
import org.speechforum.localstack.KafkaBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole pipeline as production runs it, but on one machine: a real Kafka broker and a real Elasticsearch node,
 * each in its own JVM with its data kept in a work directory (so either can be stopped and started again on the same
 * data), and the three services as separate JVMs from their exec jars (so a test can SIGKILL one).
 */
final class FaultStack implements AutoCloseable {

    static final String API_KEY = "fault-tests-key";
    static final int INGEST_MAX_CONCURRENT = 8;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** Engines and services favour start time over peak speed: the machine has two shared cores. */
    private static final List<String> ENGINE_JVM_OPTIONS = List.of("-Xms256m", "-Xmx512m",
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");

    private final Path projectRoot;
    private final Path workDir;
    private final Path esDistribution;
    private final int esPort = FreePorts.next();
    private final KafkaBroker broker;
    private volatile ElasticsearchNode elasticsearch;
    final Service ingest;
    final Service enrich;
    final Service query;

    FaultStack() throws Exception {
        projectRoot = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        esDistribution = Path.of(System.getProperty("elasticsearch.node.dir",
                projectRoot.resolve("elasticsearch-node/target/node").toString()));
        ingest = new Service("ingest-service", "INGEST_PORT");
        enrich = new Service("enrich-service", "ENRICH_PORT");
        query = new Service("query-service", "QUERY_PORT");
        for (Service service : List.of(ingest, enrich, query)) {
            service.jar.requireBuilt("build the services first with ./mvnw -B package -DskipTests"
                    + " (the fault tests run their exec jars as child JVMs)");
        }
        if (!Files.isDirectory(esDistribution)) {
            throw new IllegalStateException(esDistribution + " is missing: build elasticsearch-node first");
        }
        workDir = Files.createTempDirectory("fault-tests-");
        CompletableFuture<ElasticsearchNode> es = CompletableFuture.supplyAsync(this::startElasticsearch);
        broker = KafkaBroker.start(workDir.resolve("kafka"), FreePorts.next(), FreePorts.next(),
                ENGINE_JVM_OPTIONS, START_TIMEOUT);
        elasticsearch = es.join();
        // Started one after the other: together they would fight for the two cores and all start slower.
        // A small in-flight limit, so the flood test meets it; the steady load stays well below it.
        ingest.start("--ingest.max-concurrent-requests=" + INGEST_MAX_CONCURRENT);
        enrich.start();
        query.start();
    }

    String kafkaBootstrapServers() {
        return broker.bootstrapServers();
    }

    String elasticsearchUrl() {
        return "http://127.0.0.1:" + esPort;
    }

    Path workDir() {
        return workDir;
    }

    /** Graceful broker stop (SIGTERM), {@code down} with no broker at all, then a start on the same data dir. */
    void restartBroker(Duration down) throws Exception {
        broker.stop();
        Thread.sleep(down.toMillis());
        broker.restart(START_TIMEOUT);
    }

    /** Elasticsearch stopped (as an operator or an orchestrator does), {@code down} later started on the same home. */
    void elasticsearchOutage(Duration down) throws Exception {
        long stopped = System.nanoTime();
        elasticsearch.close();
        long left = down.toMillis() - (System.nanoTime() - stopped) / 1_000_000;
        if (left > 0) {
            Thread.sleep(left);
        }
        elasticsearch = startElasticsearch();
    }

    private ElasticsearchNode startElasticsearch() {
        List<String> options = new ArrayList<>(ElasticsearchNode.QUICK_START_JVM_OPTIONS);
        options.addAll(List.of("-Xms512m", "-Xmx768m"));
        return ElasticsearchNode.start(esDistribution, workDir.resolve("elasticsearch"), esPort, START_TIMEOUT,
                options);
    }

    @Override
    public void close() {
        for (Service service : List.of(ingest, enrich, query)) {
            service.stop();
        }
        broker.stop();
        if (elasticsearch != null) {
            elasticsearch.close();
        }
        // The work directory stays for a look at the logs after a failure; it lives in the system temp dir.
    }

    /** One service JVM, always on the same port, so a restarted one is where clients expect it. */
    final class Service {
        final String name;
        final ServiceJar jar;
        final int port = FreePorts.next();
        private final String portVariable;
        private ChildJvm jvm;
        private int starts;

        private Service(String name, String portVariable) {
            this.name = name;
            this.portVariable = portVariable;
            this.jar = ServiceJar.of(projectRoot, name);
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        void start(String... springArgs) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            env.put("ELASTICSEARCH_URL", elasticsearchUrl());
            env.put("INGEST_API_KEY", API_KEY);
            env.put(portVariable, String.valueOf(port));
            // Light tagging configuration: the fault tests restart enrich-service, and the NLP4J model would add
            // ~30 s and 1.5 GB to every start.
            env.put("ENRICH_STATISTICAL_NER", "false");
            try {
                jvm = jar.start(SERVICE_JVM_OPTIONS, List.of(springArgs), env,
                        workDir.resolve("logs/" + name + "-" + (++starts) + ".log"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            jvm.awaitReady(START_TIMEOUT);
        }

        /** SIGKILL: no shutdown hook, no graceful stop, no offset commit. */
        void kill() {
            jvm.kill();
        }

        void stop() {
            if (jvm != null) {
                jvm.close();
            }
        }

        Path log() {
            return jvm.logFile();
        }
    }
}
