package org.speechforum.enrich.links;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Link detection ({@code enrich.links.*}); docs/threading.md, "Cross-document links", has the measured precision
 * and recall behind the defaults.
 *
 * @param enabled             find links between forum documents and speeches at all. Default true
 * @param index               the Elasticsearch index enrich-service owns for link candidates: per document its
 *                            kind, URL, text and shingle keys (speeches' and forum documents' in separate fields),
 *                            looked up with terms queries. Default enrich-links-v2
 * @param quoteThreshold      share (0 to 1) of a passage's word shingles that must occur in the speech for it to
 *                            count as a quote; 0.5 is the highest that keeps recall at 1.0 on the seed eval.
 *                            Default 0.5
 * @param minQuoteWords       the shortest passage, in words, that counts as a quote. Default 8
 * @param shingleSize         words per shingle in quote matching and candidate keys. Default 3
 * @param transcriptThreshold overlap (0 to 1) above which a forum post is the speech's transcript itself rather than
 *                            a quote from it. Default 0.6
 * @param minHashSize         hash functions in the MinHash signature used to estimate that overlap. Default 128
 * @param candidates          speeches Elasticsearch proposes per forum document (best shared keys first, a named URL
 *                            before any), decided in memory. Default 5
 * @param reverseCandidates   forum documents Elasticsearch proposes per speech (a speech that arrives after its
 *                            discussion), best shared keys first, a document naming the speech's URL before any;
 *                            decided in memory. Default 200
 */
@Validated
@ConfigurationProperties("enrich.links")
public record LinkProperties(@DefaultValue("true") boolean enabled,
                             @DefaultValue("enrich-links-v2") @NotBlank String index,
                             @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double quoteThreshold,
                             @DefaultValue("8") @Min(1) int minQuoteWords,
                             @DefaultValue("3") @Min(1) @Max(10) int shingleSize,
                             @DefaultValue("0.6") @DecimalMin("0") @DecimalMax("1") double transcriptThreshold,
                             @DefaultValue("128") @Min(1) int minHashSize,
                             @DefaultValue("5") @Min(1) @Max(1000) int candidates,
                             @DefaultValue("200") @Min(1) @Max(10000) int reverseCandidates) {

    /** The defaults above, for plain-Java users (tests, benchmarks): bound from no configuration at all. */
    public static LinkProperties defaults() {
        return new Binder().bindOrCreate("enrich.links", LinkProperties.class);
    }
}
