package org.speechforum.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.kafka.DownstreamUnavailable;
import org.speechforum.kafka.PermanentFailure;
import org.speechforum.kafka.PipelineMetrics;
import org.springframework.kafka.listener.BatchListenerFailedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a folded batch ({@link Projection}) into an index: one real-time {@code mget} of what is stored, one
 * bulk of conditional writes ({@code if_seq_no}/{@code if_primary_term}, or {@code create}); items that met a
 * concurrent write (409) are read and decided again, items refused for a passing reason (429, 5xx) retried.
 * Used by the live indexer and by {@link Reindexer}.
 */
public class ProjectionWriter {

    private static final Logger log = LoggerFactory.getLogger(ProjectionWriter.class);
    private static final int ROUNDS = 8;
    private static final List<String> STORED_FIELDS = List.of("kind", "thread", "threadVersion", "links");

    private final ElasticsearchClient client;
    private final MeterRegistry meters;
    private final Timer bulkLatency;
    private long skipped;

    public ProjectionWriter(ElasticsearchClient client, MeterRegistry meters, Timer bulkLatency) {
        this.client = client;
        this.meters = meters;
        this.bulkLatency = bulkLatency;
    }

    /**
     * @param offsetOf batch position of each document's last record, to name the record a permanent refusal
     *                 dead-letters; null for the reindex, which skips such a document (the live indexer
     *                 dead-lettered it too, the old index never had it) and counts it in {@link #skipped()}
     * @return how many documents' bodies were written
     */
    public int write(String target, Map<String, Projection.Intent> intents, Map<String, Integer> offsetOf)
            throws IOException {
        return write(target, intents, offsetOf, body -> { });
    }

    /** As {@link #write(String, Map, Map)}, handing each document body written to {@code written}. */
    public int write(String target, Map<String, Projection.Intent> intents, Map<String, Integer> offsetOf,
                     java.util.function.Consumer<ObjectNode> written) throws IOException {
        Map<String, Projection.Intent> pending = new LinkedHashMap<>(intents);
        int bodies = 0;
        for (int round = 0; !pending.isEmpty(); round++) {
            beforeRound(round, pending.size(), "conflicts or refusals");
            Map<String, Projection.Stored> stored = stored(target, pending.keySet());
            List<Projection.Op> ops = new ArrayList<>();
            for (Map.Entry<String, Projection.Intent> e : pending.entrySet()) {
                Projection.Op op = Projection.decide(e.getKey(), e.getValue(), stored.get(e.getKey()));
                if (op != null) {
                    ops.add(op);
                }
            }
            Map<String, Projection.Intent> again = new LinkedHashMap<>();
            if (!ops.isEmpty()) {
                BulkResponse response = bulk(target, ops);
                for (int i = 0; i < response.items().size(); i++) {
                    BulkResponseItem item = response.items().get(i);
                    Projection.Op op = ops.get(i);
                    if (item.error() == null || op instanceof Projection.Delete && item.status() == 404) {
                        if (op instanceof Projection.Put put) {
                            bodies++;
                            written.accept(put.json());
                        }
                    } else if (item.status() == 409 || item.status() == 429 || item.status() >= 500) {
                        meters.counter(PipelineMetrics.INDEX_FAILURES, "reason", item.error().type(),
                                "retried", "true").increment();
                        again.put(op.id(), pending.get(op.id()));
                    } else {
                        meters.counter(PipelineMetrics.INDEX_FAILURES, "reason", item.error().type(),
                                "retried", "false").increment();
                        log.warn("Elasticsearch refused document {}: {}", op.id(), item.error().reason());
                        PermanentFailure cause = new PermanentFailure(item.error().type() + ": "
                                + item.error().reason());
                        if (offsetOf == null) {
                            skipped++;
                            continue;
                        }
                        if (!offsetOf.containsKey(op.id())) {
                            throw cause;
                        }
                        meters.counter(PipelineMetrics.DOCUMENTS_INDEXED).increment(bodies);
                        throw new BatchListenerFailedException("Elasticsearch refused document " + op.id(), cause,
                                offsetOf.get(op.id()));
                    }
                }
            }
            pending = again;
        }
        meters.counter(PipelineMetrics.DOCUMENTS_INDEXED).increment(bodies);
        return bodies;
    }

    /** Documents the reindex skipped because Elasticsearch refused them for good. */
    public long skipped() {
        return skipped;
    }

    private Map<String, Projection.Stored> stored(String target, java.util.Collection<String> ids) throws IOException {
        return stored(client, target, ids);
    }

    /**
     * What {@code target} holds of {@code ids} that a projection decision needs (stub or body, thread version and
     * place, links, the version to write against), read in real time; ids it does not hold are absent.
     */
    static Map<String, Projection.Stored> stored(ElasticsearchClient client, String target,
                                                 java.util.Collection<String> ids) throws IOException {
        Map<String, Projection.Stored> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        MgetResponse<ObjectNode> response = client.mget(m -> m.index(target).ids(List.copyOf(ids))
                .sourceIncludes(STORED_FIELDS).realtime(true), ObjectNode.class);
        for (MultiGetResponseItem<ObjectNode> item : response.docs()) {
            if (item.isResult() && item.result().found()) {
                var r = item.result();
                ObjectNode source = r.source() == null ? DocumentJson.mapper().createObjectNode() : r.source();
                JsonNode version = source.get("threadVersion");
                out.put(r.id(), new Projection.Stored(source.get("kind") == null || source.get("kind").isNull(),
                        version == null || version.isNull() ? null : version.asLong(), source.get("thread"),
                        r.seqNo() == null ? -1 : r.seqNo(), r.primaryTerm() == null ? 0 : r.primaryTerm(),
                        source.get("links")));
            }
        }
        return out;
    }

    private BulkResponse bulk(String target, List<Projection.Op> ops) throws IOException {
        BulkRequest.Builder request = new BulkRequest.Builder().index(target);
        for (Projection.Op op : ops) {
            switch (op) {
                case Projection.Delete d -> request.operations(o -> o.delete(x -> x.id(d.id())));
                case Projection.Put p -> {
                    BinaryData json = BinaryData.of(DocumentJson.mapper().writeValueAsBytes(p.json()),
                            ContentType.APPLICATION_JSON);
                    if (p.expected() == null) {
                        request.operations(o -> o.create(x -> x.id(p.id()).document(json)));
                    } else {
                        request.operations(o -> o.index(x -> x.id(p.id()).document(json)
                                .ifSeqNo(p.expected().seqNo()).ifPrimaryTerm(p.expected().primaryTerm())));
                    }
                }
                case Projection.PutThread t -> {
                    if (t.expected() == null) {
                        BinaryData json = BinaryData.of(DocumentJson.mapper().writeValueAsBytes(t.partial()),
                                ContentType.APPLICATION_JSON);
                        request.operations(o -> o.create(x -> x.id(t.id()).document(json)));
                    } else {
                        request.operations(o -> o.update(u -> u.id(t.id())
                                .ifSeqNo(t.expected().seqNo()).ifPrimaryTerm(t.expected().primaryTerm())
                                .action(a -> a.doc(t.partial()))));
                    }
                }
            }
        }
        meters.summary(PipelineMetrics.BULK_SIZE).record(ops.size());
        Timer.Sample sample = Timer.start(meters);
        try {
            return client.bulk(request.build());
        } finally {
            sample.stop(bulkLatency);
        }
    }

    /**
     * Before write round {@code round} of a batch (0 first): gives up after {@link #ROUNDS} rounds with
     * {@code unwritten} documents left, and backs off between rounds (100 ms doubling to 1.6 s).
     */
    static void beforeRound(int round, int unwritten, String why) {
        if (round == ROUNDS) {
            throw new DownstreamUnavailable(unwritten + " documents still not written after " + ROUNDS
                    + " rounds (" + why + ")", null);
        }
        if (round > 0) {
            sleep(50L << Math.min(round, 5));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownstreamUnavailable("Interrupted between bulk retries", e);
        }
    }
}
