package org.speechforum.query.stats;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import org.speechforum.query.entities.EntityMentions;
import org.speechforum.query.index.EntityNames;
import org.speechforum.query.index.EntitySummary;
import org.speechforum.query.index.IndexProperties;
import org.speechforum.query.search.ApproximateDates;
import org.speechforum.query.search.BadRequest;
import org.speechforum.query.search.DocumentQueries;
import org.speechforum.query.search.SearchParams;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Aggregations a dashboard plots. Series are lists of {@code {date, value}} points in time order, one series
 * per entity / kind / source, which a Grafana JSON data source or a notebook takes as they are.
 */
@RestController
class StatsController {

    private static final int MAX_SERIES = 10;
    private static final int MAX_TOP = 100;

    private final ElasticsearchClient client;
    private final IndexProperties index;
    private final EntityNames names;

    StatsController(ElasticsearchClient client, IndexProperties index, EntityNames names) {
        this.client = client;
        this.index = index;
        this.names = names;
    }

    /** Mentions per time bucket of each requested entity (by canonical id). */
    @GetMapping("/api/v1/stats/mentions")
    @Operation(summary = "Mentions over time per entity", description = "Dates known only to the month or year "
            + "are left out of finer buckets; approximateDatesLeftOut counts those documents.")
    @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = """
            {"interval":"month","series":[{"id":"Q7747","name":"Vladimir Putin",\
            "points":[{"date":"2024-10-01T00:00:00.000Z","value":12}],"approximateDatesLeftOut":1}],\
            "approximateDatesLeftOut":1}""")))
    MentionSeries mentions(@Parameter(description = "1 to 10 entity ids", example = "Q7747,Q1394")
                           @RequestParam List<String> entity,
                           @Parameter(example = "week") @RequestParam(required = false) String interval,
                           @Parameter(example = "2024-01-01") @RequestParam(required = false) String from,
                           @Parameter(example = "2025-01-01") @RequestParam(required = false) String to) throws IOException {
        List<String> ids = SearchParams.values(entity);
        if (ids.isEmpty() || ids.size() > MAX_SERIES) {
            throw new BadRequest("give 1 to " + MAX_SERIES + " entity ids", "entity");
        }
        String bucket = SearchParams.interval(interval);
        Instant fromInstant = SearchParams.instant(from, "from");
        Instant toInstant = SearchParams.instant(to, "to");
        List<Series> series = new ArrayList<>();
        Map<String, EntityNames.Named> known = names.of(ids);
        for (String id : ids) {
            Query filter = DocumentQueries.of(SearchParams.filters(List.of(id), List.of(), fromInstant, toInstant));
            SearchResponse<Void> response = client.search(s -> s.index(index.readAlias()).size(0).query(filter)
                    .requestCache(true)
                    .aggregations("dated", a -> a.filter(ApproximateDates.fits(bucket))
                            .aggregations("mentions", EntityMentions.overTime(id, calendar(bucket))))
                    .aggregations("leftOut", a -> a.filter(ApproximateDates.leftOut(bucket))), Void.class);
            List<Point> points = EntityMentions.readOverTime(response.aggregations().get("dated").filter()
                            .aggregations().get("mentions")).stream()
                    .map(p -> new Point(p.date(), p.mentions())).toList();
            EntityNames.Named named = known.get(id);
            series.add(new Series(id, named == null ? id : named.name(), points,
                    response.aggregations().get("leftOut").filter().docCount()));
        }
        return new MentionSeries(bucket, series, series.stream().mapToLong(Series::approximateDatesLeftOut).sum());
    }

    /** The most mentioned entities, optionally of one type and within a date range. */
    @GetMapping("/api/v1/stats/top-entities")
    @Operation(summary = "Most mentioned entities")
    @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = """
            [{"id":"Q159","name":"Russia","type":"LOCATION","mentions":40,"documents":5}]""")))
    List<EntitySummary> topEntities(@Parameter(example = "LOCATION") @RequestParam(required = false) String type,
                                    @Parameter(example = "2024-01-01") @RequestParam(required = false) String from,
                                    @Parameter(example = "2025-01-01") @RequestParam(required = false) String to,
                                    @Parameter(example = "10") @RequestParam(defaultValue = "10") int size) throws IOException {
        if (size < 1 || size > MAX_TOP) {
            throw new BadRequest("size must be between 1 and " + MAX_TOP, "size");
        }
        Query filter = DocumentQueries.of(SearchParams.filters(List.of(), List.of(),
                SearchParams.instant(from, "from"), SearchParams.instant(to, "to")));
        String field = type == null || type.isBlank() ? "entityIds" : "entityIdsByType." + type.strip();
        SearchResponse<Void> response = client.search(s -> s.index(index.readAlias()).size(0).query(filter)
                .requestCache(true)
                .aggregations("ids", a -> a.terms(t -> t.field(field).size(size))), Void.class);
        List<StringTermsBucket> top = response.aggregations().get("ids").sterms().buckets().array();
        List<String> ids = top.stream().map(b -> b.key().stringValue()).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, EntityMentions.Tally> mentions = EntityMentions.read(client.search(s -> s
                .index(index.readAlias()).size(0).query(filter).requestCache(true)
                .aggregations("mentions", EntityMentions.of(ids)), Void.class).aggregations().get("mentions"));
        Map<String, EntityNames.Named> known = names.of(ids);
        return top.stream().map(b -> {
            String id = b.key().stringValue();
            EntityNames.Named named = known.get(id);
            EntityMentions.Tally tally = mentions.get(id);
            return new EntitySummary(id, named == null ? id : named.name(),
                    named == null ? null : named.type(), tally == null ? 0 : tally.mentions(), b.docCount());
        }).toList();
    }

    /** Documents per time bucket, one series per kind (or per source with {@code by=source}). */
    @GetMapping("/api/v1/stats/activity")
    @Operation(summary = "Documents over time, per kind or per source", description = "Dates known only to the "
            + "month or year are left out of finer buckets; approximateDatesLeftOut counts those documents.")
    @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = """
            {"interval":"day","by":"kind","series":[{"id":"COMMENT","name":"COMMENT",\
            "points":[{"date":"2024-10-24T00:00:00.000Z","value":4}],"approximateDatesLeftOut":2}],\
            "approximateDatesLeftOut":2}""")))
    ActivitySeries activity(@Parameter(example = "day") @RequestParam(required = false) String interval,
                            @Parameter(description = "kind or source", example = "kind")
                            @RequestParam(defaultValue = "kind") String by,
                            @Parameter(example = "2024-01-01") @RequestParam(required = false) String from,
                            @Parameter(example = "2025-01-01") @RequestParam(required = false) String to) throws IOException {
        String field = switch (by.toLowerCase(Locale.ROOT)) {
            case "kind" -> "kind";
            case "source" -> "source";
            default -> throw new BadRequest("by must be kind or source", "by");
        };
        String bucket = SearchParams.interval(interval);
        Query filter = DocumentQueries.of(SearchParams.filters(List.of(), List.of(),
                SearchParams.instant(from, "from"), SearchParams.instant(to, "to")));
        SearchResponse<Void> response = client.search(s -> s.index(index.readAlias()).size(0).query(filter)
                .aggregations("groups", a -> a.terms(t -> t.field(field).size(MAX_SERIES))
                        .aggregations("dated", d -> d.filter(ApproximateDates.fits(bucket))
                                .aggregations("buckets", h -> h.dateHistogram(dh -> dh.field("publishedAt")
                                        .calendarInterval(calendar(bucket)).minDocCount(1))))
                        .aggregations("leftOut", l -> l.filter(ApproximateDates.leftOut(bucket))))
                .aggregations("leftOut", a -> a.filter(ApproximateDates.leftOut(bucket))), Void.class);
        List<Series> series = new ArrayList<>();
        for (StringTermsBucket group : response.aggregations().get("groups").sterms().buckets().array()) {
            Aggregate histogram = group.aggregations().get("dated").filter().aggregations().get("buckets");
            String key = group.key().stringValue();
            series.add(new Series(key, key, histogram.dateHistogram().buckets().array().stream()
                    .map(b -> new Point(b.keyAsString(), b.docCount())).toList(),
                    group.aggregations().get("leftOut").filter().docCount()));
        }
        return new ActivitySeries(bucket, by, series, response.aggregations().get("leftOut").filter().docCount());
    }

    private static CalendarInterval calendar(String interval) {
        return switch (interval) {
            case "day" -> CalendarInterval.Day;
            case "week" -> CalendarInterval.Week;
            case "year" -> CalendarInterval.Year;
            default -> CalendarInterval.Month;
        };
    }

    record Point(String date, long value) {
    }

    /**
     * @param approximateDatesLeftOut documents of this series whose date is less exact than the buckets (a YEAR or
     *                                MONTH precision, see {@link ApproximateDates}), not in {@code points}
     */
    record Series(String id, String name, List<Point> points, long approximateDatesLeftOut) {
    }

    /** @param approximateDatesLeftOut the sum over the series */
    record MentionSeries(String interval, List<Series> series, long approximateDatesLeftOut) {
    }

    /** @param approximateDatesLeftOut documents left out of all the series (also those of series not listed) */
    record ActivitySeries(String interval, String by, List<Series> series, long approximateDatesLeftOut) {
    }
}
