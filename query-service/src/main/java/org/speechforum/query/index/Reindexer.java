package org.speechforum.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.Topics;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rebuilds the index with no downtime: replays the compacted {@code documents.enriched.v1} topic into a new
 * versioned index while readers and the live indexer keep using the old one, switches both aliases in one
 * atomic request, then replays what arrived on the topic meanwhile (writes are idempotent, so overlap is
 * harmless). Used after a mapping change: bump {@code query.index.version} in the same deployment.
 */
public class Reindexer {

    private static final Logger log = LoggerFactory.getLogger(Reindexer.class);
    private static final int BULK_SIZE = 1000;
    /** Fields the indexer computes when it writes a document (threading and links), not found on the topic. */
    private static final List<String> INDEX_TIME_FIELDS = List.of("thread", "links", "authorKey");

    private final ElasticsearchClient client;
    private final IndexProperties index;
    private final Map<String, Object> consumerConfig;

    public Reindexer(ElasticsearchClient client, IndexProperties index, String bootstrapServers) {
        this.client = client;
        this.index = index;
        this.consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "query-service-reindex-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, BULK_SIZE);
    }

    /** Result of a rebuild: the index now behind both aliases and how many records were replayed into it. */
    public record Result(String index, String previous, long replayed, long skipped) {
    }

    public Result reindexTo(int version) throws IOException {
        IndexProperties target = new IndexProperties(index.name(), version, index.shards(), index.replicas());
        String newIndex = target.versionedIndex();
        String previous = currentIndex();
        if (newIndex.equals(previous)) {
            throw new IllegalArgumentException(newIndex + " is already the live index; choose another version");
        }
        // The template matches <name>-v*, so the new index gets the current mappings.
        new DocumentIndex(client, index).ensureTemplate();
        if (!client.indices().exists(e -> e.index(newIndex)).value()) {
            client.indices().create(c -> c.index(newIndex));
        }
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ENRICHED).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long replayed = replayUntil(consumer, consumer.endOffsets(partitions), newIndex, previous);
            log.info("Replayed {} records into {}; switching aliases from {}", replayed, newIndex, previous);
            switchAliases(previous, newIndex);
            // Whatever the live indexer wrote to the old index between the end offsets and the switch.
            replayed += replayUntil(consumer, consumer.endOffsets(partitions), newIndex, previous);
            log.info("Index {} is live ({} records replayed)", newIndex, replayed);
            return new Result(newIndex, previous, replayed, skipped);
        }
    }

    private String currentIndex() throws IOException {
        var aliases = client.indices().getAlias(a -> a.name(index.writeAlias()));
        return aliases.aliases().keySet().stream().findFirst().orElse(null);
    }

    private long skipped;

    private long replayUntil(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end, String target,
                             String previous) throws IOException {
        long replayed = 0;
        Map<TopicPartition, Long> remaining = new HashMap<>(end);
        remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        while (!remaining.isEmpty()) {
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofSeconds(1));
            BulkRequest.Builder bulk = new BulkRequest.Builder().index(target);
            int operations = 0;
            Map<String, ObjectNode> indexed = indexedState(records, previous);
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.value() == null) {
                    // A Kafka tombstone: the document was deleted; an earlier version replayed above goes too.
                    if (record.key() != null) {
                        bulk.operations(op -> op.delete(d -> d.id(record.key())));
                        operations++;
                    }
                    continue;
                }
                Document document = DocumentJson.read(record.value());
                if (document.id() == null) {
                    continue;
                }
                if (Boolean.TRUE.equals(document.deleted())) {
                    bulk.operations(op -> op.delete(d -> d.id(document.id())));
                } else {
                    byte[] json = withIndexedState(record.value(), indexed.get(document.id()));
                    bulk.operations(op -> op.index(ix -> ix.id(document.id())
                            .document(BinaryData.of(json, ContentType.APPLICATION_JSON))));
                }
                operations++;
            }
            if (operations > 0) {
                BulkResponse response = client.bulk(bulk.build());
                for (var item : response.items()) {
                    if (item.error() == null || item.status() == 404) {
                        replayed++;
                    } else if (item.status() == 429 || item.status() >= 500) {
                        throw new IOException("Elasticsearch could not take " + item.id() + " into " + target
                                + " (" + item.status() + "): " + item.error().reason() + "; run the reindex again");
                    } else {
                        // The live indexer dead-lettered these too; the old index never had them either.
                        skipped++;
                        log.warn("Skipping {}: {}", item.id(), item.error().reason());
                    }
                }
            }
            remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        }
        return replayed;
    }

    /**
     * What the live indexer added to these documents in the old index (thread place, links, participant key):
     * the topic holds documents as enrich-service published them, the threading happened at index time.
     */
    private Map<String, ObjectNode> indexedState(ConsumerRecords<String, byte[]> records, String previous)
            throws IOException {
        Map<String, ObjectNode> state = new HashMap<>();
        List<String> ids = new java.util.ArrayList<>();
        records.forEach(r -> {
            if (r.key() != null) {
                ids.add(r.key());
            }
        });
        if (previous == null || ids.isEmpty()) {
            return state;
        }
        var found = client.mget(m -> m.index(previous).ids(ids)
                .sourceIncludes(INDEX_TIME_FIELDS), ObjectNode.class);
        for (var doc : found.docs()) {
            if (doc.isResult() && doc.result().found() && doc.result().source() != null) {
                state.put(doc.result().id(), doc.result().source());
            }
        }
        return state;
    }

    private static byte[] withIndexedState(byte[] published, ObjectNode indexed) {
        if (indexed == null || indexed.isEmpty()) {
            return published;
        }
        ObjectNode json = (ObjectNode) DocumentJson.mapper().readTree(published);
        for (String field : INDEX_TIME_FIELDS) {
            if (indexed.has(field)) {
                json.set(field, indexed.get(field));
            }
        }
        return DocumentJson.mapper().writeValueAsBytes(json);
    }

    private void switchAliases(String previous, String next) throws IOException {
        client.indices().updateAliases(u -> {
            if (previous != null) {
                u.actions(a -> a.remove(r -> r.index(previous).alias(index.readAlias())))
                        .actions(a -> a.remove(r -> r.index(previous).alias(index.writeAlias())));
            }
            return u.actions(a -> a.add(add -> add.index(next).alias(index.readAlias())))
                    .actions(a -> a.add(add -> add.index(next).alias(index.writeAlias()).isWriteIndex(true)));
        });
    }
}
