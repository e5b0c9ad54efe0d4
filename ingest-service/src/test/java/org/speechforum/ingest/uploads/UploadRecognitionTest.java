package org.speechforum.ingest.uploads;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.Topics;
import org.speechforum.ingest.IngestIntegrationTest;
import org.speechforum.localstack.TestEngines;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code POST /api/v1/uploads} says it understood, over real HTTP with the real broker, and the same
 * {@code format} choice for text records on the scraper topic.
 */
class UploadRecognitionTest extends IngestIntegrationTest {

    private static byte[] corpus(String file) throws IOException {
        try (InputStream in = UploadRecognitionTest.class.getResourceAsStream("/corpus/" + file)) {
            return in.readAllBytes();
        }
    }

    private static JsonNode json(HttpResponse<String> answer) {
        return DocumentJson.mapper().readTree(answer.body());
    }

    /** The documents of the answer as published on documents.raw.v1, in the answer's order. */
    private static List<Document> published(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("documents").forEach(d -> ids.add(d.get("id").asString()));
        Map<String, Document> byId = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : readAll(Topics.RAW)) {
            Document d = DocumentJson.read(r.value());
            byId.put(d.id(), d);
        }
        return ids.stream().map(byId::get).toList();
    }

    @Test
    void aWholePageTranscriptIsOneSpeechWithTitleDateAndSpeakersAndTheAnswerSaysSo() throws Exception {
        String source = "kremlin-" + UUID.randomUUID();
        HttpResponse<String> answer = post("/api/v1/uploads?source=" + source, "text/plain",
                corpus("transcripts/kremlin-security-council-2022-page.txt"), KEY);

        assertThat(answer.statusCode()).isEqualTo(202);
        JsonNode recognised = json(answer).get("recognised");
        assertThat(recognised.get("format").asString()).isEqualTo("transcript");
        assertThat(recognised.get("kinds").get("SPEECH").asInt()).isEqualTo(1);
        assertThat(recognised.get("notes").toString()).contains("Moscow time");
        List<Document> speech = published(json(answer));
        assertThat(speech).singleElement().satisfies(d -> {
            assertThat(d.title()).isEqualTo("Meeting with permanent members of Security Council");
            assertThat(d.speakers()).extracting(s -> s.name()).containsExactly("Vladimir Putin", "Sergei Shoigu");
            assertThat(d.publishedAt()).hasToString("2022-03-11T08:15:00Z");
        });
    }

    @Test
    void anOldStyleThreadIsDetectedAndItsGuessesAreListed() throws Exception {
        HttpResponse<String> answer = post("/api/v1/uploads?source=mlmym-" + UUID.randomUUID(), "text/plain",
                corpus("forums/mlmym-load-more.txt"), KEY);

        assertThat(answer.statusCode()).isEqualTo(202);
        JsonNode recognised = json(answer).get("recognised");
        assertThat(recognised.get("format").asString()).isEqualTo("mlmym");
        assertThat(recognised.get("kinds").get("COMMENT").asInt()).isEqualTo(6);
        assertThat(recognised.get("notes").toString()).contains("load more comments");
        assertThat(published(json(answer))).extracting(d -> d.author().handle())
                .containsExactly("kelpforest", "tidepool", "kelpforest", "barnacle", "seafoam", "kelpforest");
    }

    @Test
    void aForcedFormatIsUsedAndFormatTextStoresTheThreadAsOneDocument() throws Exception {
        byte[] thread = corpus("forums/hackernews-indented.txt");
        String source = "forced-" + UUID.randomUUID();

        JsonNode asText = json(post("/api/v1/uploads?format=text&source=" + source, "text/plain", thread, KEY));
        JsonNode asHn = json(post("/api/v1/uploads?format=hackernews&source=" + source, "text/plain", thread, KEY));
        JsonNode asMastodon = json(post("/api/v1/uploads?format=mastodon&source=" + source, "text/plain", thread, KEY));

        assertThat(asText.get("recognised").get("format").asString()).isEqualTo("text");
        assertThat(asText.get("documents")).hasSize(1);
        assertThat(asHn.get("recognised").get("format").asString()).isEqualTo("hackernews");
        assertThat(asHn.get("documents")).hasSize(7);
        assertThat(asMastodon.get("recognised").get("notes").toString())
                .contains("format mastodon was asked for, but the text holds none of its comment headers");
        assertThat(asMastodon.get("documents")).hasSize(1);
    }

    @Test
    void aMultipartUploadTakesFormatAndSourceAsFormFields() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--b0undary\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\nreddit-new\r\n"
                + "--b0undary\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\nreddit.com\r\n"
                + "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"thread.txt\"\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(corpus("forums/reddit-new-levels.txt"));
        body.writeBytes("\r\n--b0undary--\r\n".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> answer = post("/api/v1/uploads", "multipart/form-data; boundary=b0undary",
                body.toByteArray(), KEY);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode recognised = json(answer).get("recognised");
        assertThat(recognised.get("format").asString()).isEqualTo("reddit-new");
        assertThat(recognised.get("kinds").get("POST").asInt()).isEqualTo(1);
        assertThat(recognised.get("kinds").get("COMMENT").asInt()).isEqualTo(4);
        assertThat(published(json(answer))).allSatisfy(d -> assertThat(d.source()).isEqualTo("reddit.com"));
    }

    @Test
    void anUnknownFormatIsRefusedWithTheListOfKnownOnesAndNothingIsPublished() throws Exception {
        String marker = UUID.randomUUID().toString();
        HttpResponse<String> answer = post("/api/v1/uploads?format=myspace", "text/plain",
                ("Vladimir Putin: " + marker).getBytes(StandardCharsets.UTF_8), KEY);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("content-type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(answer);
        assertThat(problem.get("field").asString()).isEqualTo("format");
        assertThat(problem.get("detail").asString()).contains("Unknown format 'myspace'", "transcript", "mlmym");
        assertThat(readAll(Topics.RAW)).noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(marker));
    }

    @Test
    void textWithNoStructureIsStoredAsOneDocumentAndTheAnswerSaysWhy() throws Exception {
        HttpResponse<String> answer = post("/api/v1/uploads?source=notes-" + UUID.randomUUID(), "text/plain",
                "some notes\n\nwithout any structure".getBytes(StandardCharsets.UTF_8), KEY);

        assertThat(answer.statusCode()).isEqualTo(202);
        JsonNode recognised = json(answer).get("recognised");
        assertThat(recognised.get("format").asString()).isEqualTo("text");
        assertThat(recognised.get("kinds").get("POST").asInt()).isEqualTo(1);
        assertThat(recognised.get("notes").toString()).contains("no speaker label");
    }

    @Test
    void aTextRecordOnTheSubmissionsTopicTakesTheFormatHeaderToo() throws Exception {
        String source = "topic-" + UUID.randomUUID();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.SUBMISSIONS, null,
                    corpus("forums/hackernews-indented.txt"));
            record.headers().add("content-type", "text/plain".getBytes(StandardCharsets.UTF_8));
            record.headers().add("source", source.getBytes(StandardCharsets.UTF_8));
            record.headers().add("format", "text".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }

        List<Document> stored = List.of();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (stored.isEmpty() && System.nanoTime() < deadline) {
            stored = readAll(Topics.RAW).stream().map(r -> DocumentJson.read(r.value()))
                    .filter(d -> source.equals(d.source())).toList();
            if (stored.isEmpty()) {
                Thread.sleep(500);
            }
        }
        assertThat(stored).singleElement().satisfies(d -> {
            assertThat(d.structure()).isEqualTo(TextUploadParser.UNKNOWN);
            assertThat(d.text()).contains("nilsson 9 hours ago", "holmberg 5 hours ago");
        });
    }
}
