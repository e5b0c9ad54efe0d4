package org.speechforum.query.entities;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import org.speechforum.query.index.RootFields;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mention and document counts per entity from the root-level {@code entityMentions} terms ({@code id:count},
 * one per entity per document, see {@link RootFields}): exact, and no nested documents are visited.
 */
public final class EntityMentions {

    /** More distinct per-document counts than any entity has in practice; the buckets are tiny. */
    private static final int COUNTS_PER_ENTITY = 200;

    private EntityMentions() {
    }

    /** Documents and mentions of one entity. */
    public record Tally(long documents, long mentions) {
    }

    /** A terms aggregation over the {@code entityMentions} terms of {@code ids}. */
    public static Aggregation of(List<String> ids) {
        return Aggregation.of(a -> a.terms(t -> t.field("entityMentions")
                .include(i -> i.regexp(RootFields.mentionsPattern(ids)))
                .size(COUNTS_PER_ENTITY * ids.size())));
    }

    /** Documents and mentions of one entity in one calendar bucket. */
    public record Point(String date, long documents, long mentions) {
    }

    /**
     * Documents and mentions of {@code id} per calendar bucket: the histogram goes under the id's few
     * {@code id:count} terms (one per distinct count) rather than a terms aggregation under every date bucket.
     */
    public static Aggregation overTime(String id, CalendarInterval interval) {
        return Aggregation.of(a -> a.terms(t -> t.field("entityMentions")
                        .include(i -> i.regexp(RootFields.mentionsPattern(List.of(id))))
                        .size(COUNTS_PER_ENTITY))
                .aggregations("time", h -> h.dateHistogram(d -> d.field("publishedAt").calendarInterval(interval)
                        .minDocCount(1))));
    }

    /** What {@link #overTime} counted, in time order. */
    public static List<Point> readOverTime(Aggregate terms) {
        TreeMap<Long, Point> points = new TreeMap<>();
        for (StringTermsBucket count : terms.sterms().buckets().array()) {
            String term = count.key().stringValue();
            for (DateHistogramBucket b : count.aggregations().get("time").dateHistogram().buckets().array()) {
                points.merge(b.key(), new Point(b.keyAsString(), b.docCount(), RootFields.mentions(term, b.docCount())),
                        (x, y) -> new Point(x.date(), x.documents() + y.documents(), x.mentions() + y.mentions()));
            }
        }
        return new ArrayList<>(points.values());
    }

    private static final DateTimeFormatter BUCKET_KEY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * Calendar weeks (Monday, UTC, as Elasticsearch's {@code calendar_interval: week} buckets them) added up from
     * day buckets: exact, since a day never straddles two weeks, and one date histogram less per request.
     */
    public static List<Point> weeks(List<Point> days) {
        TreeMap<Instant, Point> weeks = new TreeMap<>();
        for (Point day : days) {
            Instant monday = Instant.parse(day.date()).atZone(ZoneOffset.UTC).toLocalDate()
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC).toInstant();
            weeks.merge(monday, new Point(BUCKET_KEY.format(monday), day.documents(), day.mentions()),
                    (x, y) -> new Point(x.date(), x.documents() + y.documents(), x.mentions() + y.mentions()));
        }
        return new ArrayList<>(weeks.values());
    }

    /** Per id, what {@link #of} counted. */
    public static Map<String, Tally> read(Aggregate terms) {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (StringTermsBucket bucket : terms.sterms().buckets().array()) {
            String term = bucket.key().stringValue();
            tallies.merge(RootFields.idOf(term), new Tally(bucket.docCount(),
                    RootFields.mentions(term, bucket.docCount())),
                    (a, b) -> new Tally(a.documents() + b.documents(), a.mentions() + b.mentions()));
        }
        return tallies;
    }
}
