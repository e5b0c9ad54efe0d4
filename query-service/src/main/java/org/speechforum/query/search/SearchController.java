package org.speechforum.query.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.HighlightField;
import co.elastic.clients.elasticsearch.core.search.HighlighterEncoder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.NamedValue;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.speechforum.query.index.IndexProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.SamplerAggregate;
import co.elastic.clients.elasticsearch.core.search.TotalHits;
import co.elastic.clients.elasticsearch.core.search.TotalHitsRelation;
import org.speechforum.query.index.EntityNames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read API dashboards call. User input only ever reaches Elasticsearch as values inside typed queries:
 * {@code q} goes to a simple_query_string (which never fails on syntax), filters become term/range clauses.
 */
@RestController
class SearchController {

    private static final List<String> HIT_FIELDS = List.of(
            "id", "kind", "source", "url", "title", "author", "publishedAt", "publishedAtPrecision", "language", "parentId",
            "thread", "upvotes", "downvotes", "op");
    static final String SEARCH_EXAMPLE = """
            {"total":1,"totalRelation":"eq","hits":[{"id":"2c9770e0ff85a0163919fb1ccce44ce5","score":2.1,"kind":"SPEECH","title":"Plenary session","author":{"name":"Vladimir Putin","role":"President of Russia"},"publishedAt":"2024-10-24T10:00:00Z","highlight":{"text":["the <mark>BRICS</mark> partners"]}}],"facets":{"kinds":[{"value":"SPEECH","count":1}],"sources":[{"value":"kremlin.ru","count":1}],"languages":[{"value":"en","count":1}],"authors":[{"value":"Vladimir Putin","count":1}],"entities":{"ORGANIZATION":[{"id":"Q44016","name":"BRICS","count":1}]},"dates":[{"date":"2024-10-01T00:00:00.000Z","count":1}],"approximateDatesLeftOut":0,"sample":null},"cursor":null}""";
    static final String DOCUMENT_EXAMPLE = """
            {"id":"2c9770e0ff85a0163919fb1ccce44ce5","kind":"COMMENT","source":"lemmygrad.ml","externalId":"123",\
            "author":{"handle":"cfgaussian","instance":"lemmygrad.ml"},"publishedAt":"2023-11-01T00:00:00Z",\
            "publishedAtPrecision":"YEAR","text":"Putin is right about NATO.","upvotes":34,"downvotes":1,"edits":2,\
            "op":true,"entities":[{"id":"Q7747","name":"Vladimir Putin","type":"PERSON","count":1,\
            "mentions":[{"text":"Putin","start":0,"end":5,"sentence":0}]}]}""";
    private static final Time PIT_KEEP_ALIVE = Time.of(t -> t.time("2m"));
    /** Totals are exact up to this many hits, then reported as {@code totalRelation: "gte"}. */
    static final int EXACT_TOTAL = 10_000;
    private static final Executor FACET_REQUESTS = Executors.newVirtualThreadPerTaskExecutor();

    private final ElasticsearchClient client;
    private final IndexProperties index;
    private final SearchProperties search;
    private final EntityNames names;

    SearchController(ElasticsearchClient client, IndexProperties index, SearchProperties search, EntityNames names) {
        this.client = client;
        this.index = index;
        this.search = search;
        this.names = names;
    }

    /**
     * Full-text search ({@code "exact phrase"}, {@code -not}, {@code a | b}) with filters, facets and cursor
     * pagination. Facets come with the first page only; follow {@code cursor} for the next pages.
     */
    @GetMapping("/api/v1/search")
    @Operation(summary = "Search documents", description = "Full text (simple query string syntax), filters, "
            + "facets on the first page, cursor pagination. A size above the cap is refused with 400.")
    @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = SEARCH_EXAMPLE)))
    SearchResult search(@Parameter(example = "BRICS \"Latin America\"") @RequestParam(required = false) String q,
                        @Parameter(example = "SPEECH") @RequestParam(required = false) List<String> kind,
                        @Parameter(example = "kremlin.ru") @RequestParam(required = false) List<String> source,
                        @Parameter(description = "author name or forum handle", example = "cfgaussian")
                        @RequestParam(required = false) List<String> author,
                        @Parameter(description = "canonical entity id; several must all be mentioned",
                                example = "Q11256") @RequestParam(required = false) List<String> entity,
                        @Parameter(example = "PERSON") @RequestParam(required = false) List<String> entityType,
                        @Parameter(example = "2024-01-01") @RequestParam(required = false) String from,
                        @Parameter(description = "exclusive", example = "2025-01-01")
                        @RequestParam(required = false) String to,
                        @Parameter(description = "thread root document id") @RequestParam(required = false) String root,
                        @Parameter(description = "ISO 639-1 code of the detected language; repeatable or"
                                + " comma-separated", example = "de")
                        @RequestParam(required = false) List<String> language,
                        @Parameter(description = "canonical entity id of a speaker or named author: documents this"
                                + " person said, not only mentioned; repeatable (all must have spoken)",
                                example = "Q7747") @RequestParam(required = false) List<String> speaker,
                        @Parameter(description = "relevance (default), newest, oldest, replies", example = "newest")
                        @RequestParam(required = false) String sort,
                        @Parameter(description = "page size, 1 to the configured cap (100)", example = "20")
                        @RequestParam(defaultValue = "20") int size,
                        @Parameter(description = "the cursor of the previous page") @RequestParam(required = false)
                        String cursor,
                        @Parameter(description = "date facet bucket: day, week, month, year", example = "month")
                        @RequestParam(required = false) String interval) throws IOException {
        if (size < 1 || size > search.maxPageSize()) {
            throw new BadRequest("size must be between 1 and " + search.maxPageSize(), "size");
        }
        SearchParams params = new SearchFilters(q, kind, source, author, entity, entityType, from, to, root, language,
                speaker)
                .params(sort, size, cursor, interval);
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        // A first page counts its matches exactly (a _count is cheap), which both gives the total and decides
        // whether the facets are counted over every match or estimated from a sample (FacetSample). The facets go
        // as their own size-0 request, in parallel with the page, so Elasticsearch's request cache can answer
        // them again for the next page view of the same question.
        CompletableFuture<Long> matches = after != null ? null
                : CompletableFuture.supplyAsync(() -> count(params), FACET_REQUESTS);
        CompletableFuture<FacetAnswer> facetAnswer = matches == null ? null
                : matches.thenApplyAsync(n -> facets(params, n), FACET_REQUESTS);
        SearchResponse<ObjectNode> response;
        try {
            response = client.search(request(params, after), ObjectNode.class);
        } catch (IOException | RuntimeException e) {
            if (facetAnswer != null) {
                facetAnswer.cancel(true);
            }
            throw e;
        }
        List<Hit<ObjectNode>> rawHits = response.hits().hits();
        List<SearchHit> hits = rawHits.stream().map(SearchController::toHit).toList();
        String next = rawHits.size() == size ? new Cursor(after == null ? null : after.pitId(),
                rawHits.getLast().sort()).encode() : null;
        if (after != null && after.pitId() != null && next == null) {
            client.closePointInTime(c -> c.id(after.pitId()));
        }
        if (facetAnswer != null) {
            FacetAnswer answer = ParallelSearches.join(facetAnswer);
            Map<String, Object> facets = Facets.read(answer.aggregations(),
                    names.of(Facets.entityIds(answer.aggregations())), answer.sample());
            return new SearchResult(answer.matches(), "eq", hits, facets, next);
        }
        TotalHits totalHits = response.hits().total();
        long total = totalHits == null ? hits.size() : totalHits.value();
        String relation = totalHits == null || totalHits.relation() == TotalHitsRelation.Eq ? "eq" : "gte";
        return new SearchResult(total, relation, hits, null, next);
    }

    private long count(SearchParams params) {
        try {
            return client.count(c -> c.index(index.readAlias()).query(DocumentQueries.of(params))).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The facets over every one of {@code matches}, or over a random sample of them when there are many. */
    private FacetAnswer facets(SearchParams params, long matches) {
        double probability = FacetSample.probability(matches, search.facetSample());
        Map<String, Aggregation> requested = Facets.requested(params.interval());
        try {
            SearchResponse<Void> response = client.search(s -> s.index(index.readAlias()).size(0).requestCache(true)
                    .trackTotalHits(t -> t.enabled(false))
                    .query(DocumentQueries.of(params))
                    .aggregations(probability < 1 ? FacetSample.around(requested, probability) : requested),
                    Void.class);
            if (probability == 1) {
                return new FacetAnswer(matches, response.aggregations(), null);
            }
            SamplerAggregate sampled = FacetSample.bucket(response.aggregations(), client._jsonpMapper());
            return new FacetAnswer(matches, sampled.aggregations(),
                    new FacetSample(matches, sampled.docCount(), probability));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record FacetAnswer(long matches, Map<String, Aggregate> aggregations, FacetSample sample) {
    }

    @GetMapping("/api/v1/documents/{id}")
    @Operation(summary = "One enriched document", description = "The full document as indexed: text, author, "
            + "forum signals, entities with mention offsets, thread and links.")
    @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = DOCUMENT_EXAMPLE)))
    ObjectNode document(@Parameter(example = "2c9770e0ff85a0163919fb1ccce44ce5") @PathVariable String id) throws IOException {
        GetResponse<ObjectNode> response = client.get(g -> g.index(index.readAlias()).id(id), ObjectNode.class);
        // A stub (thread state that arrived before its document, no kind) is not a document yet.
        if (!response.found() || response.source() == null || response.source().get("kind") == null) {
            throw new NotFound("No document with id " + id);
        }
        ObjectNode document = response.source();
        org.speechforum.query.index.LanguageFields.INTERNAL_FIELDS.forEach(document::remove);
        return document;
    }

    /**
     * The page: no point in time (a first page that is also the last needs none; the next pages continue with
     * search_after on the sort values and the document id, which breaks ties), only the fields a hit shows. A first page
     * counts no total (the exact {@code _count} beside it gives it); the next pages count exactly up to
     * {@link #EXACT_TOTAL} and answer a lower bound above.
     */
    private SearchRequest request(SearchParams params, Cursor after) {
        return SearchRequest.of(s -> {
            if (after != null && after.pitId() != null) {
                // A cursor issued before pages stopped using points in time (index version 1) still works.
                s.pit(p -> p.id(after.pitId()).keepAlive(PIT_KEEP_ALIVE));
            } else {
                s.index(index.readAlias());
            }
            s.size(params.size())
                    // A first page takes its total from the exact count beside it; the next pages bound theirs.
                    .trackTotalHits(t -> after == null ? t.enabled(false) : t.count(EXACT_TOTAL))
                    .source(src -> src.filter(f -> f.includes(HIT_FIELDS)))
                    .query(DocumentQueries.of(params))
                    .sort(sortOptions(params.effectiveSort()));
            if (after != null) {
                s.searchAfter(after.after());
            }
            if (params.fullText()) {
                s.highlight(h -> h
                        .preTags("<mark>").postTags("</mark>")
                        .encoder(HighlighterEncoder.Html)
                        .fields(NamedValue.of("text",
                                HighlightField.of(f -> f.numberOfFragments(3).fragmentSize(160))))
                        .fields(NamedValue.of("title", HighlightField.of(f -> f.numberOfFragments(0))))
                        // A document analysed in its own language matched there (index.LanguageFields).
                        .fields(NamedValue.of("textByLanguage.*",
                                HighlightField.of(f -> f.numberOfFragments(3).fragmentSize(160))))
                        .fields(NamedValue.of("titleByLanguage.*", HighlightField.of(f -> f.numberOfFragments(0)))));
            }
            return s;
        });
    }

    private static List<SortOptions> sortOptions(SearchParams.Sort sort) {
        List<SortOptions> options = new ArrayList<>(sortKeys(sort));
        options.add(SortOptions.of(o -> o.field(f -> f.field("id").order(SortOrder.Asc))));
        return options;
    }

    private static List<SortOptions> sortKeys(SearchParams.Sort sort) {
        SortOptions newest = SortOptions.of(o -> o.field(f -> f.field("publishedAt").order(SortOrder.Desc)
                .missing("_last").unmappedType(co.elastic.clients.elasticsearch._types.mapping.FieldType.Date)));
        return switch (sort) {
            case RELEVANCE -> List.of(SortOptions.of(o -> o.score(sc -> sc.order(SortOrder.Desc))), newest);
            case NEWEST -> List.of(newest);
            case OLDEST -> List.of(SortOptions.of(o -> o.field(f -> f.field("publishedAt").order(SortOrder.Asc)
                    .missing("_last"))));
            case REPLIES -> List.of(SortOptions.of(o -> o.field(f -> f.field("thread.replyCount")
                    .order(SortOrder.Desc).missing("_last")
                    .unmappedType(co.elastic.clients.elasticsearch._types.mapping.FieldType.Integer))), newest);
        };
    }

    private static SearchHit toHit(Hit<ObjectNode> hit) {
        return new SearchHit(hit.id(), hit.score(), hit.source(),
                org.speechforum.query.index.LanguageFields.documentHighlights(hit.highlight()));
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SearchResult(long total, String totalRelation, List<SearchHit> hits, Map<String, Object> facets,
                        String cursor) {
    }

    /** A hit: the document's summary fields flattened next to its id, score and highlighted fragments. */
    record SearchHit(String id, Double score, @JsonIgnore ObjectNode document, Map<String, List<String>> highlight) {

        @JsonAnyGetter
        Map<String, Object> fields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            if (document != null) {
                document.properties().forEach(e -> {
                    if (!e.getKey().equals("id")) {
                        fields.put(e.getKey(), e.getValue());
                    }
                });
            }
            return fields;
        }
    }
}
