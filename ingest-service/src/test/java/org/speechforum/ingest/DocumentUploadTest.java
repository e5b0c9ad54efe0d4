package org.speechforum.ingest;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.Topics;
import org.speechforum.localstack.TestEngines;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentUploadTest extends IngestIntegrationTest {

    @Test
    void anAcceptedDocumentIsOnTheRawTopicWhenTheAnswerArrives() throws Exception {
        String externalId = UUID.randomUUID().toString();
        HttpResponse<String> answer = post("""
                {"kind":"SPEECH","source":"example","externalId":"%s","title":"T","text":"Some text.",\
                "publishedAt":"2024-01-01T00:00:00Z"}""".formatted(externalId), "test-key");

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.body()).contains("\"kind\":\"SPEECH\"", "\"status\":\"accepted\"");
        List<Document> published = rawDocuments(d -> externalId.equals(d.externalId()));
        assertThat(published).singleElement().satisfies(d -> {
            assertThat(answer.body()).contains(d.id());
            assertThat(d.title()).isEqualTo("T");
            assertThat(d.ingestedAt()).isNotNull();
        });
    }

    @Test
    void withoutTheApiKeyNothingIsStored() throws Exception {
        String externalId = UUID.randomUUID().toString();
        String body = "{\"kind\":\"POST\",\"source\":\"example\",\"externalId\":\"" + externalId + "\",\"text\":\"x\"}";

        HttpResponse<String> noKey = post(body, null);
        HttpResponse<String> wrongKey = post(body, "guess");

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(noKey.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(rawDocuments(d -> externalId.equals(d.externalId()))).isEmpty();
    }

    @Test
    void anInvalidDocumentGetsAProblemNamingTheField() throws Exception {
        HttpResponse<String> answer = post("{\"kind\":\"SPEECH\",\"text\":\"no source\"}", "test-key");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).contains("\"field\":\"/source\"").doesNotContain("Exception");
    }

    private HttpResponse<String> post(String json, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/documents"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads the whole raw topic from the start and keeps the documents {@code wanted} accepts. */
    private static List<Document> rawDocuments(java.util.function.Predicate<Document> wanted) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<Document> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.RAW));
            long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Document d = DocumentJson.read(record.value());
                    if (wanted.test(d)) {
                        found.add(d);
                    }
                }
                if (!found.isEmpty() && consumer.assignment().size() > 0) {
                    break;
                }
            }
        }
        return found;
    }
}
