package org.speechforum.enrich.pipeline;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Topics;
import org.speechforum.localstack.TestEngines;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as users run it (its own configuration file, so the NLP4J layer is on; the model is loaded once per
 * test JVM and shared with the eval floors), against a real Kafka broker.
 */
@SpringBootTest(properties = "spring.config.name=enrich-service")
class EnrichmentFlowTest {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestEngines::kafkaBootstrapServers);
        registry.add("spring.elasticsearch.uris", TestEngines::elasticsearchUrl);
    }

    @Test
    void aRawDocumentIsRepublishedNormalisedAndHashed() throws Exception {
        String id = DocumentIds.of("test", UUID.randomUUID().toString());
        Document raw = Document.builder().id(id).kind(DocumentKind.SPEECH).source("test")
                .text("Friends,\r\n\r\n\r\nGood  afternoon.").ingestedAt(Instant.now()).schemaVersion(1).build();

        send(Topics.RAW, id, DocumentJson.write(raw));

        ConsumerRecord<String, byte[]> record = awaitRecord(Topics.ENRICHED, id).orElseThrow();
        Document enriched = DocumentJson.read(record.value());
        assertThat(enriched.text()).isEqualTo("Friends,\n\nGood afternoon.");
        assertThat(enriched.contentHash()).isEqualTo(DocumentIds.sha256("Friends,\n\nGood afternoon."));
        assertThat(enriched.enrichedAt()).isNotNull();
    }

    @Test
    void theConfigurationUsersRunTagsNamesThatNoListHolds() throws Exception {
        String id = DocumentIds.of("test", UUID.randomUUID().toString());
        // Kenya climate gold text: no curated entry and no rule covers the person or the city.
        Document raw = Document.builder().id(id).kind(DocumentKind.SPEECH).source("test")
                .text("Mia Mottley has carried that argument from Bridgetown to every summit. We will meet again in"
                        + " Mombasa next spring.").ingestedAt(Instant.now()).schemaVersion(1).build();

        send(Topics.RAW, id, DocumentJson.write(raw));

        Document enriched = DocumentJson.read(awaitRecord(Topics.ENRICHED, id).orElseThrow().value());
        assertThat(enriched.entities()).extracting(e -> e.type() + " " + e.name() + " " + e.id())
                .contains("PERSON Mia Mottley sf:person:mia-mottley", "LOCATION Mombasa geonames:186301");
    }

    @Test
    void malformedJsonGoesToTheDeadLetterTopicWithItsReasonAndTheGoodRecordsStillFlow() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        String goodId = DocumentIds.of("test", UUID.randomUUID().toString());

        send(Topics.RAW, poisonKey, "{not json".getBytes(StandardCharsets.UTF_8));
        send(Topics.RAW, goodId, DocumentJson.write(Document.builder().id(goodId).kind(DocumentKind.COMMENT)
                .source("test").text("fine").build()));

        ConsumerRecord<String, byte[]> dead = awaitRecord(Topics.dlq(Topics.RAW), poisonKey).orElseThrow();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(dead.headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
        assertThat(awaitRecord(Topics.ENRICHED, goodId)).isPresent();
        assertThat(awaitRecord(Topics.ENRICHED, poisonKey, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aDeletionGoesOnTheCompactedTopicAsATombstoneWithNoContent() throws Exception {
        String id = DocumentIds.of("test", UUID.randomUUID().toString());
        Document deletion = Document.builder().id(id).kind(DocumentKind.POST).source("test").text("")
                .deleted(true).ingestedAt(Instant.now()).schemaVersion(1).build();

        send(Topics.RAW, id, DocumentJson.write(deletion));

        ConsumerRecord<String, byte[]> record = awaitRecord(Topics.ENRICHED, id).orElseThrow();
        assertThat(record.key()).isEqualTo(id);
        assertThat(record.value()).as("a Kafka tombstone: value null").isNull();
    }

    private static void send(String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static Optional<ConsumerRecord<String, byte[]>> awaitRecord(String topic, String key) {
        return awaitRecord(topic, key, Duration.ofSeconds(60));
    }

    private static Optional<ConsumerRecord<String, byte[]>> awaitRecord(String topic, String key, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (key.equals(record.key())) {
                        return Optional.of(record);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
