package org.speechforum.query.entities;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the entity page ({@code GET /api/v1/entities/{id}}).
 *
 * @param cooccurrenceSample co-occurring entities (and their mentions) are counted over at most this many of the
 *                           entity's documents per shard (a {@code sampler} aggregation: the first documents in
 *                           index order, not the newest); an entity mentioned in more documents gets an answer
 *                           that says {@code cooccurringSampled: true} and over how many documents it counted
 *                           ({@code cooccurringDocuments}). 1 to 1,000,000.
 */
@ConfigurationProperties("query.entities")
public record EntityPageProperties(@DefaultValue("10000") int cooccurrenceSample) {

    public EntityPageProperties {
        if (cooccurrenceSample < 1 || cooccurrenceSample > 1_000_000) {
            throw new IllegalArgumentException("query.entities.cooccurrence-sample must be between 1 and 1000000,"
                    + " not " + cooccurrenceSample);
        }
    }
}
