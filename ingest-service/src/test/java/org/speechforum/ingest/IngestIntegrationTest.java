package org.speechforum.ingest;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.speechforum.localstack.TestEngines;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Shared set-up of the ingest integration tests: one application context (so one Kafka listener) against the
 * real broker of {@link TestEngines}, a small body limit so the 413 case stays cheap, and helpers to post and to
 * read a topic to its end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ingest-service", "ingest.api-key=test-key", "ingest.max-body-size=256KB",
                // A read-only key (sha256 of "reader-key") and a slow one ("slow-key", 2 requests an hour).
                "pipeline.api-keys.keys[0].name=dashboard", "pipeline.api-keys.keys[0].scopes=read",
                "pipeline.api-keys.keys[0].sha256=ec4408df15da46b328f6f3246fa723d0aa6cb0f0a0dd9c4626080ab1b02aa3b2",
                "pipeline.api-keys.keys[1].name=slow-scraper", "pipeline.api-keys.keys[1].scopes=ingest",
                "pipeline.api-keys.keys[1].rate-limit=2/h",
                "pipeline.api-keys.keys[1].sha256=6fa0d18ad9d40c2e55ddba9c9110a429590843f1c7096d894e1f3aa68c420cee"})
public abstract class IngestIntegrationTest {

    protected static final String KEY = "test-key";
    protected final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestEngines::kafkaBootstrapServers);
    }

    protected HttpResponse<String> post(String path, String contentType, byte[] body, String apiKey) throws Exception {
        return send("POST", path, contentType, body, apiKey);
    }

    protected HttpResponse<String> send(String method, String path, String contentType, byte[] body, String apiKey)
            throws Exception {
        return send(method, path, contentType, body, apiKey, Map.of());
    }

    protected HttpResponse<String> send(String method, String path, String contentType, byte[] body, String apiKey,
                                        Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, method.equals("GET") || method.equals("TRACE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every record on {@code topic} up to its current end. */
    protected static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
