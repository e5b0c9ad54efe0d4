package org.speechforum.query;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.speechforum.contracts.Author;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Topics;
import org.speechforum.localstack.TestEngines;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Feeds enriched documents to the real topic and reads query-service's HTTP answers, for the query tests. */
public final class QueryTestClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public QueryTestClient(int port) {
        this.port = port;
    }

    public static Document enriched(String externalId, String text) {
        return Document.builder()
                .id(DocumentIds.of("test", externalId))
                .kind(DocumentKind.SPEECH).source("test").externalId(externalId).title("Speech " + externalId)
                .author(new Author("Vladimir Putin", null, null, "President of Russia", null))
                .publishedAt(Instant.parse("2024-06-01T10:00:00Z")).ingestedAt(Instant.now())
                .text(text).schemaVersion(1).contentHash(DocumentIds.sha256(text)).enrichedAt(Instant.now())
                .build();
    }

    public static void send(Document... documents) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Document document : documents) {
                producer.send(new ProducerRecord<>(Topics.ENRICHED, document.id(), DocumentJson.write(document))).get();
            }
        }
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode getJson(String path) throws Exception {
        HttpResponse<String> answer = get(path);
        if (answer.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    /** Polls the search until at least {@code expected} hits come back (indexing is asynchronous). */
    public JsonNode awaitHits(String q, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode hits = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = get("/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
            if (answer.statusCode() == 200) {
                hits = JSON.readTree(answer.body()).get("hits");
                if (hits.size() >= expected) {
                    return hits;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Expected " + expected + " hits for " + q + ", last answer: " + hits);
    }
}
