package org.speechforum.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The engines integration tests run against: one real Kafka broker and one real Elasticsearch node per test
 * JVM, each started on first use on free ports and stopped when the JVM exits. Every test class of a module
 * shares them, so tests must use their own document ids or topics rather than expect an empty engine.
 */
public final class TestEngines {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** Tests value start time over peak speed: the C1 compiler alone warms up in a fraction of the CPU. */
    private static final List<String> TEST_JVM_OPTIONS = List.of("-Xms256m", "-Xmx512m",
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static KafkaBroker kafka;
    private static ElasticsearchNode elasticsearch;
    private static Path workDir;

    private TestEngines() {
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            try {
                kafka = KafkaBroker.start(workDir().resolve("kafka"), FreePorts.next(), FreePorts.next(),
                        TEST_JVM_OPTIONS, START_TIMEOUT);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the test Kafka broker", e);
            }
        }
        return kafka;
    }

    public static String kafkaBootstrapServers() {
        return kafka().bootstrapServers();
    }

    public static synchronized ElasticsearchNode elasticsearch() {
        if (elasticsearch == null) {
            String distribution = System.getProperty("elasticsearch.node.dir");
            if (distribution == null) {
                throw new IllegalStateException("System property elasticsearch.node.dir is not set; run the tests"
                        + " through Maven from the project root (./mvnw verify), which builds the node first");
            }
            List<String> options = new java.util.ArrayList<>(ElasticsearchNode.QUICK_START_JVM_OPTIONS);
            options.addAll(List.of("-Xms512m", "-Xmx768m"));
            elasticsearch = ElasticsearchNode.start(Path.of(distribution), workDir().resolve("elasticsearch"), 0,
                    START_TIMEOUT, options);
        }
        return elasticsearch;
    }

    public static String elasticsearchUrl() {
        return elasticsearch().httpUrl();
    }

    private static synchronized Path workDir() {
        if (workDir == null) {
            try {
                workDir = Files.createTempDirectory("pipeline-test-engines-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // JVM shutdown hooks run in no set order, so this one stops the engines itself before deleting.
            Runtime.getRuntime().addShutdownHook(new Thread(TestEngines::stopAndClean, "test-engines-cleanup"));
        }
        return workDir;
    }

    private static void stopAndClean() {
        if (kafka != null) {
            kafka.stop();
        }
        if (elasticsearch != null) {
            elasticsearch.close();
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files left behind are harmless
        }
    }
}
