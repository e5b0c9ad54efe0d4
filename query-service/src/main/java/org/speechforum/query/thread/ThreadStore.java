package org.speechforum.query.thread;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import org.speechforum.query.index.IndexProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reads of the thread API, through the read alias. Threads are decided in enrich-service and arrive on
 * documents.threads.v1; query-service only stores and reads them.
 */
@Component
public class ThreadStore {

    private final ElasticsearchClient client;
    private final IndexProperties index;
    private final ThreadingProperties properties;

    ThreadStore(ElasticsearchClient client, IndexProperties index, ThreadingProperties properties) {
        this.client = client;
        this.index = index;
        this.properties = properties;
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

}
