package org.speechforum.enrich.threads;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
import org.speechforum.contracts.ThreadInfo;
import org.speechforum.contracts.ThreadRecord;
import org.speechforum.contracts.Topics;
import org.speechforum.localstack.TestEngines;
import org.springframework.beans.factory.annotation.Autowired;
import org.speechforum.enrich.EnrichServiceApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Threading in enrich-service against the real engines: raw documents in, versioned thread records out on
 * documents.threads.v1, with two enrich instances (three listener consumers) over three partitions and the state
 * in Elasticsearch.
 */
@SpringBootTest(properties = {
        "spring.config.name=enrich-service",
        "spring.kafka.listener.concurrency=2",
        "spring.kafka.consumer.max-poll-records=50"})
class ThreadingFlowTest {

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestEngines::kafkaBootstrapServers);
        registry.add("spring.elasticsearch.uris", TestEngines::elasticsearchUrl);
    }

    @Test
    void aShuffledThreadOverTwoConsumersComesOutOnTheThreadsTopicAsFedInOrder() throws Exception {
        Random random = new Random(7);
        String source = "flow-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> parentOf = new HashMap<>();
        List<String> order = new ArrayList<>(List.of("post"));
        for (int i = 1; i <= 200; i++) {
            order.add("c" + i);
            parentOf.put("c" + i, i == 1 || random.nextInt(5) == 0 ? "post" : "c" + (1 + random.nextInt(i - 1)));
        }
        List<Document> docs = documents(source, order, parentOf);
        Map<String, ThreadInfo> expected = expectedPlaces(docs);
        List<Document> shuffled = new ArrayList<>(docs);
        Collections.shuffle(shuffled, random);
        double before = threadingNanos();

        // A second enrich instance in the same consumer group: the partitions are shared between two
        // processes' worth of consumers (this context's two and the other's one).
        Map<String, ThreadRecord> state;
        String rootId = docs.getFirst().id();
        try (ConfigurableApplicationContext second = EnrichServiceApplication.application().run(
                "--server.port=0", "--spring.kafka.bootstrap-servers=" + TestEngines.kafkaBootstrapServers(),
                "--spring.elasticsearch.uris=" + TestEngines.elasticsearchUrl(),
                "--spring.kafka.consumer.max-poll-records=50")) {
            assertThat(second.isRunning()).isTrue();
            send(shuffled);
            state = awaitThreads(docs, s -> expected.entrySet().stream()
                    .allMatch(e -> s.containsKey(e.getKey()) && e.getValue().equals(s.get(e.getKey()).thread()))
                    && Long.valueOf(200).equals(s.get(rootId).replyCount()));
        }

        assertThat(state.get(rootId).participantCount()).isEqualTo(37);
        assertThat(state.get(rootId).lastActivityAt()).isEqualTo(Instant.parse("2024-06-01T10:03:20Z"));
        docs.stream().skip(1).forEach(d -> assertThat(state.get(d.id()).replyCount()).as(d.id()).isNull());
        System.out.printf("THREADING COST [enrich, 201 shuffled documents, 2 instances, 3 consumers] %.2f ms per"
                        + " document in this instance's batches%n",
                (threadingNanos() - before) / 1e6 / docs.size());
    }

    @Test
    void anOrphanAndItsRepliesMoveUnderTheirParentWhenItArrives() throws Exception {
        String source = "orphan-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> parentOf = Map.of("p", "root", "o", "p", "r1", "o", "r2", "r1");
        List<Document> docs = documents(source, List.of("root", "p", "o", "r1", "r2"), parentOf);
        Map<String, Document> byExt = new HashMap<>();
        docs.forEach(d -> byExt.put(d.externalId(), d));
        String orphanId = byExt.get("o").id();

        send(List.of(byExt.get("root"), byExt.get("r2"), byExt.get("o"), byExt.get("r1")));
        awaitThreads(docs, s -> s.containsKey(byExt.get("r2").id())
                && orphanId.equals(s.get(byExt.get("r2").id()).thread().rootId())
                && s.containsKey(orphanId) && Long.valueOf(2).equals(s.get(orphanId).replyCount()));
        send(List.of(byExt.get("p")));

        Map<String, ThreadInfo> expected = expectedPlaces(docs);
        Map<String, ThreadRecord> state = awaitThreads(docs, s -> expected.entrySet().stream()
                .allMatch(e -> s.containsKey(e.getKey()) && e.getValue().equals(s.get(e.getKey()).thread()))
                && Long.valueOf(4).equals(s.get(byExt.get("root").id()).replyCount()));
        assertThat(state.get(orphanId).replyCount()).as("aggregates leave a former root").isNull();
        assertThat(state.get(byExt.get("r2").id()).thread().depth()).isEqualTo(4);
    }

    private static Map<String, ThreadInfo> expectedPlaces(List<Document> docs) {
        List<ThreadMath.Node> nodes = docs.stream().map(d -> new ThreadMath.Node(d.id(), d.parentId(), null)).toList();
        return ThreadMath.resolve(nodes, Map.of());
    }

    private double threadingNanos() {
        Timer timer = meters.find("pipeline.threading").timer();
        return timer == null ? 0 : timer.totalTime(TimeUnit.NANOSECONDS);
    }

    private static List<Document> documents(String source, List<String> order, Map<String, String> parentOf) {
        List<Document> docs = new ArrayList<>();
        Instant start = Instant.parse("2024-06-01T10:00:00Z");
        for (int i = 0; i < order.size(); i++) {
            String ext = order.get(i);
            String parent = parentOf.get(ext);
            docs.add(Document.builder().id(DocumentIds.of(source, ext))
                    .kind(parent == null ? DocumentKind.POST : DocumentKind.COMMENT).source(source).externalId(ext)
                    .author(new Author(null, "user" + (i % 37), "lemmy.example", null, null))
                    .publishedAt(start.plusSeconds(i)).ingestedAt(Instant.now()).text(source + " text " + ext)
                    .parentId(parent == null ? null : DocumentIds.of(source, parent)).schemaVersion(1).build());
        }
        return docs;
    }

    private static void send(List<Document> documents) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer())) {
            for (Document d : documents) {
                producer.send(new ProducerRecord<>(Topics.RAW, d.id(), DocumentJson.write(d)));
            }
            producer.flush();
        }
    }

    /** Folds documents.threads.v1 as a projection does (highest version per document) until {@code done}. */
    private static Map<String, ThreadRecord> awaitThreads(List<Document> docs,
                                                          Predicate<Map<String, ThreadRecord>> done) {
        Map<String, ThreadRecord> state = new HashMap<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        docs.forEach(d -> ids.add(d.id()));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestEngines.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.THREADS));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (ids.contains(record.key())) {
                        ThreadRecord r = DocumentJson.mapper().readValue(record.value(), ThreadRecord.class);
                        state.merge(r.documentId(), r, (a, b) -> b.version() >= a.version() ? b : a);
                    }
                }
                if (done.test(state)) {
                    return state;
                }
            }
        }
        throw new AssertionError("Thread records did not settle; have " + state.size() + " of " + ids.size());
    }
}
