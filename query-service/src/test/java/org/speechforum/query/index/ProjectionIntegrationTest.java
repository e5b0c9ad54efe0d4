package org.speechforum.query.index;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Author;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.ThreadInfo;
import org.speechforum.contracts.ThreadRecord;
import org.speechforum.contracts.Topics;
import org.speechforum.localstack.TestEngines;
import org.speechforum.query.QueryServiceIntegrationTest;
import org.speechforum.query.QueryTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * query-service as a projection of the two topics, against the real engines: thread records that arrive before
 * their documents, twice, or older after newer end as the newest state on each document; until its body
 * arrives a document is invisible to every read.
 */
@QueryServiceIntegrationTest
class ProjectionIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void threadRecordsInAnyOrderEndAsTheNewestStateAndStubsStayHidden() throws Exception {
        String source = "projection-" + UUID.randomUUID().toString().substring(0, 8);
        Document post = doc(source, "post", null, 0);
        Document c1 = doc(source, "c1", post.id(), 1);
        Document c2 = doc(source, "c2", c1.id(), 2);
        ThreadRecord c2Orphan = new ThreadRecord(c2.id(), 1, new ThreadInfo(c2.id(), c1.id(), 0, List.of(c2.id()),
                true), 0L, 1L, Instant.parse("2024-06-01T10:02:00Z"));
        ThreadRecord c2Placed = new ThreadRecord(c2.id(), 3, new ThreadInfo(post.id(), c1.id(), 2,
                List.of(post.id(), c1.id(), c2.id()), false), null, null, null);
        ThreadRecord c1Placed = new ThreadRecord(c1.id(), 2, new ThreadInfo(post.id(), post.id(), 1,
                List.of(post.id(), c1.id()), false), null, null, null);
        ThreadRecord postEarly = new ThreadRecord(post.id(), 1, new ThreadInfo(post.id(), null, 0,
                List.of(post.id()), false), 0L, 1L, Instant.parse("2024-06-01T10:00:00Z"));
        ThreadRecord postLate = new ThreadRecord(post.id(), 4, postEarly.thread(), 2L, 3L,
                Instant.parse("2024-06-01T10:02:00Z"));
        QueryTestClient client = new QueryTestClient(port);

        // Thread state first, newest before oldest for c2 and post.
        send(Map.of(), List.of(c2Placed, postLate, c1Placed, c2Orphan, postEarly));
        awaitStub(c2.id());
        assertThat(client.get("/api/v1/documents/" + c2.id()).statusCode()).as("a stub is not a document").isEqualTo(404);
        assertThat(client.getJson("/api/v1/search?root=" + post.id()).get("hits")).as("nor a search hit").isEmpty();
        assertThat(client.get("/api/v1/threads/" + post.id()).statusCode()).isEqualTo(404);

        // Then the bodies (one twice), then a stale record again.
        QueryTestClient.send(c2, post, c1, c2);
        send(Map.of(), List.of(c2Orphan));

        JsonNode thread = await(client, post.id());
        assertThat(thread.get("root").get("children").get(0).get("children").get(0).get("id").asString())
                .isEqualTo(c2.id());
        assertThat(thread.get("participantCount").asInt()).isEqualTo(3);
        JsonNode stored = client.getJson("/api/v1/documents/" + c2.id());
        assertThat(stored.get("thread").get("depth").asInt()).isEqualTo(2);
        assertThat(stored.get("thread").get("orphan").asBoolean()).isFalse();
        assertThat(stored.get("thread").get("replyCount").isNull()).isTrue();
        assertThat(stored.get("threadVersion").asLong()).isEqualTo(3);
        assertThat(client.getJson("/api/v1/search?root=" + post.id()).get("hits")).hasSize(3);
    }

    @Test
    void aRebuildIntoAFreshIndexWritesWhatTheLiveProjectionHoldsWhateverTheOrderAndTheBulksInFlight()
            throws Exception {
        String source = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
        Document post = doc(source, "post", null, 0);
        Document c1 = doc(source, "c1", post.id(), 1);
        Document c1Edited = c1.toBuilder().text(source + " text c1, edited").build();
        ThreadRecord c1Orphan = new ThreadRecord(c1.id(), 1, new ThreadInfo(c1.id(), post.id(), 0,
                List.of(c1.id()), true), 0L, 1L, Instant.parse("2024-06-01T10:01:00Z"));
        ThreadRecord c1Placed = new ThreadRecord(c1.id(), 5, new ThreadInfo(post.id(), post.id(), 1,
                List.of(post.id(), c1.id()), false), null, null, null);
        ThreadRecord postEarly = new ThreadRecord(post.id(), 1, new ThreadInfo(post.id(), null, 0,
                List.of(post.id()), false), 0L, 1L, Instant.parse("2024-06-01T10:00:00Z"));
        ThreadRecord postLate = new ThreadRecord(post.id(), 2, postEarly.thread(), 1L, 2L,
                Instant.parse("2024-06-01T10:01:00Z"));
        // Newest before oldest, twice, and the older body before the newer one, both around the records.
        send(Map.of(), List.of(c1Placed, postLate, c1Orphan));
        QueryTestClient.send(c1, post);
        send(Map.of(), List.of(postEarly, c1Orphan, c1Placed));
        QueryTestClient.send(c1Edited);
        send(Map.of(), List.of(c1Orphan, postEarly));
        QueryTestClient client = new QueryTestClient(port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        // The live projection settled: the edited body with the newest place, the post's newest aggregates.
        while (!(client.get("/api/v1/documents/" + c1.id()).body().contains("c1, edited")
                && client.get("/api/v1/documents/" + c1.id()).body().contains("\"threadVersion\":5")
                && client.get("/api/v1/documents/" + post.id()).body().contains("\"threadVersion\":2"))
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }

        // Tiny bulks over three lanes, so records of one document fall into several bulks in flight.
        Reindexer.Result result = new Reindexer(elasticsearch, indexProperties,
                TestEngines.kafkaBootstrapServers(), 5, 3).reindexTo(3000 + (int) (System.nanoTime() % 1000));

        assertThat(result.documents()).isPositive();
        // Both topics are keyed by id over the same partitions: every partition took one write per document.
        assertThat(result.oneWritePartitions()).isEqualTo(enrichedPartitions());
        for (Document d : List.of(post, c1)) {
            var live = elasticsearch.get(g -> g.index(result.previous()).id(d.id()), tools.jackson.databind.node.ObjectNode.class);
            var rebuilt = elasticsearch.get(g -> g.index(result.index()).id(d.id()), tools.jackson.databind.node.ObjectNode.class);
            assertThat(rebuilt.source()).as(d.id()).isEqualTo(live.source());
        }
        // A memory bound of no thread records held: every partition with any takes two writes per document
        // (stubs, then bodies read back) and ends the same.
        Reindexer.Result bounded = new Reindexer(elasticsearch, indexProperties,
                TestEngines.kafkaBootstrapServers(), 5, 3, 0).reindexTo(5000 + (int) (System.nanoTime() % 1000));
        assertThat(bounded.oneWritePartitions()).isLessThan(enrichedPartitions());
        for (Document d : List.of(post, c1)) {
            var first = elasticsearch.get(g -> g.index(result.index()).id(d.id()), tools.jackson.databind.node.ObjectNode.class);
            var again = elasticsearch.get(g -> g.index(bounded.index()).id(d.id()), tools.jackson.databind.node.ObjectNode.class);
            assertThat(again.source()).as(d.id()).isEqualTo(first.source());
        }
        // A body off its key's partition (a producer that chose the partition): the rebuild sees it, starts again
        // with two writes per document, and ends the same. Last, as it stays on the topic.
        Document stray = doc(source, "stray", post.id(), 2);
        send(Map.of(), List.of(new ThreadRecord(stray.id(), 1, new ThreadInfo(post.id(), post.id(), 1,
                List.of(post.id(), stray.id()), false), null, null, null)));
        int partitions = enrichedPartitions();
        int home = org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                stray.id().getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.ENRICHED, (home + 1) % partitions, stray.id(),
                    DocumentJson.write(stray))).get();
        }
        deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!client.get("/api/v1/documents/" + stray.id()).body().contains("\"threadVersion\":1")
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        Reindexer.Result fallback = new Reindexer(elasticsearch, indexProperties,
                TestEngines.kafkaBootstrapServers(), 5, 3).reindexTo(6000 + (int) (System.nanoTime() % 1000));
        assertThat(fallback.oneWritePartitions()).isZero();
        for (Document d : List.of(post, c1, stray)) {
            var live = elasticsearch.get(g -> g.index(fallback.previous()).id(d.id()), tools.jackson.databind.node.ObjectNode.class);
            var again = elasticsearch.get(g -> g.index(fallback.index()).id(d.id()), tools.jackson.databind.node.ObjectNode.class);
            assertThat(again.found()).as(d.id()).isTrue();
            assertThat(again.source()).as(d.id()).isEqualTo(live.source());
        }
        assertThat(client.getJson("/api/v1/documents/" + stray.id()).get("thread").get("depth").asInt()).isEqualTo(1);

        JsonNode c1Stored = client.getJson("/api/v1/documents/" + c1.id());
        assertThat(c1Stored.get("text").asString()).endsWith("edited");
        assertThat(c1Stored.get("threadVersion").asLong()).isEqualTo(5);
        assertThat(c1Stored.get("thread").get("depth").asInt()).isEqualTo(1);
        assertThat(client.getJson("/api/v1/documents/" + post.id()).get("thread").get("replyCount").asInt())
                .isEqualTo(1);
        // Refreshes and replicas are back to what the template gave the index.
        var settings = elasticsearch.indices().getSettings(g -> g.index(result.index())).get(result.index())
                .settings().index();
        assertThat(settings.refreshInterval()).isNull();
        assertThat(settings.numberOfReplicas()).isEqualTo(String.valueOf(indexProperties.replicas()));
    }

    private static Document doc(String source, String ext, String parentId, int minute) {
        return Document.builder().id(DocumentIds.of(source, ext))
                .kind(parentId == null ? DocumentKind.POST : DocumentKind.COMMENT).source(source).externalId(ext)
                .author(new Author(null, "user" + ext, "lemmy.example", null, null))
                .publishedAt(Instant.parse("2024-06-01T10:00:00Z").plusSeconds(60L * minute))
                .text(source + " text " + ext).parentId(parentId).schemaVersion(1).enrichedAt(Instant.now()).build();
    }

    private static void send(Map<String, String> headers, List<ThreadRecord> records) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (ThreadRecord r : records) {
                producer.send(new ProducerRecord<>(Topics.THREADS, r.documentId(),
                        DocumentJson.mapper().writeValueAsBytes(r))).get();
            }
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    co.elastic.clients.elasticsearch.ElasticsearchClient elasticsearch;
    @org.springframework.beans.factory.annotation.Autowired
    IndexProperties indexProperties;

    /** Partitions of documents.enriched.v1 (the services create documents.threads.v1 with as many). */
    private static int enrichedPartitions() throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafkaBootstrapServers()))) {
            return admin.describeTopics(List.of(Topics.ENRICHED)).allTopicNames().get().get(Topics.ENRICHED)
                    .partitions().size();
        }
    }

    private void awaitStub(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var got = elasticsearch.get(g -> g.index(indexProperties.writeAlias()).id(id), Void.class);
            if (got.found()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No stub for " + id);
    }

    private static JsonNode await(QueryTestClient client, String rootId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = client.get("/api/v1/threads/" + rootId);
            last = answer.statusCode() + " " + answer.body();
            if (answer.statusCode() == 200) {
                JsonNode t = QueryTestClient.JSON.readTree(answer.body());
                if (t.get("size").asInt() == 3 && t.get("replyCount").asInt() == 2
                        && !t.get("root").get("children").isEmpty()
                        && !t.get("root").get("children").get(0).get("children").isEmpty()) {
                    return t;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Thread did not settle: " + last);
    }
}
