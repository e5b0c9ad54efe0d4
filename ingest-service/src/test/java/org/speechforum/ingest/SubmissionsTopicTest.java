package org.speechforum.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.Topics;
import org.speechforum.localstack.TestEngines;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The scraper topic ingest.submissions.v1 with the real broker, and idempotency across paths and formats. */
class SubmissionsTopicTest extends IngestIntegrationTest {

    @Test
    void aValidSubmissionReachesTheRawTopicAndAnInvalidOneTheDlqWithItsReason() throws Exception {
        String good = UUID.randomUUID().toString();
        String bad = UUID.randomUUID().toString();
        byte[] badBytes = ("{\"kind\":\"POST\",\"externalId\":\"" + bad + "\",\"text\":\"no source\"}")
                .getBytes(StandardCharsets.UTF_8);
        produce("application/json", null,
                ("{\"kind\":\"POST\",\"source\":\"scraper\",\"externalId\":\"" + good + "\",\"text\":\"hello\"}")
                        .getBytes(StandardCharsets.UTF_8));
        produce("application/json", null, badBytes);

        List<Document> raw = await(Topics.RAW, r -> new String(r.value(), StandardCharsets.UTF_8).contains(good), 1)
                .stream().map(r -> DocumentJson.read(r.value())).toList();
        assertThat(raw).singleElement().satisfies(d -> assertThat(d.source()).isEqualTo("scraper"));

        List<ConsumerRecord<String, byte[]>> dead = await(Topics.dlq(Topics.SUBMISSIONS),
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(bad), 1);
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(badBytes);
            assertThat(header(r, "kafka_dlt-exception-message"))
                    .contains("missing-field", "Missing required field 'source'", "/source");
            assertThat(header(r, "kafka_dlt-original-topic")).isEqualTo(Topics.SUBMISSIONS);
        });
        assertThat(readAll(Topics.RAW)).noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(bad));
    }

    @Test
    void aSubmissionWithoutContentTypeIsDeadLettered() throws Exception {
        String marker = UUID.randomUUID().toString();
        produce(null, null, ("{\"kind\":\"POST\",\"source\":\"s\",\"text\":\"" + marker + "\"}")
                .getBytes(StandardCharsets.UTF_8));

        List<ConsumerRecord<String, byte[]>> dead = await(Topics.dlq(Topics.SUBMISSIONS),
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(marker), 1);
        assertThat(header(dead.getFirst(), "kafka_dlt-exception-message")).contains("unsupported-media-type");
    }

    @Test
    void theSeedGetsTheSameIdsByHttpAndByKafkaAndAChangedVersionKeepsThem() throws Exception {
        byte[] seed;
        try (InputStream in = getClass().getResourceAsStream("/samples/seed.txt")) {
            seed = in.readAllBytes();
        }
        String source = "idem-" + UUID.randomUUID();

        HttpResponse<String> first = post("/api/v1/uploads?source=" + source, "text/plain", seed, KEY);
        HttpResponse<String> again = post("/api/v1/uploads?source=" + source, "text/plain", seed, KEY);
        assertThat(first.statusCode()).isEqualTo(202);
        List<String> ids = ids(first);
        assertThat(ids).hasSize(5);
        assertThat(ids(again)).isEqualTo(ids);
        assertThat(DocumentJson.mapper().readTree(first.body()).get("documents"))
                .extracting(d -> d.get("kind").asString())
                .containsExactly("SPEECH", "COMMENT", "COMMENT", "COMMENT", "COMMENT");

        String edited = new String(seed, StandardCharsets.UTF_8).replace("Given his past record", "Given his record");
        produce("text/plain; charset=utf-8", source, edited.getBytes(StandardCharsets.UTF_8));
        List<Document> fromKafka = await(Topics.RAW, r -> new String(r.value(), StandardCharsets.UTF_8)
                .contains("Given his record"), 1).stream().map(r -> DocumentJson.read(r.value())).toList();
        assertThat(fromKafka).singleElement().satisfies(d -> assertThat(d.id()).isEqualTo(ids.get(2)));
    }

    @Test
    void aCanonicalDocumentIsTheSameDocumentAsJsonArrayAndNdjsonAndItsUpdateKeepsItsId() throws Exception {
        String externalId = UUID.randomUUID().toString();
        String v1 = "{\"kind\":\"POST\",\"source\":\"idem\",\"externalId\":\"" + externalId + "\",\"text\":\"v1\"}";
        String v2 = v1.replace("\"v1\"", "\"v2\"");

        String single = ids(post("/api/v1/documents", "application/json", v1.getBytes(StandardCharsets.UTF_8), KEY))
                .getFirst();
        String array = ids(post("/api/v1/documents", "application/json", ("[" + v1 + "]").getBytes(StandardCharsets.UTF_8),
                KEY)).getFirst();
        String ndjson = ids(post("/api/v1/documents", "application/x-ndjson", (v2 + "\n").getBytes(StandardCharsets.UTF_8),
                KEY)).getFirst();

        assertThat(array).isEqualTo(single);
        assertThat(ndjson).isEqualTo(single);
    }

    @Test
    void ndjsonAnswersEveryItemInInputOrder() throws Exception {
        String a = UUID.randomUUID().toString();
        String body = "{\"kind\":\"SPEECH\",\"source\":\"nd\",\"externalId\":\"" + a + "\",\"text\":\"a\"}\n"
                + "\n"
                + "{\"kind\":\"POST\",\"source\":\"nd\",\"text\":\n"
                + "{\"kind\":\"COMMENT\",\"source\":\"nd\",\"externalId\":\"" + a + "-c\",\"text\":\"c\"}\n";

        HttpResponse<String> answer = post("/api/v1/documents", "application/x-ndjson",
                body.getBytes(StandardCharsets.UTF_8), KEY);

        assertThat(answer.statusCode()).isEqualTo(202);
        JsonNode result = DocumentJson.mapper().readTree(answer.body());
        assertThat(result.get("accepted").asInt()).isEqualTo(2);
        assertThat(result.get("refused").asInt()).isEqualTo(1);
        JsonNode items = result.get("items");
        assertThat(items.get(0).get("line").asInt()).isEqualTo(1);
        assertThat(items.get(0).get("documents").get(0).get("kind").asString()).isEqualTo("SPEECH");
        assertThat(items.get(1).get("line").asInt()).isEqualTo(3);
        assertThat(items.get(1).get("status").asString()).isEqualTo("refused");
        assertThat(items.get(1).get("problem").get("type").asString()).endsWith("/malformed-json");
        assertThat(items.get(2).get("documents").get(0).get("kind").asString()).isEqualTo("COMMENT");
    }

    @Test
    void aMultipartFileUploadIsParsedLikePlainTextAndEveryEndpointNeedsTheKey() throws Exception {
        byte[] seed;
        try (InputStream in = getClass().getResourceAsStream("/samples/seed.txt")) {
            seed = in.readAllBytes();
        }
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"seed.txt\"\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(seed);
        body.writeBytes("\r\n--b0undary--\r\n".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> answer = post("/api/v1/uploads?source=multipart-" + UUID.randomUUID(),
                "multipart/form-data; boundary=b0undary", body.toByteArray(), KEY);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(ids(answer)).hasSize(5);
        assertThat(post("/api/v1/uploads", "text/plain", seed, null).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/activitypub", "application/activity+json", "{}".getBytes(StandardCharsets.UTF_8),
                "wrong").statusCode()).isEqualTo(401);
    }

    private static List<String> ids(HttpResponse<String> answer) {
        List<String> ids = new ArrayList<>();
        DocumentJson.mapper().readTree(answer.body()).get("documents").forEach(d -> ids.add(d.get("id").asString()));
        return ids;
    }

    private static void produce(String contentType, String source, byte[] value) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafkaBootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.SUBMISSIONS, null, value);
            if (contentType != null) {
                record.headers().add("content-type", contentType.getBytes(StandardCharsets.UTF_8));
            }
            if (source != null) {
                record.headers().add("source", source.getBytes(StandardCharsets.UTF_8));
            }
            producer.send(record).get();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> await(String topic,
            Predicate<ConsumerRecord<String, byte[]>> wanted, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<ConsumerRecord<String, byte[]>> found = List.of();
        while (System.nanoTime() < deadline) {
            found = readAll(topic).stream().filter(wanted).toList();
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(500);
        }
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
