package org.speechforum.e2e;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.speechforum.localstack.TestEngines;
import org.speechforum.query.index.IndexProperties;
import org.speechforum.query.index.Reindexer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.speechforum.e2e.RunningPipeline.JSON;

/**
 * The index is a projection the log can rebuild: after threads that arrived child-first and a speech that
 * arrived after its discussion have settled, the index is deleted outright and rebuilt by the reindexer from
 * documents.enriched.v1 and documents.threads.v1 alone; every document, with its thread place, thread
 * aggregates and links, comes back identical.
 */
class RebuildFromTheLogTest {

    private final RunningPipeline pipeline = RunningPipeline.get();

    @Test
    void deletingTheIndexAndReplayingTheTopicsGivesBackEveryThreadAggregateAndLink() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String source = "rebuild-" + run;
        pipeline.seed();
        // A thread child-first: the replies, deepest first, then (in a later request) the post they hang on.
        post("""
                [{"kind":"COMMENT","source":"%1$s","externalId":"c2","parentExternalId":"c1","text":"Second level %1$s",
                  "author":{"handle":"b","instance":"lemmy.example"},"publishedAt":"2024-06-01T10:02:00Z"},
                 {"kind":"COMMENT","source":"%1$s","externalId":"c3","parentExternalId":"post","text":"Also on the post %1$s",
                  "author":{"handle":"c","instance":"lemmy.example"},"publishedAt":"2024-06-01T10:03:00Z"},
                 {"kind":"COMMENT","source":"%1$s","externalId":"c1","parentExternalId":"post","text":"First level %1$s",
                  "author":{"handle":"a","instance":"lemmy.example"},"publishedAt":"2024-06-01T10:01:00Z"}]
                """.formatted(source));
        // A discussion quoting a speech that is not there yet.
        String passage = "The river of cooperation between our northern ports and the southern harbours must flow"
                + " in both directions for many years to come, said the speaker " + run;
        post("""
                {"kind":"POST","source":"%1$s","externalId":"discussion","text":"He said: %2$s. Rich, coming from him.",
                 "author":{"handle":"d","instance":"lemmy.example"},"publishedAt":"2024-06-01T11:00:00Z"}
                """.formatted(source, passage));
        String postId = await("/api/v1/search?source=" + source + "&size=10", 4).get(0).get("id").asString();
        post("""
                {"kind":"POST","source":"%1$s","externalId":"post","text":"The post %1$s",
                 "author":{"handle":"op","instance":"lemmy.example"},"publishedAt":"2024-06-01T10:00:00Z"}
                """.formatted(source));
        post("""
                {"kind":"SPEECH","source":"%1$s","externalId":"speech","title":"Speech","url":"http://en.kremlin.ru/events/%2$s",
                 "text":"Let me begin with trade and shipping. %3$s. That is what we agreed upon today.",
                 "author":{"name":"Vladimir Putin"},"publishedAt":"2024-06-01T09:00:00Z"}
                """.formatted(source, run, passage));
        String rootId = org.speechforum.contracts.DocumentIds.of(source, "post");
        String discussionId = org.speechforum.contracts.DocumentIds.of(source, "discussion");
        String speechId = org.speechforum.contracts.DocumentIds.of(source, "speech");
        JsonNode thread = pipeline.awaitThread(rootId, t -> t.get("size").asInt() == 4 && t.get("replyCount").asInt() == 3);
        assertThat(thread.get("root").get("children")).hasSize(2);
        pipeline.awaitThread(discussionId, t -> t.get("root").has("links")
                && t.get("root").get("links").toString().contains(speechId));
        assertThat(postId).isNotNull();

        ElasticsearchClient elasticsearch = pipeline.queryBean(ElasticsearchClient.class);
        IndexProperties index = pipeline.queryBean(IndexProperties.class);
        KafkaListenerEndpointRegistry listeners = pipeline.queryBean(KafkaListenerEndpointRegistry.class);
        awaitQuiet(elasticsearch, index);
        Map<String, JsonNode> before = snapshot(elasticsearch, index.writeAlias());
        assertThat(before.get(rootId).get("thread").get("replyCount").asInt()).isEqualTo(3);
        assertThat(before.get(discussionId).get("links").toString()).contains(speechId);

        // The live indexer stops (nothing may recreate the index meanwhile); the index goes, outright.
        listeners.getListenerContainer("query-service-indexer").stop();
        try {
            String live = elasticsearch.indices().getAlias(a -> a.name(index.writeAlias())).aliases().keySet()
                    .iterator().next();
            elasticsearch.indices().delete(d -> d.index(live));
            assertThat(elasticsearch.indices().existsAlias(a -> a.name(index.readAlias())).value()).isFalse();

            long t0 = System.nanoTime();
            Reindexer.Result result = new Reindexer(elasticsearch, index,
                    TestEngines.kafkaBootstrapServers()).reindexTo(500 + (int) (System.nanoTime() % 400));
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("REBUILD %d records (%d documents) from the topics in %.1f s: %.0f documents/s%n",
                    result.replayed(), before.size(), seconds, before.size() / seconds);
            assertThat(result.previous()).isNull();

            Map<String, JsonNode> after = snapshot(elasticsearch, index.writeAlias());
            assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
            for (String id : before.keySet()) {
                assertThat(after.get(id)).as("document " + id).isEqualTo(before.get(id));
            }
        } finally {
            listeners.getListenerContainer("query-service-indexer").start();
        }
        // The read API serves the rebuilt index.
        assertThat(pipeline.awaitThread(rootId, t -> t.get("size").asInt() == 4).get("replyCount").asInt()).isEqualTo(3);
    }

    private void post(String json) throws Exception {
        HttpResponse<String> answer = pipeline.postJson(pipeline.ingest("/api/v1/documents"), json);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    private JsonNode await(String path, int hits) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = JSON.readTree(pipeline.get(pipeline.query(path)).body());
            if (last.has("hits") && last.get("hits").size() >= hits) {
                return last.get("hits");
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Expected " + hits + " hits for " + path + ", last: " + last);
    }

    /** Waits until enrich and the indexer have consumed everything and the index stopped changing. */
    private static void awaitQuiet(ElasticsearchClient elasticsearch, IndexProperties index) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Map<String, JsonNode> previous = null;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestEngines.kafkaBootstrapServers()))) {
            while (System.nanoTime() < deadline) {
                long lag = lag(admin, "enrich-service") + lag(admin, "query-service-indexer");
                Map<String, JsonNode> now = snapshot(elasticsearch, index.writeAlias());
                if (lag == 0 && now.equals(previous)) {
                    return;
                }
                previous = now;
                Thread.sleep(1500);
            }
        }
        throw new AssertionError("The pipeline did not go quiet");
    }

    private static long lag(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        long lag = 0;
        for (var e : committed.entrySet()) {
            if (e.getValue() != null) {
                lag += ends.get(e.getKey()).offset() - e.getValue().offset();
            }
        }
        return lag;
    }

    /** Every document of the index (stubs included) by id, as stored. */
    private static Map<String, JsonNode> snapshot(ElasticsearchClient elasticsearch, String target) throws Exception {
        elasticsearch.indices().refresh(r -> r.index(target));
        Map<String, JsonNode> out = new TreeMap<>();
        List<co.elastic.clients.elasticsearch._types.FieldValue> after = null;
        while (true) {
            List<co.elastic.clients.elasticsearch._types.FieldValue> from = after;
            var response = elasticsearch.search(s -> {
                s.index(target).size(5000).sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)));
                if (from != null) {
                    s.searchAfter(from);
                }
                return s;
            }, ObjectNode.class);
            response.hits().hits().forEach(h -> out.put(h.id(), h.source()));
            if (response.hits().hits().size() < 5000) {
                return out;
            }
            after = response.hits().hits().getLast().sort();
        }
    }
}
