package org.speechforum.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.ThreadRecord;
import org.speechforum.contracts.Topics;
import org.speechforum.kafka.DownstreamUnavailable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the rebuild into an index the {@link Reindexer} has just created and that nothing else writes yet (no
 * alias points at it), so the live {@link ProjectionWriter}'s read-before-every-write is not needed to keep order.
 * Two ways, which {@link Reindexer} chooses:
 * <ul>
 *   <li>one write per document: {@link #merged} writes each body together with its document's newest thread
 *       record (read by the caller from the co-partitioned threads topic) with a plain {@code index}, reading
 *       nothing; {@link #stubs} then writes the records of documents with no body as stubs ({@code id},
 *       {@code thread}, {@code threadVersion}, {@code links}) under Elasticsearch's <em>external</em> versioning
 *       at the record's version;</li>
 *   <li>two writes (the fallback): {@link #threads} writes every thread record as an externally versioned stub,
 *       so a record older than (or as old as) the stored one is refused by Elasticsearch itself (409, ignored)
 *       and the highest version wins whatever order the records and the bulks in flight come in; then
 *       {@link #bodies} merges each body by {@link Projection#decide} with the stub read back in one {@code mget}
 *       per bulk and replaces it with a plain {@code index}; a tombstone deletes.</li>
 * </ul>
 * Each document is so indexed in full once (on the fallback, plus its small stub), which is what makes the
 * rebuild run close to a raw bulk. Records are spread over {@code lanes} by key (the document id), each lane with one bulk in flight:
 * all records of a document go through one lane in log order, so a later body always lands after an earlier one
 * and (on the fallback) a bulk's read sees every earlier write of its documents; within a bulk the records are folded per document
 * first ({@link Projection#fold}).
 */
final class FreshIndexWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FreshIndexWriter.class);

    private final ElasticsearchClient client;
    private final String target;
    private final int bulkSize;
    private final ExecutorService executor;
    private final List<List<Item>> buffers = new ArrayList<>();
    private final List<CompletableFuture<Void>> inFlight = new ArrayList<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private boolean bodiesStarted;

    /**
     * One document's write in a lane: a record of either topic, and/or a thread record already read (the body's
     * own in {@link #merged}, or a stub's in {@link #stubs}); {@code readStored}: merge with what the index holds
     * (one {@code mget} for the bulk).
     */
    private record Item(ConsumerRecord<String, byte[]> record, ThreadRecord thread, boolean readStored) {
    }

    FreshIndexWriter(ElasticsearchClient client, String target, int bulkSize, int lanes) {
        if (bulkSize < 1 || lanes < 1) {
            throw new IllegalArgumentException("bulk size and lanes must be at least 1");
        }
        this.client = client;
        this.target = target;
        this.bulkSize = bulkSize;
        this.executor = Executors.newFixedThreadPool(lanes, r -> {
            Thread t = new Thread(r, "reindex-bulk");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < lanes; i++) {
            buffers.add(new ArrayList<>(bulkSize));
            inFlight.add(CompletableFuture.completedFuture(null));
        }
    }

    /** Phase 1 of the two-write path: records of {@code documents.threads.v1}; none may come after the first body. */
    void threads(Iterable<ConsumerRecord<String, byte[]>> records) {
        if (bodiesStarted) {
            throw new IllegalStateException("thread records after bodies would overwrite bodies with stubs");
        }
        for (ConsumerRecord<String, byte[]> record : records) {
            add(record, null, false);
        }
    }

    /** Phase 2 of the two-write path: records of {@code documents.enriched.v1} (a null value is a tombstone). */
    void bodies(Iterable<ConsumerRecord<String, byte[]>> records) {
        if (!bodiesStarted) {
            // The stubs must all be stored before the first body reads them.
            flush();
            bodiesStarted = true;
        }
        for (ConsumerRecord<String, byte[]> record : records) {
            add(record, null, true);
        }
    }

    /**
     * The one-write path: a record of {@code documents.enriched.v1} together with its document's newest thread
     * record ({@code thread}, null if it has none), written once, without reading the index.
     */
    void merged(ConsumerRecord<String, byte[]> record, ThreadRecord thread) {
        add(record, thread, false);
    }

    /** Thread records (already read, newest per document) of documents with no body: stubs, externally versioned. */
    void stubs(Iterable<ThreadRecord> records) {
        for (ThreadRecord thread : records) {
            add(null, thread, false);
        }
    }

    /** Sends what is buffered and waits for every bulk in flight. */
    void flush() {
        for (int lane = 0; lane < buffers.size(); lane++) {
            send(lane);
        }
        for (CompletableFuture<Void> f : inFlight) {
            await(f);
        }
    }

    /** Drops what is buffered and waits for the bulks in flight, whatever their outcome. */
    void abandon() {
        buffers.forEach(List::clear);
        for (CompletableFuture<Void> f : inFlight) {
            try {
                f.join();
            } catch (CompletionException e) {
                log.debug("A bulk of the abandoned rebuild failed", e);
            }
        }
    }

    /** Documents (stubs, bodies, deletions) Elasticsearch took, counting each write. */
    long written() {
        return written.get();
    }

    /** Documents Elasticsearch refused for good (mapping errors): skipped, as the live indexer dead-letters them. */
    long skipped() {
        return skipped.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void add(ConsumerRecord<String, byte[]> record, ThreadRecord thread, boolean readStored) {
        String key;
        if (record != null) {
            key = record.key();
            if (key == null && record.value() == null) {
                return;
            }
            if (key == null) {
                key = idOf(record);
            }
        } else {
            key = thread.documentId();
        }
        int lane = Math.floorMod(key.hashCode(), buffers.size());
        List<Item> buffer = buffers.get(lane);
        buffer.add(new Item(record, thread, readStored));
        if (buffer.size() >= bulkSize) {
            send(lane);
        }
    }

    /** Hands the lane's buffer to the lane once its previous bulk is done (one bulk in flight per lane). */
    private void send(int lane) {
        List<Item> batch = buffers.get(lane);
        if (batch.isEmpty()) {
            return;
        }
        buffers.set(lane, new ArrayList<>(bulkSize));
        await(inFlight.get(lane));
        inFlight.set(lane, CompletableFuture.runAsync(() -> write(batch), executor));
    }

    private static void await(CompletableFuture<Void> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static String idOf(ConsumerRecord<String, byte[]> record) {
        Object parsed = parse(record);
        return parsed instanceof Document d ? d.id() : parsed instanceof ThreadRecord t ? t.documentId() : "";
    }

    /** A body, a tombstone (as {@link EnrichedDocumentIndexer#tombstone}), a thread record, or null to skip. */
    private static Object parse(ConsumerRecord<String, byte[]> record) {
        boolean threads = Topics.THREADS.equals(record.topic());
        if (record.value() == null) {
            // On the threads topic a null value is compaction's, with nothing to project.
            return threads || record.key() == null ? null : EnrichedDocumentIndexer.tombstone(record.key());
        }
        if (threads) {
            ThreadRecord thread = DocumentJson.mapper().readValue(record.value(), ThreadRecord.class);
            return thread.documentId() == null ? null : thread;
        }
        Document document = DocumentJson.read(record.value());
        return document.id() == null ? null : document;
    }

    private void write(List<Item> batch) {
        List<Object> parsed = new ArrayList<>(batch.size() * 2);
        Set<String> read = new HashSet<>();
        for (Item item : batch) {
            // The thread record before the body: the fold keeps the newest thread record and the last body.
            if (item.thread() != null) {
                parsed.add(item.thread());
            }
            if (item.record() != null) {
                Object value = parse(item.record());
                if (value != null) {
                    parsed.add(value);
                    if (item.readStored()) {
                        read.add(value instanceof Document d ? d.id() : ((ThreadRecord) value).documentId());
                    }
                }
            }
        }
        Map<String, Projection.Intent> intents = Projection.fold(parsed);
        try {
            // Only the two-write path's bodies read what is stored (their stubs); the others write blind.
            Map<String, Projection.Stored> stored = read.isEmpty() ? Map.of()
                    : ProjectionWriter.stored(client, target, read);
            List<BulkOperation> ops = new ArrayList<>(intents.size());
            for (Map.Entry<String, Projection.Intent> e : intents.entrySet()) {
                BulkOperation op = operation(e.getKey(), e.getValue(), stored.get(e.getKey()));
                if (op != null) {
                    ops.add(op);
                }
            }
            bulk(ops);
        } catch (IOException e) {
            throw new DownstreamUnavailable("Elasticsearch is unreachable: " + e.getMessage(), e);
        }
    }

    private BulkOperation operation(String id, Projection.Intent intent, Projection.Stored stored) {
        Projection.Op op = Projection.decide(id, intent, stored);
        return switch (op) {
            case null -> null;
            case Projection.Delete d -> BulkOperation.of(o -> o.delete(x -> x.index(target).id(d.id())));
            case Projection.Put p -> {
                BinaryData json = BinaryData.of(DocumentJson.mapper().writeValueAsBytes(p.json()),
                        ContentType.APPLICATION_JSON);
                yield BulkOperation.of(o -> o.index(x -> x.index(target).id(p.id()).document(json)));
            }
            case Projection.PutThread t -> {
                // Only for a document with no body written (a stub is the whole document): externally versioned.
                BinaryData json = BinaryData.of(DocumentJson.mapper().writeValueAsBytes(t.partial()),
                        ContentType.APPLICATION_JSON);
                long version = intent.thread().version();
                yield BulkOperation.of(o -> o.index(x -> x.index(target).id(t.id()).document(json)
                        .version(version).versionType(VersionType.External)));
            }
        };
    }

    private void bulk(List<BulkOperation> ops) throws IOException {
        for (int round = 0; !ops.isEmpty(); round++) {
            ProjectionWriter.beforeRound(round, ops.size(), "refusals");
            List<BulkOperation> sent = ops;
            BulkResponse response = client.bulk(BulkRequest.of(b -> b.operations(sent)));
            List<BulkOperation> again = new ArrayList<>();
            for (int i = 0; i < response.items().size(); i++) {
                BulkResponseItem item = response.items().get(i);
                BulkOperation op = ops.get(i);
                if (item.error() == null || op.isDelete() && item.status() == 404) {
                    written.incrementAndGet();
                } else if (item.status() == 409 && op.isIndex() && op.index().versionType() == VersionType.External) {
                    // A stub of this document at the same or a higher version is already stored: nothing to do.
                    continue;
                } else if (item.status() == 429 || item.status() >= 500) {
                    again.add(op);
                } else {
                    log.warn("Elasticsearch refused document {} in the rebuild: {}", item.id(),
                            item.error().reason());
                    skipped.incrementAndGet();
                }
            }
            ops = again;
        }
    }
}
