package org.speechforum.query.entities;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import org.speechforum.query.index.RootFields;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
