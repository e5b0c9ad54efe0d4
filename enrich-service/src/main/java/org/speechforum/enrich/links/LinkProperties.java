package org.speechforum.enrich.links;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Link detection knobs (docs/threading.md has the measured precision/recall behind the defaults):
 * {@code quoteThreshold} is the share of a passage's shingles that must occur in the speech,
 * {@code minQuoteWords} the shortest passage that counts as a quote, {@code transcriptThreshold} the overlap above
 * which a post is the transcript itself; {@code candidates} how many speeches Elasticsearch proposes per document.
 */
@ConfigurationProperties("enrich.links")
public record LinkProperties(Double quoteThreshold, Integer minQuoteWords, Integer shingleSize,
                             Double transcriptThreshold, Integer minHashSize, Integer candidates, Boolean enabled) {

    public LinkProperties {
        quoteThreshold = quoteThreshold == null ? 0.5 : quoteThreshold;
        minQuoteWords = minQuoteWords == null ? 8 : minQuoteWords;
        shingleSize = shingleSize == null ? 3 : shingleSize;
        transcriptThreshold = transcriptThreshold == null ? 0.6 : transcriptThreshold;
        minHashSize = minHashSize == null ? 128 : minHashSize;
        candidates = candidates == null ? 5 : candidates;
        enabled = enabled == null || enabled;
    }

    public static LinkProperties defaults() {
        return new LinkProperties(null, null, null, null, null, null, null);
    }
}
