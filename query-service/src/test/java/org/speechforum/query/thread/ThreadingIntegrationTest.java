package org.speechforum.query.thread;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
import org.speechforum.contracts.Entity;
import org.speechforum.contracts.Topics;
import org.speechforum.localstack.TestEngines;
import org.speechforum.query.QueryTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Threading against the real engines: a 200-comment thread fed in shuffled order over several partitions to two
 * indexer consumers ends up as the same tree as fed in order; an orphan and its replies move under their parent
 * when it finally comes; the seed's thread has the expected shape.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=query-service",
        "spring.kafka.listener.concurrency=2",
        "spring.kafka.consumer.max-poll-records=50",
        "query.threads.reconcile-interval=1s"})
class ThreadingIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestEngines::kafkaBootstrapServers);
        registry.add("spring.elasticsearch.uris", TestEngines::elasticsearchUrl);
    }

    @Test
    void aShuffledThreadOverTwoConsumersEqualsTheSameThreadFedInOrder() throws Exception {
        assertThat(((ConcurrentMessageListenerContainer<?, ?>) listeners.getListenerContainer("query-service-indexer"))
                .getConcurrency()).isEqualTo(2);
        Random random = new Random(7);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> parentOf = new HashMap<>();   // external id -> parent external id
        List<String> order = new ArrayList<>();
        order.add("post");
        for (int i = 1; i <= 200; i++) {
            String parent = i == 1 || random.nextInt(5) == 0 ? "post" : "c" + (1 + random.nextInt(i - 1));
            order.add("c" + i);
            parentOf.put("c" + i, parent);
        }
        List<Document> inOrder = thread("inorder-" + run, order, parentOf);
        List<Document> shuffled = new ArrayList<>(thread("shuffled-" + run, order, parentOf));
        Collections.shuffle(shuffled, random);

        QueryTestClient client = new QueryTestClient(port);
        Snapshot before = snapshot();
        send(inOrder);
        JsonNode expected = awaitThread(client, inOrder.getFirst().id(), t -> complete(t, 201));
        Snapshot afterInOrder = snapshot();
        send(shuffled);
        String shuffledRoot = DocumentIds.of("shuffled-" + run, "post");
        JsonNode actual = awaitThread(client, shuffledRoot, t -> complete(t, 201));
        Snapshot afterShuffled = snapshot();

        assertThat(shape(actual)).isEqualTo(shape(expected));
        assertThat(actual.get("replyCount").asLong()).isEqualTo(200);
        assertThat(actual.get("participantCount").asLong()).isEqualTo(
                inOrder.stream().map(d -> d.author().handle()).distinct().count());
        assertThat(actual.get("lastActivityAt").asString()).isEqualTo("2024-06-01T12:00:00Z");
        JsonNode deep = client.getJson("/api/v1/search?source=shuffled-" + run + "&size=100&sort=oldest");
        for (JsonNode hit : deep.get("hits")) {
            assertThat(hit.get("thread").get("rootId").asString()).isEqualTo(shuffledRoot);
        }
        afterInOrder.minus(before).print("in order", 201);
        afterShuffled.minus(afterInOrder).print("shuffled, 2 consumers", 201);
    }

    @Test
    void anOrphanAndItsRepliesMoveUnderTheirParentWhenItArrives() throws Exception {
        String source = "orphan-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> parentOf = Map.of("p", "root", "o", "p", "r1", "o", "r2", "r1");
        List<Document> docs = thread(source, List.of("root", "p", "o", "r1", "r2"), parentOf);
        Map<String, Document> byExt = new HashMap<>();
        docs.forEach(d -> byExt.put(d.externalId(), d));
        QueryTestClient client = new QueryTestClient(port);

        send(List.of(byExt.get("root"), byExt.get("r2"), byExt.get("o"), byExt.get("r1")));
        String orphanId = byExt.get("o").id();
        JsonNode fragment = awaitThread(client, orphanId, t -> t.get("size").asInt() == 3);
        assertThat(fragment.get("orphan").asBoolean()).isTrue();
        JsonNode stored = client.getJson("/api/v1/documents/" + byExt.get("r2").id());
        assertThat(stored.get("thread").get("rootId").asString()).isEqualTo(orphanId);
        assertThat(stored.get("thread").get("depth").asInt()).isEqualTo(2);
        assertThat(client.awaitHits("\"" + source + " text o\"", 1).get(0).get("thread").get("orphan").asBoolean())
                .as("an orphan stays searchable, marked").isTrue();

        send(List.of(byExt.get("p")));
        String rootId = byExt.get("root").id();
        JsonNode whole = awaitThread(client, rootId, t -> complete(t, 5));
        assertThat(shape(whole)).isEqualTo("root(p(o(r1(r2))))");
        JsonNode r2 = client.getJson("/api/v1/documents/" + byExt.get("r2").id()).get("thread");
        assertThat(r2.get("rootId").asString()).isEqualTo(rootId);
        assertThat(r2.get("depth").asInt()).isEqualTo(4);
        assertThat(r2.get("orphan").asBoolean()).isFalse();
        assertThat(r2.get("path")).hasSize(5);
        JsonNode formerOrphan = client.getJson("/api/v1/documents/" + orphanId).get("thread");
        assertThat(formerOrphan.get("orphan").asBoolean()).isFalse();
        assertThat(formerOrphan.get("replyCount").isNull()).as("aggregates leave a former root").isTrue();
        assertThat(client.get("/api/v1/threads/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void theSeedThreadComesBackAsSpeechThenCommentsNested() throws Exception {
        String source = "seed-" + UUID.randomUUID().toString().substring(0, 8);
        Document speech = QueryTestClient.enriched(source + "-speech", "Ladies and gentlemen, friends. "
                        + "I would like to sincerely welcome all the participants.").toBuilder()
                .source(source).id(DocumentIds.of(source, "speech")).externalId("speech")
                .entities(List.of(new Entity("Q7747", "Vladimir Putin", "PERSON", 1, 0, List.of()))).build();
        Document c1 = comment(source, "c1", speech.id(), "cfgaussian", 1);
        Document c2 = comment(source, "c2", c1.id(), "lil_tank", 2);
        Document c3 = comment(source, "c3", c2.id(), "CamaradaD", 3);
        Document c4 = comment(source, "c4", c1.id(), "cfgaussian", 4);
        send(List.of(c3, c4, c2, c1, speech));

        JsonNode thread = awaitThread(new QueryTestClient(port), speech.id(), t -> complete(t, 5));
        assertThat(shape(thread)).isEqualTo("speech(c1(c2(c3),c4))");
        assertThat(thread.get("speech").get("id").asString()).isEqualTo(speech.id());
        assertThat(thread.get("participantCount").asInt()).isEqualTo(4);
        JsonNode root = thread.get("root");
        assertThat(root.get("kind").asString()).isEqualTo("SPEECH");
        assertThat(root.get("entities").get(0).get("name").asString()).isEqualTo("Vladimir Putin");
        assertThat(root.get("excerpt").asString()).startsWith("Ladies and gentlemen");
        assertThat(root.get("children").get(0).get("author").get("handle").asString()).isEqualTo("cfgaussian");
    }

    @Test
    void aThreadQuotingASpeechIsLinkedToItInEitherArrivalOrder() throws Exception {
        String source = "links-" + UUID.randomUUID().toString().substring(0, 8);
        String passage = "Latin Americans have always strived for independence, and the history of your continent "
                + "is full of the most notable examples " + source;
        Document speech = QueryTestClient.enriched(source + "-speech", "Let me note that views on international "
                + "issues traditionally have a lot in common. " + passage + ". This happened during the period of "
                + "struggle against colonialism.").toBuilder().url("http://en.kremlin.ru/events/" + source).build();
        Document post = Document.builder().id(DocumentIds.of(source, "post")).kind(DocumentKind.POST)
                .source(source).externalId("post").author(new Author(null, "op", "lemmy.example", null, null))
                .text("Putin at the parliamentary conference: http://en.kremlin.ru/events/" + source)
                .publishedAt(Instant.parse("2024-06-01T11:00:00Z")).schemaVersion(1).build();
        Document quoting = comment(source, "q", post.id(), "reader", 5).toBuilder()
                .text("He said: latin americans have always strived for independance and the history of your "
                        + "continent is full of the most notable examples " + source + " - rich, coming from him.")
                .build();
        QueryTestClient client = new QueryTestClient(port);
        // the discussion first, the speech afterwards: the reverse pass links them
        send(List.of(post, quoting));
        awaitThread(client, post.id(), t -> complete(t, 2));
        send(List.of(speech));

        JsonNode thread = awaitThread(client, post.id(), t -> !t.get("speech").isNull());
        assertThat(thread.get("speech").get("id").asString()).isEqualTo(speech.id());
        JsonNode links = client.getJson("/api/v1/documents/" + quoting.id()).get("links");
        assertThat(links.get(0).get("type").asString()).isEqualTo("QUOTES");
        String quoted = quoting.text().substring(links.get(0).get("start").asInt(), links.get(0).get("end").asInt());
        assertThat(quoted).startsWith("latin americans").endsWith(source);
    }

    // ---- helpers

    private static List<Document> thread(String source, List<String> order, Map<String, String> parentOf) {
        List<Document> docs = new ArrayList<>();
        Instant start = Instant.parse("2024-06-01T10:00:00Z");
        for (int i = 0; i < order.size(); i++) {
            String ext = order.get(i);
            String parent = parentOf.get(ext);
            Instant at = i == order.size() - 1 ? Instant.parse("2024-06-01T12:00:00Z") : start.plusSeconds(i);
            docs.add(Document.builder().id(DocumentIds.of(source, ext))
                    .kind(parent == null ? DocumentKind.POST : DocumentKind.COMMENT)
                    .source(source).externalId(ext)
                    .author(new Author(null, "user" + (i % 37), "lemmy.example", null, null))
                    .publishedAt(at).ingestedAt(Instant.now())
                    .text(source + " text " + ext).parentId(parent == null ? null : DocumentIds.of(source, parent))
                    .schemaVersion(1).enrichedAt(Instant.now()).build());
        }
        return docs;
    }

    private static Document comment(String source, String ext, String parentId, String handle, int minute) {
        return Document.builder().id(DocumentIds.of(source, ext)).kind(DocumentKind.COMMENT).source(source)
                .externalId(ext).author(new Author(null, handle, "lemmygrad.ml", null, null))
                .publishedAt(Instant.parse("2024-06-01T10:00:00Z").plusSeconds(60L * minute))
                .text("Comment " + ext).parentId(parentId).schemaVersion(1).build();
    }

    private static void send(List<Document> documents) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer())) {
            for (Document d : documents) {
                producer.send(new ProducerRecord<>(Topics.ENRICHED, d.id(), DocumentJson.write(d)));
            }
            producer.flush();
        }
    }

    private static boolean complete(JsonNode thread, int size) {
        return thread.get("size").asInt() == size && thread.get("detached") == null
                && count(thread.get("root")) == size;
    }

    private static int count(JsonNode node) {
        int n = 1;
        for (JsonNode child : node.get("children")) {
            n += count(child);
        }
        return n;
    }

    private static JsonNode awaitThread(QueryTestClient client, String rootId, Predicate<JsonNode> done)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = client.get("/api/v1/threads/" + rootId);
            last = answer.statusCode() + " " + answer.body();
            if (answer.statusCode() == 200) {
                JsonNode thread = QueryTestClient.JSON.readTree(answer.body());
                if (done.test(thread) && thread.get("replyCount") != null && !thread.get("replyCount").isNull()
                        && thread.get("replyCount").asInt() == thread.get("size").asInt() - 1) {
                    return thread;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("Thread " + rootId + " did not settle; last answer: "
                + (last == null ? null : last.substring(0, Math.min(2000, last.length()))));
    }

    /** The tree by external-id-like labels: the last path segment of each node's excerpt. */
    private static String shape(JsonNode thread) {
        return shapeOf(thread.get("root"));
    }

    private static String shapeOf(JsonNode node) {
        String excerpt = node.get("excerpt").asString();
        String label = excerpt.substring(excerpt.lastIndexOf(' ') + 1);
        if (node.get("kind").asString().equals("SPEECH")) {
            label = "speech";
        }
        List<String> children = new ArrayList<>();
        node.get("children").forEach(c -> children.add(shapeOf(c)));
        return children.isEmpty() ? label : label + "(" + String.join(",", children) + ")";
    }

    private record Snapshot(long placeCount, double placeNanos, long afterCount, double afterNanos, long bulkCount,
                            double bulkNanos) {

        Snapshot minus(Snapshot o) {
            return new Snapshot(placeCount - o.placeCount, placeNanos - o.placeNanos, afterCount - o.afterCount,
                    afterNanos - o.afterNanos, bulkCount - o.bulkCount, bulkNanos - o.bulkNanos);
        }

        void print(String label, int documents) {
            System.out.printf("THREADING COST [%s] %d documents in %d batches: place %.2f ms/doc, after-write"
                            + " %.2f ms/doc, threading total %.2f ms/doc; document bulk itself %.2f ms/doc%n",
                    label, documents, placeCount, placeNanos / 1e6 / documents, afterNanos / 1e6 / documents,
                    (placeNanos + afterNanos) / 1e6 / documents, bulkNanos / 1e6 / documents);
        }
    }

    private Snapshot snapshot() {
        Timer place = meters.find("pipeline.threading.place").timer();
        Timer after = meters.find("pipeline.threading.after-write").timer();
        Timer bulk = meters.find("pipeline.index.bulk").timer();
        return new Snapshot(place == null ? 0 : place.count(), place == null ? 0 : place.totalTime(TimeUnit.NANOSECONDS),
                after == null ? 0 : after.count(), after == null ? 0 : after.totalTime(TimeUnit.NANOSECONDS),
                bulk == null ? 0 : bulk.count(), bulk == null ? 0 : bulk.totalTime(TimeUnit.NANOSECONDS));
    }
}
