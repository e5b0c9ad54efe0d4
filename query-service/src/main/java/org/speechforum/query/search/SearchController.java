package org.speechforum.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.HighlightField;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.NamedValue;
import org.speechforum.query.index.IndexProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The read API dashboards call. User input only ever reaches Elasticsearch as values in typed queries. */
@RestController
class SearchController {

    private static final List<String> HIT_FIELDS = List.of(
            "id", "kind", "source", "url", "title", "author", "publishedAt", "publishedAtPrecision", "parentId",
            "thread");

    private final ElasticsearchClient client;
    private final IndexProperties index;
    private final SearchProperties search;

    SearchController(ElasticsearchClient client, IndexProperties index, SearchProperties search) {
        this.client = client;
        this.index = index;
        this.search = search;
    }

    /**
     * Full-text search with Elasticsearch's simple query string syntax ({@code "exact phrase"}, {@code -not},
     * {@code a | b}); without {@code q}, the newest documents.
     */
    @GetMapping("/api/v1/search")
    SearchResult search(@RequestParam(required = false) String q,
                        @RequestParam(defaultValue = "20") int size) throws IOException {
        if (size < 1 || size > search.maxPageSize()) {
            throw new BadRequest("size must be between 1 and " + search.maxPageSize(), "size");
        }
        boolean fullText = q != null && !q.isBlank();
        SearchResponse<ObjectNode> response = client.search(s -> {
            s.index(index.readAlias()).size(size).trackTotalHits(t -> t.enabled(true))
                    .source(src -> src.filter(f -> f.includes(HIT_FIELDS)));
            if (fullText) {
                s.query(query -> query.simpleQueryString(sq -> sq
                                .query(q)
                                .fields("title^2", "text", "author.name")
                                .defaultOperator(Operator.And)))
                        .highlight(h -> h
                                .preTags("<mark>").postTags("</mark>")
                                .encoder(co.elastic.clients.elasticsearch.core.search.HighlighterEncoder.Html)
                                .fields(NamedValue.of("text",
                                        HighlightField.of(f -> f.numberOfFragments(3).fragmentSize(160))))
                                .fields(NamedValue.of("title", HighlightField.of(f -> f.numberOfFragments(0)))));
            } else {
                s.query(query -> query.matchAll(m -> m))
                        .sort(o -> o.field(f -> f.field("publishedAt").order(SortOrder.Desc).missing("_last")));
            }
            return s;
        }, ObjectNode.class);
        List<SearchHit> hits = response.hits().hits().stream().map(SearchController::toHit).toList();
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        return new SearchResult(total, hits);
    }

    @GetMapping("/api/v1/documents/{id}")
    ObjectNode document(@PathVariable String id) throws IOException {
        GetResponse<ObjectNode> response = client.get(g -> g.index(index.readAlias()).id(id), ObjectNode.class);
        if (!response.found() || response.source() == null) {
            throw new NotFound("No document with id " + id);
        }
        return response.source();
    }

    private static SearchHit toHit(Hit<ObjectNode> hit) {
        return new SearchHit(hit.id(), hit.score(), hit.source(), hit.highlight());
    }

    record SearchResult(long total, List<SearchHit> hits) {
    }

    /** A hit: the document's summary fields flattened next to its id, score and highlighted fragments. */
    record SearchHit(String id, Double score, ObjectNode document, Map<String, List<String>> highlight) {

        @com.fasterxml.jackson.annotation.JsonAnyGetter
        Map<String, Object> fields() {
            Map<String, Object> fields = new java.util.LinkedHashMap<>();
            if (document != null) {
                document.properties().forEach(e -> {
                    if (!e.getKey().equals("id")) {
                        fields.put(e.getKey(), e.getValue());
                    }
                });
            }
            return fields;
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public ObjectNode document() {
            return document;
        }
    }
}
