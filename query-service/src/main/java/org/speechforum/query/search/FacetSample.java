package org.speechforum.query.search;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.SamplerAggregate;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.JsonpUtils;
import jakarta.json.stream.JsonParser;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.StringReader;
import java.util.Map;
import java.util.Set;

/**
 * How a search's facets were counted: over every match, or estimated from a random sample of them when there are
 * many. Counting ten terms aggregations over 200,000 matches costs Elasticsearch 300 to 450 ms on a million
 * documents; the same facets over a sample of about 10,000 matches cost 60 to 115 ms, and the top values a
 * dashboard shows barely move. The answer says which it is ({@code facets.sample}), so nobody reads an
 * estimate as a count.
 *
 * @param matches     the exact number of documents the search matched (a {@code _count})
 * @param documents   how many of them the facets were counted over
 * @param probability the chance each match had to be in the sample; the counts are scaled by its inverse
 */
record FacetSample(long matches, long documents, double probability) {

    /** A fixed seed: the same question over the same index draws the same sample, so page views agree. */
    static final int SEED = 18;
    private static final String AGGREGATION = "sample";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> SAMPLER_SETTINGS = Set.of("seed", "probability", "shard_seed");

    /**
     * The probability to sample {@code matches} with, aiming at {@code sampleSize} documents; 1 (count them all)
     * while the matches are at most twice that, since below that the sample saves little and Elasticsearch
     * refuses probabilities between 0.5 and 1.
     */
    static double probability(long matches, int sampleSize) {
        return matches > 2L * sampleSize ? (double) sampleSize / matches : 1;
    }

    /** The facet aggregations wrapped in one {@code random_sampler} of that probability. */
    static Map<String, Aggregation> around(Map<String, Aggregation> facets, double probability) {
        return Map.of(AGGREGATION, Aggregation.of(a -> a
                .randomSampler(r -> r.probability(probability).seed(SEED))
                .aggregations(facets)));
    }

    /**
     * The sampler's bucket from a search answer. The Java client has no type for a {@code random_sampler} answer
     * and hands it over as raw JSON; apart from its settings it has the shape of a {@code sampler} bucket
     * ({@code doc_count} and the typed sub-aggregations), so it is read as one.
     */
    static SamplerAggregate bucket(Map<String, Aggregate> aggregations, JsonpMapper mapper) {
        Aggregate sampled = aggregations.get(AGGREGATION);
        if (sampled == null || !sampled._isCustom()) {
            throw new IllegalStateException("Elasticsearch answered without the random_sampler bucket");
        }
        ObjectNode bucket = (ObjectNode) JSON.readTree(JsonpUtils.toJsonString(sampled._custom(), mapper));
        bucket.remove(SAMPLER_SETTINGS);
        try (JsonParser parser = mapper.jsonProvider().createParser(new StringReader(bucket.toString()))) {
            return SamplerAggregate._DESERIALIZER.deserialize(parser, mapper);
        }
    }
}
