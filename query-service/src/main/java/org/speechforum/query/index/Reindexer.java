package org.speechforum.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.JsonData;
import jakarta.json.JsonValue;
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
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Rebuilds the index from the log alone, with no downtime: replays the compacted {@code documents.enriched.v1}
 * (bodies) and {@code documents.threads.v1} (thread places, aggregates and links, highest version per document)
 * into a new versioned index while readers and the live indexer keep using the old one, switches both aliases in
 * one atomic request, then replays what arrived on both topics meanwhile (writes are versioned and idempotent, so
 * overlap is harmless). Nothing is read from the old index: it may be gone. Used after a mapping change, or to
 * recover a lost index.
 * <p>
 * An index this rebuild creates itself is written by a {@link FreshIndexWriter}, partition by partition with one
 * write per document and no read when the two topics are co-partitioned (checked on every record), else thread
 * records first as externally versioned stubs, then each body merged with its stub; several bulks in flight,
 * refreshes off and no replicas until it is caught up; both settings are then restored. An index that already
 * existed (an interrupted run, say) is written like the live indexer does, by {@link ProjectionWriter}.
 * The replay rate (documents/s) is logged as it goes and at the end.
 */
public class Reindexer {

    private static final Logger log = LoggerFactory.getLogger(Reindexer.class);
    /** Defaults of {@code query.reindex.bulk-size} and {@code query.reindex.concurrent-bulks}. */
    public static final int BULK_SIZE = 1000;
    public static final int CONCURRENT_BULKS = 2;
    /** Default of {@code query.reindex.thread-records-per-partition}. */
    public static final int THREAD_RECORDS_PER_PARTITION = 500_000;
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    private final ElasticsearchClient client;
    private final IndexProperties index;
    private final Map<String, Object> consumerConfig;
    private final ProjectionWriter writer;
    private final int bulkSize;
    private final int concurrentBulks;
    private final int maxThreadRecords;
    private long replayed;
    private int oneWritePartitions;
    private long startNanos;
    private long lastProgress;

    public Reindexer(ElasticsearchClient client, IndexProperties index, String bootstrapServers) {
        this(client, index, bootstrapServers, BULK_SIZE, CONCURRENT_BULKS);
    }

    public Reindexer(ElasticsearchClient client, IndexProperties index, String bootstrapServers, int bulkSize,
                     int concurrentBulks) {
        this(client, index, bootstrapServers, bulkSize, concurrentBulks, THREAD_RECORDS_PER_PARTITION);
    }

    /**
     * @param maxThreadRecords documents' thread records of one partition the one-write path holds in memory at
     *                         most; a partition with more takes the two-write path
     */
    public Reindexer(ElasticsearchClient client, IndexProperties index, String bootstrapServers, int bulkSize,
                     int concurrentBulks, int maxThreadRecords) {
        this.client = client;
        this.maxThreadRecords = maxThreadRecords;
        this.index = index;
        this.bulkSize = bulkSize;
        this.concurrentBulks = concurrentBulks;
        this.consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "query-service-reindex-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, bulkSize);
        MeterRegistry meters = new SimpleMeterRegistry();
        this.writer = new ProjectionWriter(client, meters, Timer.builder("reindex.bulk").register(meters));
    }

    /**
     * Result of a rebuild: the index now behind both aliases, how many records were replayed into it, how many
     * documents were refused for good, how many documents (stubs included) it holds and how long the replay took
     * (from the index's creation to the aliases switched and caught up; the JVM's start is not in it), and how
     * many partitions were rebuilt with one write per document (0: every document took two writes).
     */
    public record Result(String index, String previous, long replayed, long skipped, long documents,
                         double seconds, int oneWritePartitions) {

        /** Documents in the new index per second of replay. */
        public double documentsPerSecond() {
            return seconds > 0 ? documents / seconds : 0;
        }
    }

    public Result reindexTo(int version) throws IOException {
        IndexProperties target = new IndexProperties(index.name(), version, index.shards(), index.replicas());
        String newIndex = target.versionedIndex();
        String previous = currentIndex();
        if (newIndex.equals(previous)) {
            throw new IllegalArgumentException(newIndex + " is already the live index; choose another version");
        }
        startNanos = System.nanoTime();
        lastProgress = startNanos;
        replayed = 0;
        oneWritePartitions = 0;
        // The template matches <name>-v*, so the new index gets the current mappings.
        new DocumentIndex(client, index).ensureTemplate();
        boolean fresh = !client.indices().exists(e -> e.index(newIndex)).value();
        if (fresh) {
            client.indices().create(c -> c.index(newIndex));
        }
        long skipped = 0;
        try (KafkaConsumer<String, byte[]> documents = consumer(Topics.ENRICHED);
             KafkaConsumer<String, byte[]> threads = consumer(Topics.THREADS)) {
            if (fresh) {
                log.info("Rebuilding into the new index {} (bulks of {}, {} in flight, refresh and replicas off"
                        + " until caught up)", newIndex, bulkSize, concurrentBulks);
                skipped += replayFresh(newIndex, documents, threads);
            } else {
                log.info("{} exists already: rebuilding into it with conditional writes", newIndex);
                // Bodies first, so thread records then land on documents rather than on stubs.
                replayUntilEnd(documents, records -> writeConditionally(newIndex, records));
                replayUntilEnd(threads, records -> writeConditionally(newIndex, records));
            }
            log.info("Replayed {} records into {}; switching aliases from {}", replayed, newIndex, previous);
            long t0 = System.nanoTime();
            switchAliases(previous, newIndex);
            long t1 = System.nanoTime();
            // Whatever the live indexer wrote to the old index between the end offsets and the switch.
            long before = replayed;
            replayUntilEnd(documents, records -> writeConditionally(newIndex, records));
            replayUntilEnd(threads, records -> writeConditionally(newIndex, records));
            long t2 = System.nanoTime();
            client.indices().refresh(r -> r.index(newIndex));
            log.info(String.format(Locale.ROOT, "Aliases switched in %.1f s, %d records caught up in %.1f s, refreshed"
                    + " in %.1f s", (t1 - t0) / 1e9, replayed - before, (t2 - t1) / 1e9,
                    (System.nanoTime() - t2) / 1e9));
        }
        long count = client.count(c -> c.index(newIndex)).count();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Result result = new Result(newIndex, previous, replayed, skipped + writer.skipped(), count, seconds,
                oneWritePartitions);
        log.info(String.format(Locale.ROOT, "Index %s is live: %d documents from %d records in %.1f s, replay rate"
                + " %.0f documents/s", newIndex, count, replayed, seconds, result.documentsPerSecond()));
        return result;
    }

    /**
     * Both topics into an index nothing else writes yet: partition by partition with one write per document when
     * the topics are co-partitioned ({@link #replayByPartition}), else (or if a record shows they are not) thread
     * records first as stubs, then the bodies merged with them.
     */
    private long replayFresh(String newIndex, KafkaConsumer<String, byte[]> documents,
                             KafkaConsumer<String, byte[]> threads) throws IOException {
        Map<String, String> saved = pauseRefreshAndReplicas(newIndex);
        try {
            List<TopicPartition> allBodies = List.copyOf(documents.assignment());
            List<TopicPartition> allThreads = List.copyOf(threads.assignment());
            int bodyPartitions = allBodies.size();
            int threadPartitions = allThreads.size();
            if (bodyPartitions == threadPartitions) {
                long before = replayed;
                try (FreshIndexWriter fresh = new FreshIndexWriter(client, newIndex, bulkSize, concurrentBulks)) {
                    replayByPartition(fresh, documents, threads);
                    return fresh.skipped();
                } catch (NotCoPartitioned e) {
                    oneWritePartitions = 0;
                    log.warn("{}: rebuilding {} again with thread records first, then bodies", e.getMessage(),
                            newIndex);
                    replayed = before;
                    client.indices().delete(d -> d.index(newIndex));
                    client.indices().create(c -> c.index(newIndex));
                    pauseRefreshAndReplicas(newIndex);
                    documents.assign(allBodies);
                    documents.seekToBeginning(allBodies);
                    threads.assign(allThreads);
                    threads.seekToBeginning(allThreads);
                }
            } else {
                log.info("{} has {} partitions and {} has {}: thread records first, then bodies", Topics.ENRICHED,
                        bodyPartitions, Topics.THREADS, threadPartitions);
            }
            try (FreshIndexWriter fresh = new FreshIndexWriter(client, newIndex, bulkSize, concurrentBulks)) {
                long t0 = System.nanoTime();
                long before = replayed;
                replayUntilEnd(threads, fresh::threads);
                fresh.flush();
                long t1 = System.nanoTime();
                log.info(String.format(Locale.ROOT, "Thread records: %d replayed as stubs in %.1f s",
                        replayed - before, (t1 - t0) / 1e9));
                before = replayed;
                replayUntilEnd(documents, fresh::bodies);
                fresh.flush();
                log.info(String.format(Locale.ROOT, "Bodies: %d replayed in %.1f s", replayed - before,
                        (System.nanoTime() - t1) / 1e9));
                return fresh.skipped();
            }
        } finally {
            restore(newIndex, saved);
        }
    }

    /** A record that is not where the producers' default partitioner puts its key. */
    private static final class NotCoPartitioned extends RuntimeException {
        NotCoPartitioned(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The one-write path. Both topics are keyed by document id, produced with the same key serializer and the
     * default partitioner and created with the same partition count, so partition p of the threads topic holds
     * every thread record of the documents whose bodies are in partition p of the enriched topic. Per partition:
     * its thread records are read to the end into a map (newest version per document), then each body of its
     * enriched partition is written once, merged with its document's record, and the records of documents with no
     * body left are written as stubs (externally versioned). Every record's partition is checked against its key;
     * one that is elsewhere (a topic whose partitions were added to, a producer that chose partitions) aborts
     * with {@link NotCoPartitioned}. A partition with more than {@link #maxThreadRecords} documents' thread
     * records takes the two-write path (stubs, then bodies read back) for itself, bounding the map.
     */
    private void replayByPartition(FreshIndexWriter fresh, KafkaConsumer<String, byte[]> documents,
                                   KafkaConsumer<String, byte[]> threads) {
        List<TopicPartition> bodyPartitions = sorted(documents.assignment());
        List<TopicPartition> threadPartitions = sorted(threads.assignment());
        int n = bodyPartitions.size();
        Map<TopicPartition, Long> positions = new HashMap<>();
        long t0 = System.nanoTime();
        long threadRecords = 0;
        long bodies = 0;
        long stubs = 0;
        int overflowed = 0;
        for (int p = 0; p < n; p++) {
            try {
                TopicPartition threadPartition = threadPartitions.get(p);
                TopicPartition bodyPartition = bodyPartitions.get(p);
                // Newest thread record per document of this partition, and whether a body of it came.
                Map<String, Slot> slots = new HashMap<>();
                boolean overflow = false;
                threads.assign(List.of(threadPartition));
                threads.seekToBeginning(List.of(threadPartition));
                long before = replayed;
                for (ConsumerRecords<String, byte[]> records : untilEnd(threads)) {
                    for (ConsumerRecord<String, byte[]> record : records) {
                        checkPlaced(record, n);
                        if (record.value() == null) {
                            continue;
                        }
                        ThreadRecord thread = DocumentJson.mapper().readValue(record.value(), ThreadRecord.class);
                        if (thread.documentId() == null) {
                            continue;
                        }
                        if (overflow) {
                            fresh.stubs(List.of(thread));
                            continue;
                        }
                        Slot slot = slots.computeIfAbsent(thread.documentId(), k -> new Slot());
                        if (slot.thread == null || thread.version() > slot.thread.version()) {
                            slot.thread = thread;
                        }
                        if (slots.size() > maxThreadRecords) {
                            overflow = true;
                            overflowed++;
                            fresh.stubs(slots.values().stream().map(s -> s.thread).toList());
                            slots = Map.of();
                        }
                    }
                }
                threadRecords += replayed - before;
                positions.put(threadPartition, threads.position(threadPartition));
                documents.assign(List.of(bodyPartition));
                documents.seekToBeginning(List.of(bodyPartition));
                for (ConsumerRecords<String, byte[]> records : untilEnd(documents)) {
                    for (ConsumerRecord<String, byte[]> record : records) {
                        checkPlaced(record, n);
                        bodies++;
                        if (overflow) {
                            fresh.bodies(List.of(record));
                            continue;
                        }
                        Slot slot = record.key() == null ? null : slots.get(record.key());
                        if (slot != null) {
                            // A tombstone counts too: a deleted document leaves no stub behind.
                            slot.body = true;
                        }
                        fresh.merged(record, slot == null ? null : slot.thread);
                    }
                }
                positions.put(bodyPartition, documents.position(bodyPartition));
                List<ThreadRecord> bodiless = new ArrayList<>();
                slots.values().forEach(s -> {
                    if (!s.body) {
                        bodiless.add(s.thread);
                    }
                });
                fresh.stubs(bodiless);
                stubs += bodiless.size();
            } catch (NotCoPartitioned e) {
                // Nothing may still be writing when the caller deletes the index.
                fresh.abandon();
                throw e;
            }
        }
        fresh.flush();
        oneWritePartitions = n - overflowed;
        // The catch-up after the switch goes on from where each partition was read to.
        threads.assign(threadPartitions);
        documents.assign(bodyPartitions);
        positions.forEach((tp, offset) -> (tp.topic().equals(Topics.THREADS) ? threads : documents).seek(tp, offset));
        log.info(String.format(Locale.ROOT, "Partition by partition (%d): %d thread records, %d"
                        + " body records, %d stubs of documents with no body, in %.1f s%s", n, threadRecords, bodies,
                stubs, (System.nanoTime() - t0) / 1e9, overflowed == 0 ? ""
                        : " (" + overflowed + " partitions over " + maxThreadRecords + " documents' thread records"
                        + " took the two-write path)"));
    }

    private static final class Slot {
        ThreadRecord thread;
        boolean body;
    }

    private static List<TopicPartition> sorted(java.util.Collection<TopicPartition> partitions) {
        return partitions.stream().sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    /** Throws unless {@code record} is in the partition the default partitioner gives its key. */
    private static void checkPlaced(ConsumerRecord<String, byte[]> record, int partitions) {
        if (record.key() == null) {
            if (record.value() == null) {
                return;
            }
            throw new NotCoPartitioned(record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " has no key");
        }
        byte[] key = record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int expected = org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(key))
                % partitions;
        if (expected != record.partition()) {
            throw new NotCoPartitioned(record.topic() + "-" + record.partition() + "@" + record.offset() + " (key "
                    + record.key() + ") belongs in partition " + expected + " by its key");
        }
    }

    /** The polls of {@code consumer}'s assignment up to the end offsets it finds now, counted in {@link #replayed}. */
    private Iterable<ConsumerRecords<String, byte[]>> untilEnd(KafkaConsumer<String, byte[]> consumer) {
        return () -> new java.util.Iterator<>() {
            final Map<TopicPartition, Long> remaining = new HashMap<>(consumer.endOffsets(consumer.assignment()));
            ConsumerRecords<String, byte[]> next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
                    if (remaining.isEmpty()) {
                        return false;
                    }
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofSeconds(1));
                    if (!records.isEmpty()) {
                        replayed += records.count();
                        progress();
                        next = records;
                    }
                }
                return true;
            }

            @Override
            public ConsumerRecords<String, byte[]> next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                ConsumerRecords<String, byte[]> out = next;
                next = null;
                return out;
            }
        };
    }

    /**
     * Turns refreshes off and replicas to 0 on the new index (nothing reads it yet, and one copy is indexed once
     * instead of twice), returning the settings as they were to restore them.
     */
    private Map<String, String> pauseRefreshAndReplicas(String newIndex) throws IOException {
        var settings = client.indices().getSettings(g -> g.index(newIndex)).get(newIndex).settings().index();
        Map<String, String> saved = new LinkedHashMap<>();
        saved.put("refresh_interval", settings == null || settings.refreshInterval() == null ? null
                : settings.refreshInterval().time());
        saved.put("number_of_replicas", settings == null || settings.numberOfReplicas() == null ? null
                : settings.numberOfReplicas());
        putSettings(newIndex, Map.of("refresh_interval", "-1", "number_of_replicas", "0"));
        return saved;
    }

    private void restore(String newIndex, Map<String, String> saved) throws IOException {
        putSettings(newIndex, saved);
        // Before the switch, the replicas the template asked for (if the cluster has nodes for them).
        client.cluster().health(h -> h.index(newIndex)
                .waitForStatus(co.elastic.clients.elasticsearch._types.HealthStatus.Yellow)
                .timeout(t -> t.time("60s")));
        log.info("Restored {} of {}", saved, newIndex);
    }

    /** {@code index.<name>: value} for each entry; a null value resets the setting to its default. */
    private void putSettings(String newIndex, Map<String, String> values) throws IOException {
        client.indices().putSettings(p -> p.index(newIndex).settings(s -> {
            values.forEach((name, value) -> s.otherSettings("index." + name,
                    value == null ? JsonData.of(JsonValue.NULL) : JsonData.of(value)));
            return s;
        }));
    }

    private void writeConditionally(String target, ConsumerRecords<String, byte[]> records) {
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
            try {
                writer.write(target, Projection.fold(parsed), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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

    /** Polls {@code consumer} up to the end offsets it finds now, handing each poll to {@code sink}. */
    private void replayUntilEnd(KafkaConsumer<String, byte[]> consumer,
                                java.util.function.Consumer<ConsumerRecords<String, byte[]>> sink) throws IOException {
        for (ConsumerRecords<String, byte[]> records : untilEnd(consumer)) {
            try {
                sink.accept(records);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    private void progress() {
        long now = System.nanoTime();
        if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
            lastProgress = now;
            double seconds = (now - startNanos) / 1e9;
            log.info(String.format(Locale.ROOT, "Rebuild: %d records replayed in %.0f s, %.0f records/s", replayed,
                    seconds, replayed / seconds));
        }
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
