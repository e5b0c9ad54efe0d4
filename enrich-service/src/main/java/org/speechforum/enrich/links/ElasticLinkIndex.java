package org.speechforum.enrich.links;

import static org.speechforum.contracts.JsonFields.text;

import org.speechforum.enrich.store.OwnedIndex;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.kafka.DownstreamUnavailable;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link LinkIndex} on an Elasticsearch index that enrich-service owns ({@code enrich.links.index}, default
 * {@code enrich-links-v2}): candidates come from term lookups on keyword fields, never from more-like-this over
 * whole speeches. A speech's keys go in {@code speechKeys}, a forum document's in {@code forumKeys}: each lookup then
 * reads only the postings of the kind it looks for. With one {@code keys} field for both (v1), every forward lookup
 * walked the postings of all forum documents sharing a key, the bulk of the index, to keep the few speeches among
 * them. Entries are written whole (last write wins: an entry only depends on its document's own text).
 */
public class ElasticLinkIndex implements LinkIndex {

    private static final String MAPPINGS = "/elasticsearch/link-keys-mappings.json";
    /** Lookups score by shared keys: one should clause per key for at most this many keys. */
    static final int MAX_SCORED_KEYS = 512;
    static final String SPEECH_KEYS = "speechKeys";
    static final String FORUM_KEYS = "forumKeys";

    private final ElasticsearchClient client;
    private final String index;
    private final OwnedIndex owned;

    public ElasticLinkIndex(ElasticsearchClient client, String index) {
        this.client = client;
        this.index = index;
        this.owned = new OwnedIndex(client, index, MAPPINGS, "Link key");
    }

    public String index() {
        return index;
    }

    /** Creates the index with its mappings when missing; idempotent. */
    public void ensureExists() throws IOException {
        owned.ensureExists();
    }

    @Override
    public void put(List<Entry> entries) throws IOException {
        if (entries.isEmpty()) {
            return;
        }
        ensureExists();
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(index);
        for (Entry e : entries) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", e.id());
            json.put("kind", e.kind().name());
            if (e.url() != null) {
                json.put("url", e.url());
            }
            json.put("text", e.text());
            json.put(e.kind() == DocumentKind.SPEECH ? SPEECH_KEYS : FORUM_KEYS, List.copyOf(e.keys()));
            json.put("urls", List.copyOf(e.urls()));
            bulk.operations(op -> op.index(ix -> ix.id(e.id()).document(json)));
        }
        BulkResponse response = client.bulk(bulk.build());
        for (BulkResponseItem item : response.items()) {
            if (item.error() != null) {
                throw new DownstreamUnavailable("Link key write refused for " + item.id() + ": "
                        + item.error().reason(), null);
            }
        }
    }

    @Override
    public void refresh() throws IOException {
        ensureExists();
        client.indices().refresh(r -> r.index(index));
    }

    @Override
    public List<Entry> speechesSharing(Collection<String> keys, Collection<String> urls, int size) throws IOException {
        if (keys.isEmpty() && urls.isEmpty()) {
            return List.of();
        }
        return search(speechQuery(keys, urls), size);
    }

    @Override
    public List<List<Entry>> speechesSharingEach(List<Entry> forum, int size) throws IOException {
        List<Query> queries = new ArrayList<>(forum.size());
        for (Entry e : forum) {
            queries.add(e.keys().isEmpty() && e.urls().isEmpty() ? null : speechQuery(e.keys(), e.urls()));
        }
        return searchEach(queries, size);
    }

    @Override
    public List<List<Entry>> forumSharingEach(List<Entry> speeches, int size) throws IOException {
        List<Query> queries = new ArrayList<>(speeches.size());
        for (Entry e : speeches) {
            queries.add(e.keys().isEmpty() && (e.url() == null || e.url().isBlank()) ? null
                    : forumQuery(e.keys(), e.url()));
        }
        return searchEach(queries, size);
    }

    /** One multi-search for all queries (null: no query, an empty answer). */
    private List<List<Entry>> searchEach(List<Query> queries, int size) throws IOException {
        List<List<Entry>> out = new ArrayList<>(queries.size());
        List<co.elastic.clients.elasticsearch.core.msearch.RequestItem> items = new ArrayList<>();
        for (Query q : queries) {
            if (q != null) {
                items.add(co.elastic.clients.elasticsearch.core.msearch.RequestItem.of(r -> r
                        .header(h -> h.index(index))
                        .body(b -> b.query(q).size(size)
                                .source(src -> src.filter(f -> f.includes("id", "kind", "url", "text"))))));
            }
        }
        if (items.isEmpty()) {
            queries.forEach(q -> out.add(List.of()));
            return out;
        }
        ensureExists();
        var response = client.msearch(m -> m.searches(items), ObjectNode.class);
        int next = 0;
        for (Query q : queries) {
            if (q == null) {
                out.add(List.of());
                continue;
            }
            var item = response.responses().get(next++);
            if (!item.isResult()) {
                throw new DownstreamUnavailable("Link lookup failed: " + item.failure().error().reason(), null);
            }
            out.add(entries(item.result().hits().hits()));
        }
        return out;
    }

    private static Query speechQuery(Collection<String> keys, Collection<String> urls) {
        return Query.of(q -> q.bool(b -> {
            b.filter(f -> f.term(t -> t.field("kind").value("SPEECH")));
            // Ranked by the shared keys among the first MAX_SCORED_KEYS (rarer keys weigh more); every key still
            // matches through the terms clause, so a long post's late quote is found, only ranked lower.
            scoredKeys(b, SPEECH_KEYS, List.copyOf(keys).subList(0, Math.min(keys.size(), MAX_SCORED_KEYS)), keys);
            if (!urls.isEmpty()) {
                List<FieldValue> values = urls.stream().map(FieldValue::of).toList();
                b.should(s -> s.constantScore(c -> c.boost(1000f)
                        .filter(f -> f.terms(t -> t.field("url").terms(v -> v.value(values))))));
            }
            return b.minimumShouldMatch("1");
        }));
    }

    /**
     * One {@code term} clause on {@code field} per key of {@code scored} (BM25: documents sharing more, and rarer,
     * keys rank first), and when {@code all} has more, a low constant-score {@code terms} clause with all of them,
     * so that every sharing document still matches.
     */
    private static void scoredKeys(BoolQuery.Builder b, String field,
                                   List<String> scored, Collection<String> all) {
        for (String k : scored) {
            b.should(s -> s.term(t -> t.field(field).value(k)));
        }
        if (all.size() > scored.size()) {
            List<FieldValue> values = all.stream().map(FieldValue::of).toList();
            b.should(s -> s.constantScore(c -> c.boost(0.1f)
                    .filter(f -> f.terms(t -> t.field(field).terms(v -> v.value(values))))));
        }
    }

    /**
     * At most {@link #MAX_SCORED_KEYS} of {@code keys}, evenly spread over them: a speech's winnowed keys follow its
     * text, and a quote from its end must score like one from its start.
     */
    static List<String> spread(Collection<String> keys) {
        List<String> all = List.copyOf(keys);
        if (all.size() <= MAX_SCORED_KEYS) {
            return all;
        }
        List<String> out = new ArrayList<>(MAX_SCORED_KEYS);
        for (int i = 0; i < MAX_SCORED_KEYS; i++) {
            out.add(all.get((int) ((long) i * all.size() / MAX_SCORED_KEYS)));
        }
        return out;
    }

    @Override
    public List<Entry> forumSharing(Collection<String> keys, String url, int size) throws IOException {
        if (keys.isEmpty() && (url == null || url.isBlank())) {
            return List.of();
        }
        return search(forumQuery(keys, url), size);
    }

    /**
     * Forum documents sharing keys with a speech, ranked like the forward lookup (shared keys, rarer weigh more; a
     * named URL first), so that the {@code size} kept are the likeliest quotes, not the first {@code size} of
     * every forum document that shares a common phrase with the speech.
     */
    private static Query forumQuery(Collection<String> keys, String url) {
        boolean hasUrl = url != null && !url.isBlank();
        return Query.of(q -> q.bool(b -> {
            b.filter(f -> f.terms(t -> t.field("kind").terms(v -> v.value(
                    List.of(FieldValue.of("POST"), FieldValue.of("COMMENT"))))));
            scoredKeys(b, FORUM_KEYS, spread(keys), keys);
            if (hasUrl) {
                List<FieldValue> named = LinkFinder.urls(url).stream().map(FieldValue::of).toList();
                b.should(s -> s.constantScore(c -> c.boost(1000f)
                        .filter(f -> f.terms(t -> t.field("urls").terms(v -> v.value(named))))));
            }
            return b.minimumShouldMatch("1");
        }));
    }

    private List<Entry> search(Query query, int size) throws IOException {
        ensureExists();
        SearchResponse<ObjectNode> response = client.search(s -> s.index(index).size(size).query(query)
                .source(src -> src.filter(f -> f.includes("id", "kind", "url", "text"))), ObjectNode.class);
        return entries(response.hits().hits());
    }

    private static List<Entry> entries(List<Hit<ObjectNode>> hits) {
        List<Entry> out = new ArrayList<>();
        for (Hit<ObjectNode> hit : hits) {
            ObjectNode doc = hit.source();
            if (doc == null) {
                continue;
            }
            out.add(new Entry(hit.id(), DocumentKind.valueOf(text(doc, "kind")), text(doc, "url"), text(doc, "text"),
                    List.of(), List.of()));
        }
        return out;
    }

}
