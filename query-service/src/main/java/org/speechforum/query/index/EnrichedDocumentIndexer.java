package org.speechforum.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.Topics;
import org.speechforum.kafka.DownstreamUnavailable;
import org.speechforum.kafka.PermanentFailure;
import org.speechforum.kafka.PipelineMetrics;
import org.speechforum.kafka.RecordObservations;
import org.speechforum.contracts.ThreadInfo;
import org.speechforum.contracts.Link;
import org.speechforum.query.links.LinkFinder;
import org.speechforum.query.thread.ThreadStats;
import org.speechforum.query.thread.ThreadStore;
import org.speechforum.query.thread.Threader;
import tools.jackson.databind.node.ObjectNode;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * documents.enriched.v1 → Elasticsearch, one bulk request per polled batch, the document id as the
 * Elasticsearch id so a replay overwrites instead of duplicating. The batch's offsets are committed only after
 * every item was written. The bulk answer is checked item by item: items refused for a passing reason (429,
 * 5xx) are retried alone; an item Elasticsearch will never take goes to the dead-letter topic.
 *
 * <p>Threading happens here, where the index (the shared, durable thread state) is owned: each document gets
 * its place from its parent before the write, and subtrees waiting for it are moved after (see
 * {@link Threader} and docs/threading.md).
 */
@Component
class EnrichedDocumentIndexer {

    private static final Logger log = LoggerFactory.getLogger(EnrichedDocumentIndexer.class);
    private static final int ITEM_RETRIES = 5;

    private final ElasticsearchClient client;
    private final DocumentIndex index;
    private final MeterRegistry meters;
    private final Timer bulkLatency;
    private final Threader threader;
    private final LinkFinder links;
    private final RecordObservations observations;

    EnrichedDocumentIndexer(ElasticsearchClient client, DocumentIndex index, MeterRegistry meters,
                            Threader threader, LinkFinder links, RecordObservations observations) {
        this.links = links;
        this.observations = observations;
        this.client = client;
        this.index = index;
        this.meters = meters;
        this.threader = threader;
        this.bulkLatency = Timer.builder("pipeline.index.bulk")
                .description("Time of one bulk request to Elasticsearch")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    private static final String LISTENER = "query-service-indexer";

    @KafkaListener(id = LISTENER, topics = Topics.ENRICHED)
    void onEnrichedDocuments(List<ConsumerRecord<String, byte[]>> records) {
        List<Document> documents = new ArrayList<>(records.size());
        // Kafka tombstones (value null, key = document id; issue 14): deleted from the index, nothing else.
        List<Pending> tombstones = new ArrayList<>();
        List<Integer> positions = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).value() == null) {
                if (records.get(i).key() == null) {
                    throw new BatchListenerFailedException("Tombstone without a key",
                            new PermanentFailure("Tombstone without a document id"), i);
                }
                tombstones.add(new Pending(i, records.get(i).key(), null, true));
                continue;
            }
            positions.add(i);
            Document document = DocumentJson.read(records.get(i).value());
            if (document.id() == null) {
                throw new BatchListenerFailedException("Enriched record has no document id",
                        new PermanentFailure("Enriched document without id"), i);
            }
            String parentId = DocumentIds.parentOf(document);
            if (parentId != null && !parentId.equals(document.parentId())) {
                document = document.toBuilder().parentId(parentId).build();
            }
            documents.add(document);
            // Joins the document's trace, so "follow one document" finds the indexer's log line too.
            String id = document.id();
            observations.observe(LISTENER, records.get(i), () -> log.debug("Indexing {}", id));
        }
        try {
            index.ensureExists();
            Map<String, ThreadInfo> places = threader.place(documents);
            Map<String, List<Link>> found = links.forward(documents);
            List<Pending> pending = new ArrayList<>(tombstones);
            for (int i = 0; i < documents.size(); i++) {
                Document document = documents.get(i);
                List<Link> own = found.get(document.id());
                if (own != null) {
                    List<Link> merged = new ArrayList<>(document.links() == null ? List.of() : document.links());
                    for (String target : own.stream().map(Link::targetId).distinct().toList()) {
                        merged = LinkFinder.merge(merged, target,
                                own.stream().filter(o -> o.targetId().equals(target)).toList());
                    }
                    document = document.toBuilder().links(merged).build();
                }
                pending.add(new Pending(positions.get(i), document.id(),
                        indexJson(document, places.get(document.id())), Boolean.TRUE.equals(document.deleted())));
            }
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                pending = bulk(pending);
                if (!pending.isEmpty()) {
                    if (attempt == ITEM_RETRIES) {
                        throw new DownstreamUnavailable(pending.size() + " documents still refused after "
                                + ITEM_RETRIES + " retries", null);
                    }
                    sleep(200L << attempt);
                }
            }
            threader.afterWrite(places);
            links.reverse(documents);
        } catch (IOException e) {
            throw new DownstreamUnavailable("Elasticsearch is unreachable: " + e.getMessage(), e);
        }
    }

    /** The document as stored: its thread place, and the participant key thread aggregates count. */
    static byte[] indexJson(Document document, ThreadInfo place) {
        ObjectNode json = DocumentJson.mapper().valueToTree(document.toBuilder().thread(null).build());
        if (place != null) {
            json.set("thread", DocumentJson.mapper().valueToTree(ThreadStore.threadMap(place)));
        }
        String participant = ThreadStats.participantKey(document.author());
        if (participant != null) {
            json.put("authorKey", participant);
        }
        return DocumentJson.mapper().writeValueAsBytes(json);
    }

    /** Writes the pending documents and returns those refused for a reason that may pass. */
    private List<Pending> bulk(List<Pending> pending) throws IOException {
        BulkRequest.Builder request = new BulkRequest.Builder().index(index.properties().writeAlias());
        for (Pending p : pending) {
            // A tombstone (ActivityPub Delete) removes the document; deleting a missing one is not an error.
            request.operations(op -> p.tombstone() ? op.delete(d -> d.id(p.id())) : op.index(ix -> ix
                    .id(p.id())
                    .document(BinaryData.of(p.json(), ContentType.APPLICATION_JSON))));
        }
        meters.summary(PipelineMetrics.BULK_SIZE).record(pending.size());
        BulkResponse response;
        Timer.Sample sample = Timer.start(meters);
        try {
            response = client.bulk(request.build());
        } finally {
            sample.stop(bulkLatency);
        }
        List<Pending> retry = new ArrayList<>();
        int written = 0;
        for (int i = 0; i < response.items().size(); i++) {
            BulkResponseItem item = response.items().get(i);
            Pending p = pending.get(i);
            if (item.error() == null || p.tombstone() && item.status() == 404) {
                written++;
            } else if (item.status() == 429 || item.status() >= 500) {
                meters.counter(PipelineMetrics.INDEX_FAILURES, "reason", item.error().type(), "retried", "true")
                        .increment();
                retry.add(p);
            } else {
                meters.counter(PipelineMetrics.INDEX_FAILURES, "reason", item.error().type(), "retried", "false")
                        .increment();
                meters.counter(PipelineMetrics.DOCUMENTS_INDEXED).increment(written);
                log.warn("Elasticsearch refused document {}: {}", p.id(), item.error().reason());
                throw new BatchListenerFailedException("Elasticsearch refused document " + p.id(),
                        new PermanentFailure(item.error().type() + ": " + item.error().reason()), p.offsetInBatch());
            }
        }
        meters.counter(PipelineMetrics.DOCUMENTS_INDEXED).increment(written);
        return retry;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownstreamUnavailable("Interrupted between bulk retries", e);
        }
    }

    private record Pending(int offsetInBatch, String id, byte[] json, boolean tombstone) {
    }
}
