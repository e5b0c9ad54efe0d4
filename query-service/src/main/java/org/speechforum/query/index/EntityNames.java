package org.speechforum.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Canonical entity ids to their most common name and type, for facets and co-occurrence lists that count on
 * root-level id fields. Names are looked up for the ids a page shows and kept for {@link #TTL}: a lookup first
 * asks the best-matching {@link #SAMPLE} documents that mention any of the ids (nested terms under a sampler),
 * then, for ids the sample missed (rare ones, hence few documents), all documents mentioning them.
 */
@Component
public class EntityNames {

    static final Duration TTL = Duration.ofMinutes(10);
    static final int SAMPLE = 1000;
    private static final int MAX_ENTRIES = 100_000;

    private final ElasticsearchClient client;
    private final IndexProperties index;
    private final Clock clock;
    private final Map<String, Named> cache = new ConcurrentHashMap<>();

    @Autowired
    public EntityNames(ElasticsearchClient client, IndexProperties index) {
        this(client, index, Clock.systemUTC());
    }

    EntityNames(ElasticsearchClient client, IndexProperties index, Clock clock) {
        this.client = client;
        this.index = index;
        this.clock = clock;
    }

    /** A name and a type, known until {@code until} (epoch millis). */
    public record Named(String name, String type, long until) {
    }

    /** The names of {@code ids}; ids no document mentions are absent. */
    public Map<String, Named> of(Collection<String> ids) throws IOException {
        long now = clock.millis();
        Map<String, Named> found = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String id : ids) {
            Named named = cache.get(id);
            if (named != null && named.until() > now) {
                found.put(id, named);
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            lookUp(missing, true, found);
            if (!missing.isEmpty()) {
                lookUp(missing, false, found);
            }
            if (cache.size() > MAX_ENTRIES) {
                cache.clear();
            }
        }
        return found;
    }

    private void lookUp(Set<String> missing, boolean sampled, Map<String, Named> found) throws IOException {
        List<FieldValue> values = missing.stream().map(FieldValue::of).toList();
        Query mentioning = Query.of(q -> q.terms(t -> t.field("entityIds").terms(v -> v.value(values))));
        Query nestedIds = Query.of(q -> q.terms(t -> t.field("entities.id").terms(v -> v.value(values))));
        Aggregation names = Aggregation.of(a -> a.nested(n -> n.path("entities"))
                .aggregations("these", f -> f.filter(nestedIds)
                        .aggregations("ids", EntityAggregations.byId(missing.size()))));
        SearchResponse<Void> response = client.search(s -> s.index(index.readAlias()).size(0).query(mentioning)
                .requestCache(true)
                .aggregations("names", sampled
                        ? Aggregation.of(a -> a.sampler(sm -> sm.shardSize(SAMPLE)).aggregations("in", names))
                        : names), Void.class);
        Aggregate agg = response.aggregations().get("names");
        Aggregate nested = sampled ? agg.sampler().aggregations().get("in") : agg;
        Aggregate ids = nested.nested().aggregations().get("these").filter().aggregations().get("ids");
        long until = clock.millis() + TTL.toMillis();
        for (StringTermsBucket bucket : ids.sterms().buckets().array()) {
            String id = bucket.key().stringValue();
            Named named = new Named(first(bucket, "name", id), first(bucket, "type", null), until);
            cache.put(id, named);
            found.put(id, named);
            missing.remove(id);
        }
    }

    private static String first(StringTermsBucket bucket, String aggregation, String fallback) {
        List<StringTermsBucket> values = bucket.aggregations().get(aggregation).sterms().buckets().array();
        return values.isEmpty() ? fallback : values.getFirst().key().stringValue();
    }
}
