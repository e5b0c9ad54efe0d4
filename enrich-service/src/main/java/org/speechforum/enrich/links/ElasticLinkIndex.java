package org.speechforum.enrich.links;

import static org.speechforum.contracts.JsonFields.text;

import org.speechforum.enrich.store.OwnedIndex;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.kafka.DownstreamUnavailable;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * One multi-search for all queries (null: no query, an empty answer), then one real-time {@code mget} of the
     * texts of the distinct candidates. Each search returns id, kind and URL from doc values and reads no stored
     * field at all ({@code stored_fields: _none_}, so not even {@code _id}: stored fields sit in compressed blocks
     * with the entries' sources, which hold all their keys; the fetch phase was 110 of the 270 s the index spent
     * searching on the bench, 2026-12-06, with 200 hits per speech) and does not count its hits ({@code track_total_hits: false}), so
     * Lucene can skip documents that cannot enter the top {@code size} of a many-clause disjunction. The searches return ids only: in a batch the same speech (forward) or forum
     * document (reverse) is a candidate of many queries, and fetching its text with every hit made the fetch phase
     * about 40 % of the lookup time on the bench (docs/benchmarks.md).
     */
    private List<List<Entry>> searchEach(List<Query> queries, int size) throws IOException {
        List<List<Entry>> out = new ArrayList<>(queries.size());
        List<co.elastic.clients.elasticsearch.core.msearch.RequestItem> items = new ArrayList<>();
        for (Query q : queries) {
            if (q != null) {
                items.add(co.elastic.clients.elasticsearch.core.msearch.RequestItem.of(r -> r
                        .header(h -> h.index(index))
                        .body(b -> b.query(q).size(size).trackTotalHits(t -> t.enabled(false))
                                .source(src -> src.fetch(false)).storedFields("_none_")
                                .docvalueFields(f -> f.field("id")).docvalueFields(f -> f.field("kind"))
                                .docvalueFields(f -> f.field("url")))));
            }
        }
        if (items.isEmpty()) {
            queries.forEach(q -> out.add(List.of()));
            return out;
        }
        ensureExists();
        var response = client.msearch(m -> m.searches(items), ObjectNode.class);
        List<List<Hit<ObjectNode>>> hits = new ArrayList<>(queries.size());
        Set<String> ids = new LinkedHashSet<>();
        int next = 0;
        for (Query q : queries) {
            if (q == null) {
                hits.add(List.of());
                continue;
            }
            var item = response.responses().get(next++);
            if (!item.isResult()) {
                throw new DownstreamUnavailable("Link lookup failed: " + item.failure().error().reason(), null);
            }
            hits.add(item.result().hits().hits());
            item.result().hits().hits().forEach(h -> {
                String id = docValue(h, "id");
                if (id != null) {
                    ids.add(id);
                }
            });
        }
        Map<String, String> texts = texts(ids);
        for (List<Hit<ObjectNode>> answer : hits) {
            out.add(entries(answer, texts));
        }
        return out;
    }

    /** The stored texts of {@code ids}, one real-time multi-get; an id no longer stored is absent. */
    private Map<String, String> texts(Collection<String> ids) throws IOException {
        Map<String, String> texts = new HashMap<>();
        if (ids.isEmpty()) {
            return texts;
        }
        var response = client.mget(m -> m.index(index).ids(List.copyOf(ids))
                .sourceIncludes("text"), ObjectNode.class);
        for (var doc : response.docs()) {
            if (doc.isFailure()) {
                throw new DownstreamUnavailable("Link text read failed: " + doc.failure().error().reason(), null);
            }
            if (doc.result().found() && doc.result().source() != null) {
                texts.put(doc.result().id(), text(doc.result().source(), "text"));
            }
        }
        return texts;
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
        return searchEach(List.of(query), size).getFirst();
    }

    private static List<Entry> entries(List<Hit<ObjectNode>> hits, Map<String, String> texts) {
        List<Entry> out = new ArrayList<>();
        for (Hit<ObjectNode> hit : hits) {
            String id = docValue(hit, "id");
            String kind = docValue(hit, "kind");
            String text = id == null ? null : texts.get(id);
            if (kind == null || text == null) {
                continue;
            }
            out.add(new Entry(id, DocumentKind.valueOf(kind), docValue(hit, "url"), text, List.of(),
                    List.of()));
        }
        return out;
    }

    /** The first doc value of a keyword field of a hit ({@code docvalue_fields}), null when it has none. */
    private static String docValue(Hit<?> hit, String field) {
        co.elastic.clients.json.JsonData value = hit.fields().get(field);
        if (value == null) {
            return null;
        }
        jakarta.json.JsonArray values = value.toJson().asJsonArray();
        return values.isEmpty() ? null : values.getString(0);
    }

}
