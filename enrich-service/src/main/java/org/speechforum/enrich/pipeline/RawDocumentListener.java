package org.speechforum.enrich.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.ThreadRecord;
import org.speechforum.contracts.Topics;
import org.speechforum.enrich.entities.ThreadMemory;
import org.speechforum.enrich.links.LinkFinder;
import org.speechforum.kafka.DownstreamUnavailable;
import org.speechforum.kafka.PipelineMetrics;
import org.speechforum.kafka.RecordObservations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * documents.raw.v1 → enrich and thread → documents.enriched.v1 and documents.threads.v1. The batch's offsets are committed when this method
 * returns, which is only after Kafka acknowledged every enriched document and thread record; a record that cannot be enriched is
 * reported by index, so the error handler commits the ones before it and retries, then dead-letters, just it.
 */
@Component
public class RawDocumentListener {

    private final DocumentEnricher enricher;
    private final ExecutorService taggingPool;
    private final KafkaTemplate<String, byte[]> kafka;
    private final MeterRegistry meters;
    private final RecordObservations observations;
    private final DocumentThreading threading;
    private final DocumentLinking linking;
    /** Where each batch's link lookups run beside its tagging (virtual threads: they mostly wait for Elasticsearch). */
    private final ExecutorService linkingThreads = java.util.concurrent.Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("linking-", 0).factory());

    RawDocumentListener(DocumentEnricher enricher, ExecutorService taggingPool, KafkaTemplate<String, byte[]> kafka,
                        MeterRegistry meters, RecordObservations observations, DocumentThreading threading,
                        DocumentLinking linking) {
        this.threading = threading;
        this.linking = linking;
        this.enricher = enricher;
        this.taggingPool = taggingPool;
        this.kafka = kafka;
        this.meters = meters;
        this.observations = observations;
    }

    private static final String LISTENER = "enrich-service";
    private static final Logger log = LoggerFactory.getLogger(RawDocumentListener.class);

    @KafkaListener(id = LISTENER, topics = Topics.RAW)
    void onRawDocuments(List<ConsumerRecord<String, byte[]>> records) {
        enrichAndPublish(records);
    }

    /**
     * Enriches, links and threads raw records and publishes the results, returning once Kafka acknowledged them all:
     * the listener's work, and {@code bin/retag}'s, which replays documents.raw.v1 through it (see retag.Retagger).
     *
     * @throws BatchListenerFailedException for the first record that cannot be enriched (the ones before it went out)
     * @throws DownstreamUnavailable        when Kafka or Elasticsearch does not answer
     */
    public void enrichAndPublish(List<ConsumerRecord<String, byte[]>> records) {
        // The names the batch's threads used above it, from the thread state in one read: what entity tagging
        // links a reply's bare surname to, whichever instance tagged the parent (entities.ThreadMemory).
        List<Document> raw = new ArrayList<>(records.size());
        List<RuntimeException> unreadable = new ArrayList<>(records.size());
        java.util.Set<String> parentIds = new java.util.LinkedHashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                Document d = DocumentJson.read(record.value());
                raw.add(d);
                unreadable.add(null);
                if (d.parentId() != null) {
                    parentIds.add(d.parentId());
                }
            } catch (RuntimeException e) {
                raw.add(null);
                unreadable.add(e);
            }
        }
        // Link lookups start first, on their own thread, and run beside the thread-memory read and the tagging:
        // link keys and quote offsets only need the ids and normalised texts (DocumentEnricher.linkView), so the
        // link index's write, refresh and searches do not wait for tags.
        List<Document> views = new ArrayList<>(records.size());
        for (Document d : raw) {
            Document view = d == null ? null : enricher.linkView(d);
            if (view != null) {
                views.add(view);
            }
        }
        CompletableFuture<LinkFinder.Found> links = CompletableFuture.supplyAsync(() -> linking.find(views),
                linkingThreads);
        ThreadMemory memory;
        try {
            memory = threading.memory(parentIds);
        } catch (RuntimeException e) {
            links.handle((x, t) -> null).join();
            throw e;
        }
        // Tag the batch on the bounded pool (one thread per core), then publish in order. A reply whose parent
        // is earlier in the batch waits for the parent's tagging, so it reads what the parent left.
        List<CompletableFuture<Document>> tagged = new ArrayList<>(records.size());
        Map<String, CompletableFuture<Document>> byId = new java.util.HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            Document d = raw.get(i);
            if (d == null) {
                tagged.add(CompletableFuture.failedFuture(unreadable.get(i)));
                continue;
            }
            // Inside the record's trace: its logs carry the trace id and pipeline.record.process times enrichment.
            java.util.function.Supplier<Document> task = () -> observations.observe(LISTENER, record, () -> {
                Document enriched = enricher.enrich(d, memory);
                log.debug("Enriched {} ({} entities)", enriched.id(),
                        enriched.entities() == null ? 0 : enriched.entities().size());
                return enriched;
            });
            CompletableFuture<Document> parent = d.parentId() == null ? null : byId.get(d.parentId());
            CompletableFuture<Document> f = parent == null ? CompletableFuture.supplyAsync(task, taggingPool)
                    : parent.handle((p, e) -> null).thenApplyAsync(x -> task.get(), taggingPool);
            tagged.add(f);
            if (d.id() != null) {
                byId.put(d.id(), f);
            }
        }
        LinkFinder.Found found;
        try {
            found = links.join();
        } catch (CompletionException e) {
            // Rethrown once the batch's tagging is over, so a redelivery does not tag beside its leftovers.
            CompletableFuture.allOf(tagged.toArray(CompletableFuture[]::new)).handle((x, t) -> null).join();
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        List<Document> enriched = new ArrayList<>(records.size());
        BatchListenerFailedException failure = null;
        for (int i = 0; i < records.size(); i++) {
            try {
                enriched.add(tagged.get(i).join());
            } catch (CompletionException ce) {
                RuntimeException e = ce.getCause() instanceof RuntimeException re ? re : ce;
                // Malformed JSON and documents that can never be enriched (PermanentFailure, e.g. no id) are
                // dead-lettered at once; anything else gets bounded retries. The ones before it go through.
                failure = new BatchListenerFailedException("Cannot enrich " + records.get(i).key(), e, i);
                break;
            }
        }
        // Links first: forward links go on the documents themselves; reverse links (a speech of this batch that
        // earlier forum documents discuss) go into those documents' thread-state entries, so they travel on
        // documents.threads.v1 in the same version sequence as the place.
        DocumentLinking.Linked linked = linking.apply(enriched, found);
        enriched = linked.documents();
        // Thread the batch against the shared thread state before anything is published: the records say where
        // each document sits (and what moved because of it), versioned, for documents.threads.v1.
        Map<String, ThreadRecord> threads = new java.util.LinkedHashMap<>(threading.thread(enriched,
                memory.remembered()));
        threading.link(linked.reverse()).forEach((id, r) -> threads.merge(id, r,
                (a, b) -> b.version() >= a.version() ? b : a));
        List<CompletableFuture<?>> sends = new ArrayList<>(enriched.size() + threads.size());
        for (int i = 0; i < enriched.size(); i++) {
            Document toSend = enriched.get(i);
            meters.summary(PipelineMetrics.ENTITIES_PER_DOCUMENT)
                    .record(toSend.entities() == null ? 0 : toSend.entities().size());
            // Sent from this thread, in batch order, so two versions of a document keep their order; the
            // observation puts the record's trace context into the enriched record's headers.
            // A deletion (ingest's deleted=true marker) goes on the compacted topic as a Kafka tombstone: value
            // null, key = id. Compaction then drops every earlier version of the document, and a sink that
            // honours tombstones (query-service, a Kafka Connect sink) deletes it.
            byte[] value = Boolean.TRUE.equals(toSend.deleted()) ? null : DocumentJson.write(toSend);
            sends.add(observations.observe(LISTENER + "-publish", records.get(i),
                    () -> kafka.send(Topics.ENRICHED, toSend.id(), value)));
        }
        for (ThreadRecord record : threads.values()) {
            sends.add(kafka.send(Topics.THREADS, record.documentId(), DocumentJson.mapper().writeValueAsBytes(record)));
        }
        awaitAll(sends);
        // What another instance changed meanwhile may have been appended before our older records: publish
        // the newer versions again, so the last record per document on the compacted topic is its newest.
        for (Map<String, ThreadRecord> newer = threading.newer(threads); !newer.isEmpty();
             newer = threading.newer(newer)) {
            List<CompletableFuture<?>> again = new ArrayList<>(newer.size());
            newer.values().forEach(r -> again.add(kafka.send(Topics.THREADS, r.documentId(),
                    DocumentJson.mapper().writeValueAsBytes(r))));
            awaitAll(again);
        }
        meters.counter(PipelineMetrics.DOCUMENTS_ENRICHED).increment(enriched.size());
        if (failure != null) {
            throw failure;
        }
    }

    private static void awaitAll(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            throw new DownstreamUnavailable("Kafka did not acknowledge enriched documents", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownstreamUnavailable("Interrupted while publishing enriched documents", e);
        }
    }
}
