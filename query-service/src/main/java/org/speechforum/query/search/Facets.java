package org.speechforum.query.search;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import org.speechforum.query.index.EntityNames;
import org.speechforum.query.index.RootFields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facets a search answers with: kinds, sources, languages, authors, top entities per type and a date histogram,
 * computed by Elasticsearch over the whole result set, not just the page. The date histogram leaves out dates less
 * exact than its buckets and says how many ({@code approximateDatesLeftOut}, see {@link ApproximateDates}). Every facet is a terms aggregation on
 * a root-level keyword field with eager global ordinals (entity facets on {@code entityIdsByType.<TYPE>}, see
 * {@link RootFields}); entity names come from {@link EntityNames}, not from sub-aggregations.
 */
final class Facets {

    static final int TOP = 10;

    private Facets() {
    }

    static Map<String, Aggregation> requested(String interval) {
        Map<String, Aggregation> aggs = new LinkedHashMap<>();
        aggs.put("kinds", terms("kind"));
        aggs.put("sources", terms("source"));
        aggs.put("languages", terms("language"));
        aggs.put("authors", terms("author.name.keyword"));
        aggs.put("handles", terms("author.handle"));
        aggs.put("types", terms("entityTypes"));
        for (String type : RootFields.TYPES) {
            aggs.put("entities." + type, terms("entityIdsByType." + type));
        }
        // Only dates known at least as exactly as the buckets (see ApproximateDates); the rest are counted apart.
        aggs.put("dates", Aggregation.of(a -> a.filter(ApproximateDates.fits(interval))
                .aggregations("histogram", h -> h.dateHistogram(d -> d
                        .field("publishedAt")
                        .calendarInterval(CalendarInterval.valueOf(capitalise(interval)))
                        .minDocCount(1)))));
        aggs.put("datesLeftOut", Aggregation.of(a -> a.filter(ApproximateDates.leftOut(interval))));
        return aggs;
    }

    private static Aggregation terms(String field) {
        return Aggregation.of(a -> a.terms(t -> t.field(field).size(TOP)));
    }

    /** The entity ids the facets list, for one name lookup. */
    static Set<String> entityIds(Map<String, Aggregate> aggregations) {
        Set<String> ids = new LinkedHashSet<>();
        for (String type : RootFields.TYPES) {
            Aggregate agg = aggregations.get("entities." + type);
            if (agg != null && agg.isSterms()) {
                agg.sterms().buckets().array().forEach(b -> ids.add(b.key().stringValue()));
            }
        }
        return ids;
    }

    /** Exact facets: every count as Elasticsearch gave it. */
    static Map<String, Object> read(Map<String, Aggregate> aggregations, Map<String, EntityNames.Named> names) {
        return read(aggregations, names, null);
    }

    /**
     * Facets read from {@code aggregations}; with a {@code sample}, from the sampler's bucket, each scaled count
     * capped at the exact number of matches (a value's estimate can overshoot, a count above the total reads as a
     * bug), and the sample described under {@code facets.sample}. Without one, {@code facets.sample} is null.
     */
    static Map<String, Object> read(Map<String, Aggregate> aggregations, Map<String, EntityNames.Named> names,
                                    FacetSample sample) {
        long cap = sample == null ? Long.MAX_VALUE : sample.matches();
        Map<String, Object> facets = new LinkedHashMap<>();
        facets.put("kinds", counts(aggregations.get("kinds"), cap));
        facets.put("sources", counts(aggregations.get("sources"), cap));
        facets.put("languages", counts(aggregations.get("languages"), cap));
        List<Count> authors = new ArrayList<>(counts(aggregations.get("authors"), cap));
        authors.addAll(counts(aggregations.get("handles"), cap));
        authors.sort((a, b) -> Long.compare(b.count(), a.count()));
        facets.put("authors", authors);
        Map<String, List<EntityCount>> entities = new LinkedHashMap<>();
        for (Count type : counts(aggregations.get("types"), cap)) {
            Aggregate ids = aggregations.get("entities." + type.value());
            if (ids == null || !ids.isSterms()) {
                continue;
            }
            List<EntityCount> top = new ArrayList<>();
            for (StringTermsBucket id : ids.sterms().buckets().array()) {
                String key = id.key().stringValue();
                EntityNames.Named named = names.get(key);
                top.add(new EntityCount(key, named == null ? key : named.name(), Math.min(id.docCount(), cap)));
            }
            entities.put(type.value(), top);
        }
        facets.put("entities", entities);
        List<DateCount> dates = new ArrayList<>();
        Aggregate dated = aggregations.get("dates");
        if (dated != null) {
            for (DateHistogramBucket bucket : dated.filter().aggregations().get("histogram").dateHistogram().buckets()
                    .array()) {
                dates.add(new DateCount(bucket.keyAsString(), Math.min(bucket.docCount(), cap)));
            }
        }
        facets.put("dates", dates);
        Aggregate leftOut = aggregations.get("datesLeftOut");
        facets.put("approximateDatesLeftOut", leftOut == null ? 0 : Math.min(leftOut.filter().docCount(), cap));
        facets.put("sample", sample);
        return facets;
    }

    private static List<Count> counts(Aggregate aggregate, long cap) {
        if (aggregate == null || !aggregate.isSterms()) {
            return List.of();
        }
        return aggregate.sterms().buckets().array().stream()
                .map(b -> new Count(b.key().stringValue(), Math.min(b.docCount(), cap)))
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
