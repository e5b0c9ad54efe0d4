package org.speechforum.query.search;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facets a search answers with: kinds, sources, authors, top entities per type and a date histogram,
 * computed by Elasticsearch over the whole result set, not just the page.
 */
final class Facets {

    private static final int TOP = 10;

    private Facets() {
    }

    static Map<String, Aggregation> requested(String interval) {
        Map<String, Aggregation> aggs = new LinkedHashMap<>();
        aggs.put("kinds", Aggregation.of(a -> a.terms(t -> t.field("kind").size(TOP))));
        aggs.put("sources", Aggregation.of(a -> a.terms(t -> t.field("source").size(TOP))));
        aggs.put("authors", Aggregation.of(a -> a.terms(t -> t.field("author.name.keyword").size(TOP))));
        aggs.put("handles", Aggregation.of(a -> a.terms(t -> t.field("author.handle").size(TOP))));
        aggs.put("entities", Aggregation.of(a -> a
                .nested(n -> n.path("entities"))
                .aggregations("types", Aggregation.of(types -> types
                        .terms(t -> t.field("entities.type").size(TOP))
                        .aggregations("ids", Aggregation.of(ids -> ids
                                .terms(t -> t.field("entities.id").size(TOP))
                                .aggregations("name", Aggregation.of(name -> name
                                        .terms(t -> t.field("entities.name.keyword").size(1))))))))));
        aggs.put("dates", Aggregation.of(a -> a.dateHistogram(h -> h
                .field("publishedAt")
                .calendarInterval(CalendarInterval.valueOf(capitalise(interval)))
                .minDocCount(1))));
        return aggs;
    }

    static Map<String, Object> read(Map<String, Aggregate> aggregations) {
        Map<String, Object> facets = new LinkedHashMap<>();
        facets.put("kinds", counts(aggregations.get("kinds")));
        facets.put("sources", counts(aggregations.get("sources")));
        List<Count> authors = new ArrayList<>(counts(aggregations.get("authors")));
        authors.addAll(counts(aggregations.get("handles")));
        authors.sort((a, b) -> Long.compare(b.count(), a.count()));
        facets.put("authors", authors);
        Map<String, List<EntityCount>> entities = new LinkedHashMap<>();
        Aggregate nested = aggregations.get("entities");
        if (nested != null) {
            for (StringTermsBucket type : nested.nested().aggregations().get("types").sterms().buckets().array()) {
                List<EntityCount> top = new ArrayList<>();
                for (StringTermsBucket id : type.aggregations().get("ids").sterms().buckets().array()) {
                    List<StringTermsBucket> names = id.aggregations().get("name").sterms().buckets().array();
                    top.add(new EntityCount(id.key().stringValue(),
                            names.isEmpty() ? id.key().stringValue() : names.getFirst().key().stringValue(),
                            id.docCount()));
                }
                entities.put(type.key().stringValue(), top);
            }
        }
        facets.put("entities", entities);
        List<DateCount> dates = new ArrayList<>();
        Aggregate histogram = aggregations.get("dates");
        if (histogram != null) {
            for (DateHistogramBucket bucket : histogram.dateHistogram().buckets().array()) {
                dates.add(new DateCount(bucket.keyAsString(), bucket.docCount()));
            }
        }
        facets.put("dates", dates);
        return facets;
    }

    private static List<Count> counts(Aggregate aggregate) {
        if (aggregate == null || !aggregate.isSterms()) {
            return List.of();
        }
        return aggregate.sterms().buckets().array().stream()
                .map(b -> new Count(b.key().stringValue(), b.docCount()))
                .toList();
    }

    private static String capitalise(String interval) {
        return Character.toUpperCase(interval.charAt(0)) + interval.substring(1);
    }

    record Count(String value, long count) {
    }

    record EntityCount(String id, String name, long count) {
    }

    record DateCount(String date, long count) {
    }
}
