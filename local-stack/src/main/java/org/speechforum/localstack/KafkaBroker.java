package org.speechforum.localstack;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker + controller, one node), run from the same Maven
 * Central jars as the Kafka clients in its own JVM. The data directory is formatted once and reused, so a
 * restart on the same directory keeps every topic and record.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String READY_MARKER = "Kafka Server started";

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final List<String> jvmOptions;
    private ChildJvm jvm;

    private KafkaBroker(Path dataDir, int port, int controllerPort, List<String> jvmOptions) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.jvmOptions = jvmOptions;
    }

    /**
     * Formats {@code dataDir} if it is new, starts the broker on {@code port} (its controller on
     * {@code controllerPort}) and waits until it serves requests.
     */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort, List<String> jvmOptions,
                                    Duration timeout) throws IOException {
        KafkaBroker broker = new KafkaBroker(dataDir, port, controllerPort, jvmOptions);
        broker.writeConfig();
        broker.formatStorageOnce(timeout);
        broker.startServer(timeout);
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean isAlive() {
        return jvm != null && jvm.isAlive();
    }

    /** Starts the broker again on the same data directory and ports, after {@link #stop()} or {@link #kill()}. */
    public void restart(Duration timeout) throws IOException {
        stop();
        startServer(timeout);
    }

    public void stop() {
        if (jvm != null) {
            jvm.close();
        }
    }

    public void kill() {
        if (jvm != null) {
            jvm.kill();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private Path configDir() {
        return dataDir.resolve("config");
    }

    private Path logDirs() {
        return dataDir.resolve("kraft-logs");
    }

    private void writeConfig() throws IOException {
        Files.createDirectories(configDir());
        String listeners = "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort;
        Files.writeString(configDir().resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=" + listeners,
                "advertised.listeners=" + listeners,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDirs(),
                "num.partitions=3",
                // One node: every internal topic must live with a single replica.
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=5",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // Topics are created by the services with explicit partitions, never by a typo in a consumer.
                "auto.create.topics.enable=false",
                ""), StandardCharsets.UTF_8);
        Files.writeString(configDir().resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.apache.kafka" level="WARN"/>
                  <logger name="kafka" level="WARN"/>
                  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                  <logger name="state.change.logger" level="WARN"/>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
    }

    private void formatStorageOnce(Duration timeout) throws IOException {
        if (Files.exists(logDirs().resolve("meta.properties"))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        try (ChildJvm format = ChildJvm.start("kafka-storage-format", classpath(), baseJvmOptions(),
                "kafka.tools.StorageTool",
                List.of("format", "--standalone", "-t", clusterId, "-c",
                        configDir().resolve("server.properties").toString()),
                Map.of(), dataDir.resolve("logs/storage-format.log"), line -> line.startsWith("Formatting"))) {
            format.awaitReady(timeout);
            format.awaitExit(timeout);
        }
        if (!Files.exists(logDirs().resolve("meta.properties"))) {
            throw new IllegalStateException("Formatting Kafka storage in " + logDirs() + " failed; see "
                    + dataDir.resolve("logs/storage-format.log"));
        }
    }

    private void startServer(Duration timeout) throws IOException {
        jvm = ChildJvm.start("kafka-broker", classpath(), baseJvmOptions(), "kafka.Kafka",
                List.of(configDir().resolve("server.properties").toString()), Map.of(),
                dataDir.resolve("logs/broker.log"), line -> line.contains(READY_MARKER));
        jvm.awaitReady(timeout);
    }

    private List<String> baseJvmOptions() {
        List<String> options = new java.util.ArrayList<>(jvmOptions);
        options.add("-Dlogback.configurationFile=" + configDir().resolve("logback.xml"));
        options.add("-Djava.awt.headless=true");
        return options;
    }

    /** The broker's classpath: this module's runtime jars, recorded at build time. */
    static List<String> classpath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("kafka-broker.classpath is missing from local-stack; build it with"
                        + " ./mvnw -pl local-stack package");
            }
            String recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return Arrays.asList(recorded.split(java.io.File.pathSeparator));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
