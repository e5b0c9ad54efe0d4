package org.speechforum.query.entities;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import org.speechforum.query.index.EntityAggregations;
import org.speechforum.query.index.EntityNames;
import org.speechforum.query.index.EntitySummary;
import org.speechforum.query.index.IndexProperties;
import org.speechforum.query.search.ApproximateDates;
import org.speechforum.query.search.BadRequest;
import org.speechforum.query.search.NotFound;
import org.speechforum.query.search.ParallelSearches;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Canonical entities as the index knows them: every figure is aggregated from the documents' nested
 * {@code entities}, so it is always consistent with what search returns.
 */
@RestController
class EntityController {

    private static final int MAX_SIZE = 100;

    /** Aliases are read from this many documents mentioning the entity (a sampler), the rest is exact. */
    static final int ALIAS_SAMPLE = 1000;
    private static final int COOCCURRING = 20;

    private static final Executor REQUESTS = Executors.newVirtualThreadPerTaskExecutor();

    private final ElasticsearchClient client;
    private final IndexProperties index;
    private final EntityNames names;
    private final EntityPageProperties properties;

    EntityController(ElasticsearchClient client, IndexProperties index, EntityNames names,
                     EntityPageProperties properties) {
        this.client = client;
        this.index = index;
        this.names = names;
        this.properties = properties;
    }

    /** Autocomplete: entities whose name starts with {@code q} (any word of it), most mentioned first. */
    @GetMapping("/api/v1/entities")
    @Operation(summary = "Autocomplete entities", description = "By name prefix (any word) or exact id.")
    @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = """
            [{"id":"Q1394","name":"Vladimir Lenin","type":"PERSON","mentions":7,"documents":3}]""")))
    List<EntitySummary> entities(@Parameter(example = "len") @RequestParam(required = false) String q,
                                 @Parameter(example = "PERSON") @RequestParam(required = false) String type,
                                 @Parameter(example = "10") @RequestParam(defaultValue = "10") int size) throws IOException {
        if (size < 1 || size > MAX_SIZE) {
            throw new BadRequest("size must be between 1 and " + MAX_SIZE, "size");
        }
        Query match = Query.of(m -> m.bool(b -> {
            if (q != null && !q.isBlank()) {
                b.must(must -> must.bool(any -> any
                        .should(s -> s.matchPhrasePrefix(p -> p.field("entities.name").query(q.strip())))
                        .should(s -> s.prefix(p -> p.field("entities.name.keyword").value(q.strip())
                                .caseInsensitive(true)))
                        .should(s -> s.term(t -> t.field("entities.id").value(q.strip())))
                        .minimumShouldMatch("1")));
            }
            if (type != null && !type.isBlank()) {
                b.filter(f -> f.term(t -> t.field("entities.type").value(type.strip())));
            }
            return b;
        }));
        SearchResponse<Void> response = client.search(s -> s.index(index.readAlias()).size(0)
                .aggregations("entities", a -> a.nested(n -> n.path("entities"))
                        .aggregations("matching", m -> m.filter(match)
                                .aggregations("ids", EntityAggregations.byId(size)))), Void.class);
        Aggregate ids = response.aggregations().get("entities").nested().aggregations().get("matching").filter()
                .aggregations().get("ids");
        return EntityAggregations.summaries(ids);
    }

    /** One entity: name, type, how often and where it is mentioned, what it appears with, and when. */
    @GetMapping("/api/v1/entities/{id}")
    @Operation(summary = "One entity", description = "Name, type, aliases seen, mention and document counts, the "
            + "newest documents mentioning it, co-occurring entities (counted over a sample of the entity's documents "
            + "when it has more than query.entities.cooccurrence-sample, as cooccurringSampled says) and mentions per "
            + "day and week (dates known only "
            + "to the month or year are left out of those and counted in approximateDatesLeftOut).")
    @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = """
            {"id":"Q1394","name":"Vladimir Lenin","type":"PERSON","aliases":["Vladimir Lenin"],"aliasesSampleSize":1000,"mentions":7,\
            "documentCount":3,"documents":[{"id":"2c97...","kind":"COMMENT","publishedAt":"2023-11-01T00:00:00Z"}],\
            "cooccurring":[{"id":"Q855","name":"Joseph Stalin","type":"PERSON","mentions":2,"documents":2}],\
            "cooccurringSampled":false,"cooccurringDocuments":3,\
            "mentionsPerDay":[{"date":"2023-11-01T00:00:00.000Z","documents":3,"mentions":7}],\
            "mentionsPerWeek":[{"date":"2023-10-30T00:00:00.000Z","documents":3,"mentions":7}],\
            "approximateDatesLeftOut":0}""")))
    EntityDetail entity(@Parameter(example = "Q1394") @PathVariable String id,
                        @Parameter(description = "how many documents to list", example = "20")
                        @RequestParam(defaultValue = "20") int documents)
            throws IOException {
        if (documents < 0 || documents > MAX_SIZE) {
            throw new BadRequest("documents must be between 0 and " + MAX_SIZE, "documents");
        }
        Query mentioning = Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("entityIds").value(id)))));
        List<String> self = List.of(id);
        int sample = properties.cooccurrenceSample();
        // The figures are one size-0 request, so Elasticsearch's request cache answers them again until the next
        // refresh that changes the index; the newest documents are a plain top-N sorted on doc values, in parallel.
        CompletableFuture<SearchResponse<Void>> figuresAnswer = CompletableFuture.supplyAsync(() -> search(
                SearchRequest.of(s -> s.index(index.readAlias()).size(0).requestCache(true)
                        .query(mentioning)
                        .aggregations("self", EntityMentions.of(self))
                        .aggregations("aliases", a -> a.sampler(sm -> sm.shardSize(ALIAS_SAMPLE))
                                .aggregations("entities", n -> n.nested(ne -> ne.path("entities"))
                                        .aggregations("this", t -> t.filter(f -> f.term(te -> te.field("entities.id")
                                                        .value(id)))
                                                .aggregations("names", na -> na.terms(te -> te
                                                        .field("entities.name.keyword").size(10))))))
                        .aggregations("cooccurring", a -> a.sampler(sm -> sm.shardSize(sample))
                                .aggregations("ids", t -> t.terms(te -> te.field("entityIds").size(COOCCURRING)
                                        .exclude(e -> e.terms(self)))))
                        // Days leave out the dates known only to the month or year; weeks are added up from them.
                        .aggregations("dated", a -> a.filter(ApproximateDates.fits("day"))
                                .aggregations("perDay", EntityMentions.overTime(id, CalendarInterval.Day)))
                        .aggregations("leftOut", a -> a.filter(ApproximateDates.leftOut("day"))))), REQUESTS);
        List<ObjectNode> docs = List.of();
        if (documents > 0) {
            try {
                docs = client.search(s -> s.index(index.readAlias())
                        .query(mentioning)
                        .size(documents)
                        .trackTotalHits(t -> t.enabled(false))
                        .source(src -> src.filter(f -> f.includes("id", "kind", "title", "author", "publishedAt",
                                "publishedAtPrecision", "source", "thread.rootId")))
                        .sort(o -> o.field(f -> f.field("publishedAt").order(SortOrder.Desc).missing("_last"))),
                        ObjectNode.class).hits().hits().stream().map(h -> h.source()).toList();
            } catch (IOException | RuntimeException e) {
                figuresAnswer.cancel(true);
                throw e;
            }
        }
        SearchResponse<Void> response = ParallelSearches.join(figuresAnswer);
        EntityMentions.Tally tally = EntityMentions.read(response.aggregations().get("self")).get(id);
        if (tally == null) {
            throw new NotFound("No document mentions entity " + id);
        }
        List<String> aliases = response.aggregations().get("aliases").sampler().aggregations().get("entities")
                .nested().aggregations().get("this").filter().aggregations().get("names").sterms().buckets().array()
                .stream().map(b -> b.key().stringValue()).toList();
        Aggregate cooccurringSample = response.aggregations().get("cooccurring");
        long counted = cooccurringSample.sampler().docCount();
        List<StringTermsBucket> others = cooccurringSample.sampler().aggregations().get("ids").sterms().buckets()
                .array();
        List<String> otherIds = others.stream().map(b -> b.key().stringValue()).toList();
        // Their mentions over the same sample (the sampler takes the same documents: equal scores, index order).
        Map<String, EntityMentions.Tally> otherMentions = otherIds.isEmpty() ? Map.of()
                : EntityMentions.read(client.search(s -> s.index(index.readAlias()).size(0).requestCache(true)
                        .query(mentioning).aggregations("sample", a -> a.sampler(sm -> sm.shardSize(sample))
                                .aggregations("mentions", EntityMentions.of(otherIds))), Void.class)
                        .aggregations().get("sample").sampler().aggregations().get("mentions"));
        List<String> named = new ArrayList<>(otherIds);
        named.add(id);
        Map<String, EntityNames.Named> names = this.names.of(named);
        List<EntitySummary> cooccurring = others.stream().map(b -> {
            String other = b.key().stringValue();
            EntityNames.Named n = names.get(other);
            EntityMentions.Tally t = otherMentions.get(other);
            return new EntitySummary(other, n == null ? other : n.name(), n == null ? null : n.type(),
                    t == null ? 0 : t.mentions(), b.docCount());
        }).toList();
        EntityNames.Named me = names.get(id);
        Map<String, Aggregate> dated = response.aggregations().get("dated").filter().aggregations();
        List<Point> days = series(dated.get("perDay"));
        List<Point> weeks = EntityMentions.weeks(days.stream()
                .map(p -> new EntityMentions.Point(p.date(), p.documents(), p.mentions())).toList()).stream()
                .map(p -> new Point(p.date(), p.documents(), p.mentions())).toList();
        return new EntityDetail(id, me == null ? id : me.name(), me == null ? null : me.type(), aliases,
                ALIAS_SAMPLE, tally.mentions(), tally.documents(), docs, cooccurring,
                counted < tally.documents(), counted, days, weeks,
                response.aggregations().get("leftOut").filter().docCount());
    }

    private SearchResponse<Void> search(SearchRequest request) {
        try {
            return client.search(request, Void.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Point> series(Aggregate mentions) {
        return EntityMentions.readOverTime(mentions).stream()
                .map(p -> new Point(p.date(), p.documents(), p.mentions())).toList();
    }

    /**
     * {@code cooccurring} is counted over {@code cooccurringDocuments} of the entity's {@code documentCount}
     * documents; {@code cooccurringSampled} says when that is fewer than all (see {@link EntityPageProperties}).
     */
    record EntityDetail(String id, String name, String type, List<String> aliases, int aliasesSampleSize,
                        long mentions, long documentCount,
                        List<ObjectNode> documents, List<EntitySummary> cooccurring, boolean cooccurringSampled,
                        long cooccurringDocuments, List<Point> mentionsPerDay,
                        List<Point> mentionsPerWeek, long approximateDatesLeftOut) {
    }

    record Point(String date, long documents, long mentions) {
    }
}
