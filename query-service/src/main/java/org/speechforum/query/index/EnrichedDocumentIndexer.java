package org.speechforum.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.ThreadRecord;
import org.speechforum.contracts.Topics;
import org.speechforum.kafka.DownstreamUnavailable;
import org.speechforum.kafka.PermanentFailure;
import org.speechforum.kafka.RecordObservations;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * documents.enriched.v1 and documents.threads.v1 → Elasticsearch: the index is a projection of the two topics.
 * One listener takes both (same key, same partition count, so one consumer sees all records of a document);
 * per batch, {@link ProjectionWriter} writes each document's latest body with its newest thread state, and
 * thread records alone as partial updates, ignoring records older than what is stored. Links (DISCUSSES /
 * QUOTES) come on the bodies and, reverse ones included, on the thread records; nothing is searched here. Threading itself is
 * decided in enrich-service (docs/threading.md). The batch's offsets are committed only after every item was
 * written; an item Elasticsearch will never take goes to the dead-letter topic.
 */
@Component
class EnrichedDocumentIndexer {

    private static final Logger log = LoggerFactory.getLogger(EnrichedDocumentIndexer.class);
    private static final String LISTENER = "query-service-indexer";

    private final DocumentIndex index;
    private final ProjectionWriter writer;
    private final RecordObservations observations;
    private final List<IndexedBodiesListener> listeners;

    EnrichedDocumentIndexer(ElasticsearchClient client, DocumentIndex index, MeterRegistry meters,
                            RecordObservations observations, List<IndexedBodiesListener> listeners) {
        this.index = index;
        this.observations = observations;
        this.listeners = List.copyOf(listeners);
        Timer bulkLatency = Timer.builder("pipeline.index.bulk")
                .description("Time of one bulk request to Elasticsearch")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.writer = new ProjectionWriter(client, meters, bulkLatency);
    }

    @KafkaListener(id = LISTENER, topics = {Topics.ENRICHED, Topics.THREADS})
    void onRecords(List<ConsumerRecord<String, byte[]>> records) {
        List<Object> parsed = new ArrayList<>(records.size());
        Map<String, Integer> offsetOf = new java.util.HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            if (record.value() == null) {
                // A Kafka tombstone (value null, key = document id) on the enriched topic deletes the document;
                // on the threads topic it is compaction's, with nothing to project.
                if (Topics.ENRICHED.equals(record.topic())) {
                    if (record.key() == null) {
                        throw new BatchListenerFailedException("Tombstone without a key",
                                new PermanentFailure("Tombstone without a document id"), i);
                    }
                    parsed.add(tombstone(record.key()));
                    offsetOf.put(record.key(), i);
                }
                continue;
            }
            Object value = read(record, i);
            String id = value instanceof Document d ? d.id() : ((ThreadRecord) value).documentId();
            offsetOf.put(id, i);
            parsed.add(value);
            if (value instanceof Document) {
                // Joins the document's trace, so "follow one document" finds the indexer's log line too.
                observations.observe(LISTENER, record, () -> log.debug("Indexing {}", id));
            }
        }
        try {
            index.ensureExists();
            List<tools.jackson.databind.node.ObjectNode> written = new ArrayList<>();
            writer.write(index.properties().writeAlias(), Projection.fold(parsed), offsetOf, written::add);
            if (!written.isEmpty()) {
                // E.g. watches (docs/watches.md): before the offsets are committed, so nothing is told too late.
                listeners.forEach(l -> l.indexed(written));
            }
        } catch (IOException e) {
            throw new DownstreamUnavailable("Elasticsearch is unreachable: " + e.getMessage(), e);
        }
    }

    private static Object read(ConsumerRecord<String, byte[]> record, int i) {
        if (Topics.THREADS.equals(record.topic())) {
            ThreadRecord thread = DocumentJson.mapper().readValue(record.value(), ThreadRecord.class);
            if (thread.documentId() == null) {
                throw new BatchListenerFailedException("Thread record has no document id",
                        new PermanentFailure("Thread record without document id"), i);
            }
            return thread;
        }
        Document document = DocumentJson.read(record.value());
        if (document.id() == null) {
            throw new BatchListenerFailedException("Enriched record has no document id",
                    new PermanentFailure("Enriched document without id"), i);
        }
        return document;
    }

    /** A deletion as {@link Projection} folds it: the document's id, marked deleted. */
    static Document tombstone(String id) {
        return Document.builder().id(id).deleted(true).build();
    }
}
