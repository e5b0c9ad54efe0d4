package org.speechforum.enrich.threads;

import org.speechforum.enrich.store.OwnedIndex;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.kafka.DownstreamUnavailable;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The thread state in an Elasticsearch index that enrich-service owns ({@code enrich.threads.index}, one
 * entry per document, keyed by document id): real-time {@code mget}, writes conditional on
 * {@code if_seq_no}/{@code if_primary_term} (or {@code create} for a new entry), searches after refresh. No
 * scripts, no update-by-query.
 */
public class ElasticThreadState implements ThreadState {

    private static final String MAPPINGS = "/elasticsearch/thread-state-mappings.json";
    private static final int PAGE = 10_000;
    private static final int STATS_SLICE = 200;
    /** Participant counts are exact up to this many per thread, approximate (within a few %) above. */
    private static final int PARTICIPANTS_EXACT_UP_TO = 1_000;

    private final ElasticsearchClient client;
    private final String index;
    private final OwnedIndex owned;

    public ElasticThreadState(ElasticsearchClient client, String index) {
        this.client = client;
        this.index = index;
        this.owned = new OwnedIndex(client, index, MAPPINGS, "Thread state");
    }

    public String index() {
        return index;
    }

    /** Creates the index with its mappings when missing; idempotent. */
    public void ensureExists() throws IOException {
        owned.ensureExists();
    }

    @Override
    public Map<String, Stored> get(Collection<String> ids) throws IOException {
        Map<String, Stored> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        ensureExists();
        MgetResponse<ObjectNode> response = client.mget(m -> m.index(index).ids(List.copyOf(ids)).realtime(true),
                ObjectNode.class);
        for (MultiGetResponseItem<ObjectNode> item : response.docs()) {
            if (item.isResult() && item.result().found() && item.result().source() != null) {
                var r = item.result();
                ThreadNode node = DocumentJson.mapper().treeToValue(r.source(), ThreadNode.class);
                found.put(r.id(), new Stored(node, r.version(), r.seqNo(), r.primaryTerm()));
            }
        }
        return found;
    }

    @Override
    public Map<String, Stored> write(List<Write> writes) throws IOException {
        Map<String, Stored> written = new LinkedHashMap<>();
        if (writes.isEmpty()) {
            return written;
        }
        ensureExists();
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(index);
        for (Write w : writes) {
            BinaryData json = BinaryData.of(DocumentJson.mapper().writeValueAsBytes(w.node()),
                    ContentType.APPLICATION_JSON);
            if (w.expected() == null) {
                bulk.operations(op -> op.create(c -> c.id(w.node().id()).document(json)));
            } else {
                bulk.operations(op -> op.index(ix -> ix.id(w.node().id()).document(json)
                        .ifSeqNo(w.expected().seqNo()).ifPrimaryTerm(w.expected().primaryTerm())));
            }
        }
        BulkResponse response = client.bulk(bulk.build());
        for (int i = 0; i < response.items().size(); i++) {
            BulkResponseItem item = response.items().get(i);
            Write w = writes.get(i);
            if (item.error() == null) {
                written.put(w.node().id(), new Stored(w.node(), item.version() == null ? 0 : item.version(),
                        item.seqNo() == null ? -1 : item.seqNo(), item.primaryTerm() == null ? 0 : item.primaryTerm()));
            } else if (item.status() == 409) {
                continue; // changed since read: the threader reads it again
            } else if (item.status() == 429 || item.status() >= 500) {
                throw new DownstreamUnavailable("Thread state write refused for " + item.id() + ": "
                        + item.error().reason(), null);
            } else {
                throw new IllegalStateException("Thread state write of " + item.id() + " refused: "
                        + item.error().type() + ": " + item.error().reason());
            }
        }
        return written;
    }

    @Override
    public void refresh() throws IOException {
        ensureExists();
        client.indices().refresh(r -> r.index(index));
    }

    @Override
    public List<String> children(Collection<String> parentIds) throws IOException {
        List<String> out = new ArrayList<>();
        if (parentIds.isEmpty()) {
            return out;
        }
        Query query = Query.of(q -> q.terms(t -> t.field("parentId")
                .terms(v -> v.value(parentIds.stream().map(FieldValue::of).toList()))));
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> from = after;
            SearchResponse<Void> response = client.search(s -> {
                s.index(index).size(PAGE).query(query).source(src -> src.fetch(false))
                        .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)));
                if (from != null) {
                    s.searchAfter(from);
                }
                return s;
            }, Void.class);
            List<Hit<Void>> hits = response.hits().hits();
            hits.forEach(h -> out.add(h.id()));
            if (hits.size() < PAGE) {
                return out;
            }
            after = hits.getLast().sort();
        }
    }

    @Override
    public Map<String, ThreadNode.Aggregates> aggregates(Collection<String> rootIds) throws IOException {
        Map<String, ThreadNode.Aggregates> out = new HashMap<>();
        List<String> all = new ArrayList<>(rootIds);
        for (int from = 0; from < all.size(); from += STATS_SLICE) {
            List<String> slice = all.subList(from, Math.min(all.size(), from + STATS_SLICE));
            SearchResponse<Void> response = client.search(s -> s.index(index).size(0)
                    .query(q -> q.terms(t -> t.field("thread.rootId")
                            .terms(v -> v.value(slice.stream().map(FieldValue::of).toList()))))
                    .aggregations("roots", a -> a.terms(t -> t.field("thread.rootId").size(slice.size()))
                            .aggregations("participants", p -> p.cardinality(c -> c.field("authorKey")
                                    .precisionThreshold(PARTICIPANTS_EXACT_UP_TO)))
                            .aggregations("last", l -> l.max(m -> m.field("publishedAt")))
                            .aggregations("replies", r -> r.filter(f -> f.range(g -> g.number(n -> n
                                    .field("thread.depth").gte(1.0)))))), Void.class);
            for (StringTermsBucket b : response.aggregations().get("roots").sterms().buckets().array()) {
                Aggregate last = b.aggregations().get("last");
                Double lastMillis = last.max().value();
                Instant lastAt = lastMillis == null || !Double.isFinite(lastMillis) ? null
                        : Instant.ofEpochMilli(lastMillis.longValue());
                out.put(b.key().stringValue(), new ThreadNode.Aggregates(
                        b.aggregations().get("replies").filter().docCount(),
                        b.aggregations().get("participants").cardinality().value(), lastAt));
            }
        }
        return out;
    }
}
