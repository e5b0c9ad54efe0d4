package org.speechforum.query.export;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;

/**
 * Every document matching a query, one page at a time, from a point in time: a snapshot of the index taken when
 * the export starts, so documents indexed meanwhile neither appear nor shift the pages. Pages follow each other by
 * search_after on {@code _shard_doc}, the point in time's own tiebreak (unique, and the cheapest sort there is), so
 * no document is skipped or repeated however many there are. Only one page is held at a time.
 */
final class PointInTimePages implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PointInTimePages.class);

    /** The index's own aggregation fields (see RootFields, Projection): not part of the document. */
    static final List<String> INTERNAL_FIELDS = List.of("entityIds", "entityTypes", "entityIdsByType",
            "entityMentions", "threadVersion", "textByLanguage", "titleByLanguage", "analyzedLanguage");
    private static final SortOptions INDEX_ORDER = SortOptions.of(o -> o.field(f -> f.field("_shard_doc")
            .order(SortOrder.Asc)));

    private final ElasticsearchClient client;
    private final Query query;
    private final int pageSize;
    private final Time keepAlive;
    private String pitId;
    private List<FieldValue> after;
    private boolean exhausted;
    private long total = -1;

    private PointInTimePages(ElasticsearchClient client, String pitId, Query query, ExportProperties properties) {
        this.client = client;
        this.pitId = pitId;
        this.query = query;
        this.pageSize = properties.pageSize();
        this.keepAlive = keepAlive(properties);
    }

    static PointInTimePages open(ElasticsearchClient client, String index, Query query, ExportProperties properties)
            throws IOException {
        String id = client.openPointInTime(o -> o.index(index).keepAlive(keepAlive(properties))).id();
        return new PointInTimePages(client, id, query, properties);
    }

    private static Time keepAlive(ExportProperties properties) {
        return Time.of(t -> t.time(Math.max(1, properties.keepAlive().toSeconds()) + "s"));
    }

    /** The next page, empty once every document was returned. The first page also counts them all. */
    List<ObjectNode> next() throws IOException {
        if (exhausted) {
            return List.of();
        }
        boolean first = total < 0;
        SearchResponse<ObjectNode> response = client.search(s -> {
            s.pit(p -> p.id(pitId).keepAlive(keepAlive))
                    .size(pageSize)
                    .query(query)
                    .sort(INDEX_ORDER)
                    .source(src -> src.filter(f -> f.excludes(INTERNAL_FIELDS)))
                    .trackTotalHits(t -> t.enabled(first));
            if (after != null) {
                s.searchAfter(after);
            }
            return s;
        }, ObjectNode.class);
        if (response.pitId() != null) {
            pitId = response.pitId();
        }
        if (first) {
            total = response.hits().total() == null ? 0 : response.hits().total().value();
        }
        List<Hit<ObjectNode>> hits = response.hits().hits();
        if (hits.size() < pageSize) {
            exhausted = true;
        } else {
            after = hits.getLast().sort();
        }
        return hits.stream().map(Hit::source).toList();
    }

    boolean exhausted() {
        return exhausted;
    }

    /** How many documents the export holds (the point in time is a snapshot: exact); known after the first page. */
    long total() {
        return total;
    }

    /** Frees the point in time at once rather than when its keep-alive runs out; never fails. */
    @Override
    public void close() {
        try {
            client.closePointInTime(c -> c.id(pitId));
        } catch (IOException | RuntimeException e) {
            log.info("Could not close an export's point in time (it expires by itself): {}", e.toString());
        }
    }
}
