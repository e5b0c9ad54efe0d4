package org.speechforum.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;

import java.util.List;

/**
 * Dates known only to the month or the year ({@code publishedAtPrecision} MONTH or YEAR: "1 year ago" on a copied
 * forum page) have no place in a finer bucket: plotted by their approximate instant they would make a spike on one
 * day that never happened. Every date histogram therefore counts only the documents whose date fits its interval
 * ({@link #fits}) and reports how many it left out ({@link #leftOut}) as {@code approximateDatesLeftOut}. A DAY
 * date fits day and week buckets, a MONTH date month and year buckets, a YEAR date only year buckets; a document
 * without a precision counts as exact.
 */
public final class ApproximateDates {

    private static final String FIELD = "publishedAtPrecision";

    private ApproximateDates() {
    }

    /** The precisions too coarse for buckets of {@code interval} (day, week, month, year). */
    public static List<String> coarserThan(String interval) {
        return switch (interval) {
            case "day", "week" -> List.of("MONTH", "YEAR");
            case "month" -> List.of("YEAR");
            case "year" -> List.of();
            default -> throw new IllegalArgumentException("not an interval: " + interval);
        };
    }

    /** Documents a histogram of {@code interval} counts. */
    public static Query fits(String interval) {
        List<String> coarse = coarserThan(interval);
        if (coarse.isEmpty()) {
            return Query.of(q -> q.matchAll(m -> m));
        }
        return Query.of(q -> q.bool(b -> b.mustNot(terms(coarse))));
    }

    /** Dated documents a histogram of {@code interval} leaves out. */
    public static Query leftOut(String interval) {
        List<String> coarse = coarserThan(interval);
        if (coarse.isEmpty()) {
            return Query.of(q -> q.matchNone(m -> m));
        }
        return Query.of(q -> q.bool(b -> b.filter(terms(coarse)).filter(f -> f.exists(e -> e.field("publishedAt")))));
    }

    private static Query terms(List<String> values) {
        return Query.of(q -> q.terms(t -> t.field(FIELD)
                .terms(v -> v.value(values.stream().map(FieldValue::of).toList()))));
    }
}
