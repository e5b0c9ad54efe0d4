package org.speechforum.query.thread;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
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
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.ThreadInfo;
import org.speechforum.kafka.DownstreamUnavailable;
import org.speechforum.query.index.IndexProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
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
 * The Elasticsearch side of threading: every read and write threading does, through the write alias (the index
 * being built is the one whose state counts). No scripts and no update-by-query: places are written with bulk
 * partial-document updates, aggregates come from one terms aggregation per batch.
 */
@Component
public class ThreadStore {

    /** Roots per stats request. */
    private static final int STATS_SLICE = 200;
    /** Participant counts are exact up to this many per thread, approximate (within a few %) above. */
    private static final int PARTICIPANTS_EXACT_UP_TO = 1_000;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ThreadStore.class);

    static final List<String> NODE_FIELDS = List.of("id", "parentId", "thread");

    private final ElasticsearchClient client;
    private final IndexProperties index;
    private final ThreadingProperties properties;

    ThreadStore(ElasticsearchClient client, IndexProperties index, ThreadingProperties properties) {
        this.client = client;
        this.index = index;
        this.properties = properties;
    }

    private String alias() {
        return index.writeAlias();
    }

    /** The stored nodes with these ids; missing ids are absent from the answer. */
    public Map<String, ThreadMath.Node> get(Collection<String> ids) throws IOException {
        Map<String, ThreadMath.Node> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        MgetResponse<ObjectNode> response = client.mget(m -> m.index(alias()).ids(List.copyOf(ids))
                .sourceIncludes(NODE_FIELDS), ObjectNode.class);
        for (MultiGetResponseItem<ObjectNode> item : response.docs()) {
            if (item.isResult() && item.result().found() && item.result().source() != null) {
                ThreadMath.Node node = node(item.result().id(), item.result().source());
                found.put(node.id(), node);
            }
        }
        return found;
    }

    /** Orphans whose declared parent is one of {@code parentIds}. */
    public List<ThreadMath.Node> orphansOf(Collection<String> parentIds) throws IOException {
        if (parentIds.isEmpty()) {
            return List.of();
        }
        return all(Query.of(q -> q.bool(b -> b
                .filter(terms("parentId", parentIds))
                .filter(f -> f.term(t -> t.field("thread.orphan").value(true))))), Integer.MAX_VALUE);
    }

    /** Up to {@code limit} orphans, for the reconciler. */
    public List<ThreadMath.Node> orphans(int limit) throws IOException {
        return all(Query.of(q -> q.term(t -> t.field("thread.orphan").value(true))), limit);
    }

    /** Every stored document whose path passes through one of {@code ids} (the documents themselves included). */
    public List<ThreadMath.Node> subtrees(Collection<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return List.of();
        }
        return all(terms("thread.path", ids), Integer.MAX_VALUE);
    }

    /** Documents filed under root {@code rootId}, with the given source fields, at most {@code limit}. */
    public List<ObjectNode> thread(String rootId, List<String> fields, int limit, boolean readAlias)
            throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        Query query = Query.of(q -> q.bool(b -> b
                .should(s -> s.term(t -> t.field("thread.rootId").value(rootId)))
                .should(s -> s.ids(i -> i.values(rootId)))
                .minimumShouldMatch("1")));
        page(query, fields, limit, readAlias ? index.readAlias() : alias(), hit -> out.add(hit.source()));
        return out;
    }

    /** Writes new places with partial updates; roots that stopped being roots lose their aggregates. */
    public void writePlaces(Map<String, ThreadInfo> places, Collection<String> noLongerRoots) throws IOException {
        if (places.isEmpty()) {
            return;
        }
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(alias());
        places.forEach((id, place) -> {
            Map<String, Object> thread = threadMap(place);
            if (noLongerRoots.contains(id)) {
                thread.put("replyCount", null);
                thread.put("participantCount", null);
                thread.put("lastActivityAt", null);
            }
            bulk.operations(op -> op.update(u -> u.id(id).retryOnConflict(5)
                    .action(a -> a.doc(Map.of("thread", thread)))));
        });
        check(client.bulk(bulk.build()));
    }

    /**
     * Recomputes reply count, participants and last activity of each root and writes them on the root; the
     * caller refreshes the index first so the latest writes count.
     */
    public List<ThreadStats> refreshStats(Collection<String> roots) throws IOException {
        // Per root bucket the participant count costs a HyperLogLog sketch; in slices the memory of one request
        // stays bounded however many threads a batch or the reconciler touches (Elasticsearch's request circuit
        // breaker refused whole requests before).
        List<String> all = new ArrayList<>(roots);
        List<ThreadStats> stats = new ArrayList<>();
        for (int from = 0; from < all.size(); from += STATS_SLICE) {
            stats.addAll(refreshStatsSlice(all.subList(from, Math.min(all.size(), from + STATS_SLICE))));
        }
        return stats;
    }

    private List<ThreadStats> refreshStatsSlice(List<String> roots) throws IOException {
        if (roots.isEmpty()) {
            return List.of();
        }
        SearchResponse<Void> response = client.search(s -> s.index(alias()).size(0)
                .query(terms("thread.rootId", roots))
                .aggregations("roots", a -> a.terms(t -> t.field("thread.rootId").size(roots.size()))
                        .aggregations("participants", p -> p.cardinality(c -> c.field("authorKey")
                                .precisionThreshold(PARTICIPANTS_EXACT_UP_TO)))
                        .aggregations("last", l -> l.max(m -> m.field("publishedAt")))
                        .aggregations("replies", r -> r.filter(f -> f.range(g -> g.number(n -> n
                                .field("thread.depth").gte(1.0)))))), Void.class);
        List<ThreadStats> stats = new ArrayList<>();
        Aggregate agg = response.aggregations().get("roots");
        for (StringTermsBucket b : agg.sterms().buckets().array()) {
            Aggregate last = b.aggregations().get("last");
            Double lastMillis = last.max().value();
            Instant lastAt = lastMillis == null || !Double.isFinite(lastMillis) ? null
                    : Instant.ofEpochMilli(lastMillis.longValue());
            stats.add(new ThreadStats(b.key().stringValue(), b.aggregations().get("replies").filter().docCount(),
                    b.aggregations().get("participants").cardinality().value(), lastAt));
        }
        if (stats.isEmpty()) {
            return stats;
        }
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(alias());
        for (ThreadStats st : stats) {
            Map<String, Object> thread = new LinkedHashMap<>();
            thread.put("replyCount", st.replyCount());
            thread.put("participantCount", st.participantCount());
            thread.put("lastActivityAt", st.lastActivityAt() == null ? null : st.lastActivityAt().toString());
            bulk.operations(op -> op.update(u -> u.id(st.rootId()).retryOnConflict(5)
                    .action(a -> a.doc(Map.of("thread", thread)))));
        }
        check(client.bulk(bulk.build()));
        return stats;
    }

    public void refresh() throws IOException {
        client.indices().refresh(r -> r.index(alias()));
    }

    public static Map<String, Object> threadMap(ThreadInfo place) {
        Map<String, Object> thread = new LinkedHashMap<>();
        thread.put("rootId", place.rootId());
        thread.put("parentId", place.parentId());
        thread.put("depth", place.depth());
        thread.put("path", place.path());
        thread.put("orphan", Boolean.TRUE.equals(place.orphan()));
        return thread;
    }

    static ThreadMath.Node node(String id, JsonNode source) {
        JsonNode parent = source.get("parentId");
        JsonNode thread = source.get("thread");
        ThreadInfo place = thread == null || thread.isNull() ? null
                : DocumentJson.mapper().treeToValue(thread, ThreadInfo.class);
        return new ThreadMath.Node(id, parent == null || parent.isNull() ? null : parent.asString(), place);
    }

    private List<ThreadMath.Node> all(Query query, int limit) throws IOException {
        List<ThreadMath.Node> out = new ArrayList<>();
        page(query, NODE_FIELDS, limit, alias(), hit -> out.add(node(hit.id(), hit.source())));
        return out;
    }

    private void page(Query query, List<String> fields, int limit, String target,
                      java.util.function.Consumer<Hit<ObjectNode>> sink) throws IOException {
        page(query, fields, limit, target, List.of(SortOptions.of(o -> o.field(f -> f.field("id")
                .order(SortOrder.Asc)))), sink);
    }

    private void page(Query query, List<String> fields, int limit, String target, List<SortOptions> sort,
                      java.util.function.Consumer<Hit<ObjectNode>> sink) throws IOException {
        List<FieldValue> after = null;
        int seen = 0;
        while (seen < limit) {
            int size = Math.min(properties.pageSize(), limit - seen);
            List<FieldValue> from = after;
            SearchResponse<ObjectNode> response = client.search(s -> {
                s.index(target).size(size).query(query)
                        .source(src -> src.filter(f -> f.includes(fields)))
                        .sort(sort);
                if (from != null) {
                    s.searchAfter(from);
                }
                return s;
            }, ObjectNode.class);
            List<Hit<ObjectNode>> hits = response.hits().hits();
            hits.forEach(sink);
            seen += hits.size();
            if (hits.size() < size) {
                break;
            }
            after = hits.getLast().sort();
        }
    }

    // ---- reads of the thread API (read alias)

    /** One stored document's source fields through the read alias, or null. */
    public ObjectNode document(String id, List<String> fields) throws IOException {
        var got = client.get(g -> g.index(index.readAlias()).id(id).sourceIncludes(fields), ObjectNode.class);
        return got.found() ? got.source() : null;
    }

    /**
     * The subtree of {@code startId} (itself included) down to absolute depth {@code maxDepth}, shallowest first,
     * then oldest first: so any prefix of the answer is a connected top of the subtree. At most {@code limit}.
     */
    public List<ObjectNode> subtree(String startId, int maxDepth, List<String> fields, int limit) throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        Query query = Query.of(q -> q.bool(b -> b
                .filter(f -> f.term(t -> t.field("thread.path").value(startId)))
                .filter(f -> f.range(r -> r.number(n -> n.field("thread.depth").lte((double) maxDepth))))));
        page(query, fields, limit, index.readAlias(), List.of(
                SortOptions.of(o -> o.field(f -> f.field("thread.depth").order(SortOrder.Asc))),
                SortOptions.of(o -> o.field(f -> f.field("publishedAt").order(SortOrder.Asc).missing("_first"))),
                SortOptions.of(o -> o.field(f -> f.field("id").order(SortOrder.Asc)))), hit -> out.add(hit.source()));
        return out;
    }

    /** How many direct replies each of {@code parentIds} has (ids without replies are absent). */
    public Map<String, Long> replyCounts(String startId, int childDepth, Collection<String> parentIds)
            throws IOException {
        Map<String, Long> counts = new HashMap<>();
        if (parentIds.isEmpty()) {
            return counts;
        }
        SearchResponse<Void> response = client.search(s -> s.index(index.readAlias()).size(0)
                .query(q -> q.bool(b -> b
                        .filter(f -> f.term(t -> t.field("thread.path").value(startId)))
                        .filter(f -> f.term(t -> t.field("thread.depth").value(childDepth)))
                        .filter(terms("thread.parentId", parentIds))))
                .aggregations("parents", a -> a.terms(t -> t.field("thread.parentId").size(parentIds.size()))),
                Void.class);
        for (StringTermsBucket b : response.aggregations().get("parents").sterms().buckets().array()) {
            counts.put(b.key().stringValue(), b.docCount());
        }
        return counts;
    }

    /** One page of a thread's documents, oldest first (ties by id), after the given sort values; and the total. */
    public record FlatPage(List<ObjectNode> nodes, List<FieldValue> last, long total) {
    }

    public FlatPage flat(String rootId, List<String> fields, int size, List<FieldValue> after) throws IOException {
        SearchResponse<ObjectNode> response = client.search(s -> {
            s.index(index.readAlias()).size(size).trackTotalHits(t -> t.enabled(true))
                    .query(q -> q.bool(b -> b
                            .should(x -> x.term(t -> t.field("thread.rootId").value(rootId)))
                            .should(x -> x.ids(i -> i.values(rootId)))
                            .minimumShouldMatch("1")))
                    .source(src -> src.filter(f -> f.includes(fields)))
                    .sort(o -> o.field(f -> f.field("publishedAt").order(SortOrder.Asc).missing("_first")))
                    .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)));
            if (after != null) {
                s.searchAfter(after);
            }
            return s;
        }, ObjectNode.class);
        List<Hit<ObjectNode>> hits = response.hits().hits();
        List<ObjectNode> nodes = new ArrayList<>(hits.size());
        hits.forEach(h -> nodes.add(h.source()));
        long total = response.hits().total() == null ? nodes.size() : response.hits().total().value();
        return new FlatPage(nodes, hits.size() < size ? null : hits.getLast().sort(), total);
    }

    private static Query terms(String field, Collection<String> values) {
        return Query.of(q -> q.terms(t -> t.field(field)
                .terms(v -> v.value(values.stream().map(FieldValue::of).toList()))));
    }

    private static void check(BulkResponse response) {
        if (!response.errors()) {
            return;
        }
        for (BulkResponseItem item : response.items()) {
            // A document deleted meanwhile has nothing left to thread; a passing refusal (429, 5xx) is retried
            // through Kafka; any other refusal would never pass, so it is logged and the reconciler tries again.
            if (item.error() == null || item.status() == 404) {
                continue;
            }
            if (item.status() == 429 || item.status() >= 500) {
                throw new DownstreamUnavailable("Threading update refused for " + item.id() + ": "
                        + item.error().reason(), null);
            }
            log.warn("Threading update of {} refused: {}", item.id(), item.error().reason());
        }
    }
}
