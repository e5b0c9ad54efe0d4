package org.speechforum.query.index;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;

import java.util.List;

/**
 * The one way entities are counted inside a {@code nested(entities)} aggregation: per canonical id, its most
 * common name and type, the documents mentioning it (one nested object per entity per document) and the sum
 * of its mention counts.
 */
public final class EntityAggregations {

    private EntityAggregations() {
    }

    public static Aggregation byId(int size) {
        return Aggregation.of(a -> a.terms(t -> t.field("entities.id").size(size))
                .aggregations("name", n -> n.terms(t -> t.field("entities.name.keyword").size(1)))
                .aggregations("type", n -> n.terms(t -> t.field("entities.type").size(1)))
                .aggregations("mentions", n -> n.sum(s -> s.field("entities.count"))));
    }

    public static List<EntitySummary> summaries(Aggregate byId) {
        return byId.sterms().buckets().array().stream().map(EntityAggregations::summary).toList();
    }

    private static EntitySummary summary(StringTermsBucket bucket) {
        String id = bucket.key().stringValue();
        return new EntitySummary(id, first(bucket, "name", id), first(bucket, "type", null),
                Math.round(bucket.aggregations().get("mentions").sum().value()), bucket.docCount());
    }

    private static String first(StringTermsBucket bucket, String aggregation, String fallback) {
        List<StringTermsBucket> values = bucket.aggregations().get(aggregation).sterms().buckets().array();
        return values.isEmpty() ? fallback : values.getFirst().key().stringValue();
    }
}
