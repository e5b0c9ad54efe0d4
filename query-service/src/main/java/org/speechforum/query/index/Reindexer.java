package org.speechforum.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import org.speechforum.contracts.ThreadRecord;
import org.speechforum.contracts.Topics;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rebuilds the index from the log alone, with no downtime: replays the compacted {@code documents.enriched.v1}
 * (bodies, with link finding against the index being built) and then {@code documents.threads.v1} (thread
 * places and aggregates, highest version per document) into a new versioned index while readers and the live
 * indexer keep using the old one, switches both aliases in one atomic request, then replays what arrived on
 * both topics meanwhile (writes are versioned and idempotent, so overlap is harmless). Nothing is read from the
 * old index: it may be gone. Used after a mapping change, or to recover a lost index.
 */
public class Reindexer {

    private static final Logger log = LoggerFactory.getLogger(Reindexer.class);
    private static final int BULK_SIZE = 1000;

    private final ElasticsearchClient client;
    private final IndexProperties index;
    private final Map<String, Object> consumerConfig;
    private final ProjectionWriter writer;

    public Reindexer(ElasticsearchClient client, IndexProperties index, String bootstrapServers) {
        this.client = client;
        this.index = index;
        this.consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "query-service-reindex-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, BULK_SIZE);
        MeterRegistry meters = new SimpleMeterRegistry();
        this.writer = new ProjectionWriter(client, meters, Timer.builder("reindex.bulk").register(meters));
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
        long replayed = 0;
        try (KafkaConsumer<String, byte[]> documents = consumer(Topics.ENRICHED);
             KafkaConsumer<String, byte[]> threads = consumer(Topics.THREADS)) {
            // Bodies first, so thread records then land on documents rather than on stubs.
            replayed += replayUntilEnd(documents, newIndex);
            replayed += replayUntilEnd(threads, newIndex);
            log.info("Replayed {} records into {}; switching aliases from {}", replayed, newIndex, previous);
            switchAliases(previous, newIndex);
            // Whatever the live indexer wrote to the old index between the end offsets and the switch.
            replayed += replayUntilEnd(documents, newIndex);
            replayed += replayUntilEnd(threads, newIndex);
            log.info("Index {} is live ({} records replayed)", newIndex, replayed);
            return new Result(newIndex, previous, replayed, writer.skipped());
        }
    }

    private KafkaConsumer<String, byte[]> consumer(String topic) {
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** The index behind the write alias, or null when there is none (the index was lost or never made). */
    private String currentIndex() throws IOException {
        try {
            var aliases = client.indices().getAlias(a -> a.name(index.writeAlias()));
            return aliases.aliases().keySet().stream().findFirst().orElse(null);
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    private long replayUntilEnd(KafkaConsumer<String, byte[]> consumer, String target)
            throws IOException {
        long replayed = 0;
        Map<TopicPartition, Long> remaining = new HashMap<>(consumer.endOffsets(consumer.assignment()));
        remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        while (!remaining.isEmpty()) {
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofSeconds(1));
            List<Object> parsed = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.value() == null) {
                    // A Kafka tombstone on the enriched topic: the document was deleted, so an earlier version
                    // replayed above goes too. On the threads topic it is compaction's, with nothing to project.
                    if (record.key() != null && Topics.ENRICHED.equals(record.topic())) {
                        parsed.add(EnrichedDocumentIndexer.tombstone(record.key()));
                    }
                    continue;
                }
                if (Topics.THREADS.equals(record.topic())) {
                    ThreadRecord thread = DocumentJson.mapper().readValue(record.value(), ThreadRecord.class);
                    if (thread.documentId() != null) {
                        parsed.add(thread);
                    }
                } else {
                    Document document = DocumentJson.read(record.value());
                    if (document.id() != null) {
                        parsed.add(document);
                    }
                }
            }
            if (!parsed.isEmpty()) {
                writer.write(target, Projection.fold(parsed), null);
                replayed += parsed.size();
            }
            remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        }
        return replayed;
    }

    private void switchAliases(String previous, String next) throws IOException {
        client.indices().updateAliases(u -> {
            if (previous != null) {
                u.actions(a -> a.remove(r -> r.index(previous).alias(index.readAlias())))
                        .actions(a -> a.remove(r -> r.index(previous).alias(index.writeAlias())));
            }
            return u.actions(a -> a.add(add -> add.index(next).alias(index.readAlias())
                            .filter(DocumentIndex.readFilter())))
                    .actions(a -> a.add(add -> add.index(next).alias(index.writeAlias()).isWriteIndex(true)));
        });
    }
}
