package org.speechforum.query.index;

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
import org.speechforum.contracts.Author;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Entity;
import org.speechforum.contracts.Topics;
import org.speechforum.localstack.TestEngines;
import org.speechforum.query.QueryServiceIntegrationTest;
import org.speechforum.query.QueryTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.speechforum.query.QueryTestClient.enriched;
import static org.speechforum.query.QueryTestClient.send;

@QueryServiceIntegrationTest(properties = {"query.cors.allowed-origins=https://grafana.example.org"})
class IndexingAndSearchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private QueryTestClient query() {
        return new QueryTestClient(port);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return query().get(path);
    }

    private JsonNode awaitHits(String q, int expected) throws Exception {
        return query().awaitHits(q, expected);
    }

    @Test
    void anEnrichedDocumentBecomesSearchableWithHighlightsAndCanBeFetchedById() throws Exception {
        String word = "indexed" + UUID.randomUUID().toString().replace("-", "");
        Document document = enriched(word, "The BRICS partners discussed " + word + " at the summit.");

        send(document);

        JsonNode hits = awaitHits(word, 1);
        JsonNode hit = hits.get(0);
        assertThat(hit.get("id").asString()).isEqualTo(document.id());
        assertThat(hit.get("kind").asString()).isEqualTo("SPEECH");
        assertThat(hit.get("author").get("name").asString()).isEqualTo("Vladimir Putin");
        assertThat(hit.get("highlight").get("text").get(0).asString()).contains("<mark>" + word + "</mark>");

        JsonNode stored = JSON.readTree(get("/api/v1/documents/" + document.id()).body());
        assertThat(stored.get("text").asString()).isEqualTo(document.text());
        assertThat(stored.get("contentHash").asString()).isEqualTo(document.contentHash());
    }

    @Test
    void theEnglishAnalyserMatchesOtherFormsOfAWord() throws Exception {
        String word = "stem" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        send(enriched(word, "Leaders were negotiating " + word + " agreements."));

        assertThat(awaitHits(word + " negotiation", 1)).hasSize(1);
    }

    @Test
    void aDocumentElasticsearchCannotTakeGoesToTheDeadLetterTopicAndOthersStillIndex() throws Exception {
        String word = "refused" + UUID.randomUUID().toString().replace("-", "");
        Document unindexable = enriched(word, "Dated beyond what Elasticsearch can store " + word).toBuilder()
                .id(DocumentIds.of("test", word + "-bad"))
                .publishedAt(Instant.MAX)
                .build();
        Document fine = enriched(word, "A fine document " + word);

        send(unindexable);
        send(fine);

        assertThat(awaitHits(word, 1).get(0).get("id").asString()).isEqualTo(fine.id());
        assertThat(deadLetterKeys()).contains(unindexable.id());
    }

    @Test
    void hostileQueryStringsAreAnsweredNotEchoedAsErrors() throws Exception {
        for (String q : List.of("\"unclosed", "title:(a OR", "{\"match_all\":{}}", "<script>alert(1)</script>",
                "*".repeat(500), "a\u0000b")) {
            HttpResponse<String> answer = get("/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
            assertThat(answer.statusCode()).as(q).isIn(200, 400);
            assertThat(answer.body()).as(q).doesNotContain("<script>").doesNotContain("Exception");
        }
    }

    @Test
    void pageSizesAboveTheCapAreRefusedWithAProblem() throws Exception {
        HttpResponse<String> answer = get("/api/v1/search?q=x&size=101");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(answer.body()).get("parameter").asString()).isEqualTo("size");
    }

    @Test
    void everyErrorIsAProblemWrittenForAPersonWithNothingOfTheLibraries() throws Exception {
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("/api/v1/search?q=x&size=ten", "400 'size' must be a whole number");
        expected.put("/api/v1/search?q=x&from=yesterday", "400 from must be a date");
        expected.put("/api/v1/stats/top-entities?type=PERSON&size=1e9", "400 'size' must be a whole number");
        expected.put("/api/v1/documents/%00", "400 not valid");
        expected.put("/api/v1/documents/a%2Fb", "400 not valid");
        expected.put("/api/v1/documents/%3Cscript%3E", "404 nothing at this address");
        expected.put("/api/v1/nothing-here", "404 nothing at this address");
        expected.put("/actuator/env", "404 nothing at this address");
        for (var c : expected.entrySet()) {
            HttpResponse<String> answer = get(c.getKey());
            int status = Integer.parseInt(c.getValue().substring(0, 3));
            assertThat(answer.statusCode()).as(c.getKey() + " " + answer.body()).isEqualTo(status);
            assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).as(c.getKey())
                    .startsWith("application/problem+json");
            assertThat(answer.body()).as(c.getKey()).contains(c.getValue().substring(4))
                    .doesNotContain("Exception", "org.", "tools.jackson", "Failed to convert", "Tomcat", "<html",
                            "<script>");
        }
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.body()).as("health shows no details").doesNotContain("components", "bootstrap");
    }

    @Test
    void filtersFacetsAndCursorPagesWorkTogether() throws Exception {
        String source = "facets-" + UUID.randomUUID().toString().substring(0, 8);
        Entity castro = new Entity("Q11256", "Fidel Castro", "PERSON", 1, 0, List.of());
        Entity brics = new Entity("Q44016", "BRICS", "ORGANIZATION", 1, 0, List.of());
        for (int i = 0; i < 5; i++) {
            Document d = enriched(source + "-" + i, "Document number " + i + " of " + source)
                    .toBuilder().source(source)
                    .kind(i == 0 ? DocumentKind.SPEECH : DocumentKind.COMMENT)
                    .publishedAt(Instant.parse("2024-0" + (i + 1) + "-15T10:00:00Z"))
                    .entities(i == 0 ? List.of(castro, brics) : List.of(brics))
                    .build();
            send(d);
        }
        awaitHits(source, 5);

        JsonNode castroOnly = JSON.readTree(get("/api/v1/search?source=" + source + "&entity=Q11256").body());
        assertThat(castroOnly.get("hits")).hasSize(1);
        assertThat(castroOnly.get("hits").get(0).get("kind").asString()).isEqualTo("SPEECH");

        JsonNode first = JSON.readTree(get("/api/v1/search?source=" + source + "&sort=oldest&size=2").body());
        JsonNode facets = first.get("facets");
        assertThat(facets.get("kinds").toString()).contains("\"value\":\"COMMENT\",\"count\":4");
        assertThat(facets.get("entities").get("ORGANIZATION").get(0).get("id").asString()).isEqualTo("Q44016");
        assertThat(facets.get("entities").get("ORGANIZATION").get(0).get("count").asLong()).isEqualTo(5);
        assertThat(facets.get("dates")).hasSize(5);

        List<String> titles = new java.util.ArrayList<>();
        JsonNode page = first;
        while (true) {
            page.get("hits").forEach(h -> titles.add(h.get("title").asString()));
            if (page.get("cursor").isNull()) {
                break;
            }
            page = JSON.readTree(get("/api/v1/search?source=" + source + "&sort=oldest&size=2&cursor="
                    + page.get("cursor").asString()).body());
            assertThat(page.get("facets").isNull()).isTrue();
        }
        assertThat(titles).containsExactly("Speech " + source + "-0", "Speech " + source + "-1",
                "Speech " + source + "-2", "Speech " + source + "-3", "Speech " + source + "-4");

        JsonNode ranged = JSON.readTree(get("/api/v1/search?source=" + source
                + "&from=2024-02-01&to=2024-04-01&kind=comment").body());
        assertThat(ranged.get("total").asLong()).isEqualTo(2);
    }

    @Test
    void theDetectedLanguageIsAFacetAndAFilter() throws Exception {
        String source = "languages-" + UUID.randomUUID().toString().substring(0, 8);
        send(enriched(source + "-en", "The talks on energy prices resume next month, " + source)
                .toBuilder().source(source).language("en").build());
        send(enriched(source + "-de1", "Die Gespräche über die Energiepreise gehen weiter, " + source)
                .toBuilder().source(source).language("de").build());
        send(enriched(source + "-de2", "Der Kanzler traf den Präsidenten in Berlin, " + source)
                .toBuilder().source(source).language("de").build());
        awaitHits(source, 3);

        JsonNode all = JSON.readTree(get("/api/v1/search?source=" + source).body());
        assertThat(all.get("facets").get("languages").toString())
                .contains("\"value\":\"de\",\"count\":2").contains("\"value\":\"en\",\"count\":1");

        JsonNode german = JSON.readTree(get("/api/v1/search?source=" + source + "&language=DE-at").body());
        assertThat(german.get("total").asLong()).as("de-AT is German, whatever the case").isEqualTo(2);
        german.get("hits").forEach(h -> assertThat(h.get("language").asString()).isEqualTo("de"));

        HttpResponse<String> bad = get("/api/v1/search?language=german!");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(bad.body()).contains("ISO 639-1");
    }

    @Test
    void theApiIsDescribedWithExamplesAndOpenToConfiguredDashboardOrigins() throws Exception {
        JsonNode docs = JSON.readTree(get("/v3/api-docs").body());
        for (String path : List.of("/api/v1/search", "/api/v1/documents/{id}", "/api/v1/entities",
                "/api/v1/entities/{id}", "/api/v1/stats/mentions", "/api/v1/stats/top-entities",
                "/api/v1/stats/activity")) {
            JsonNode get = docs.get("paths").get(path).get("get");
            assertThat(get.toString()).as(path).contains("example");
        }
        assertThat(get("/swagger-ui.html").statusCode()).isIn(200, 302);

        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/search"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://grafana.example.org")
                .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://grafana.example.org");
        HttpResponse<String> stranger = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/search"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Autowired
    co.elastic.clients.elasticsearch.ElasticsearchClient elasticsearch;
    @Autowired
    IndexProperties indexProperties;

    @Test
    void aReindexReplaysTheTopicIntoANewIndexAndSwitchesTheAliases() throws Exception {
        String word = "reindexed" + UUID.randomUUID().toString().replace("-", "");
        Document document = enriched(word, "Kept across a reindex " + word);
        send(document);
        awaitHits(word, 1);
        long before = elasticsearch.count(c -> c.index(indexProperties.readAlias())).count();
        int version = 100 + (int) (System.nanoTime() % 1000);

        Reindexer.Result result = new Reindexer(elasticsearch, indexProperties, TestEngines.kafkaBootstrapServers())
                .reindexTo(version);

        assertThat(result.index()).isEqualTo("documents-v" + version);
        assertThat(elasticsearch.indices().getAlias(a -> a.name(indexProperties.readAlias())).aliases())
                .containsOnlyKeys(result.index());
        elasticsearch.indices().refresh(r -> r.index(result.index()));
        assertThat(elasticsearch.count(c -> c.index(indexProperties.readAlias())).count()).isGreaterThanOrEqualTo(before);
        assertThat(awaitHits(word, 1).get(0).get("id").asString()).isEqualTo(document.id());
        assertThat(get("/api/v1/documents/" + document.id()).statusCode()).isEqualTo(200);

        // The live indexer now writes into the new index through the write alias.
        String later = "afterswitch" + UUID.randomUUID().toString().replace("-", "");
        send(enriched(later, "Indexed after the switch " + later));
        awaitHits(later, 1);
        assertThat(elasticsearch.get(g -> g.index(result.index()).id(DocumentIds.of("test", later)), Void.class)
                .found()).isTrue();
    }

    @Test
    void aKafkaTombstoneDeletesTheDocumentAndAReindexDoesNotBringItBack() throws Exception {
        String word = "tombstoned" + UUID.randomUUID().toString().replace("-", "");
        Document document = enriched(word, "Soon deleted " + word);
        send(document);
        awaitHits(word, 1);

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.ENRICHED, document.id(), null)).get();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (get("/api/v1/documents/" + document.id()).statusCode() != 404 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(get("/api/v1/documents/" + document.id()).statusCode()).isEqualTo(404);

        // The replay meets the document and then its tombstone: the new index does not hold it.
        Reindexer.Result result = new Reindexer(elasticsearch, indexProperties, TestEngines.kafkaBootstrapServers())
                .reindexTo(2000 + (int) (System.nanoTime() % 1000));
        elasticsearch.indices().refresh(r -> r.index(result.index()));
        assertThat(elasticsearch.get(g -> g.index(result.index()).id(document.id()), Void.class).found()).isFalse();
        assertThat(get("/api/v1/documents/" + document.id()).statusCode()).isEqualTo(404);
    }

    @Test
    void aForgedCursorIsRefused() throws Exception {
        HttpResponse<String> answer = get("/api/v1/search?cursor=bm90LWEtY3Vyc29y");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("cursor");
    }

    private static List<String> deadLetterKeys() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.dlq(Topics.ENRICHED)));
            List<String> keys = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && keys.isEmpty()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    keys.add(record.key());
                }
            }
            return keys;
        }
    }
}
