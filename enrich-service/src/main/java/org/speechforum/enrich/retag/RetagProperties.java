package org.speechforum.enrich.retag;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code bin/retag}: enrich-service started as a one-off command that replays {@code documents.raw.v1} through the
 * current tagger ({@code enrich.retag.*}; see docs/operations.md, "Re-tagging").
 *
 * @param run           true: run the re-tag at start-up and exit (bin/retag sets it); false: a normal service
 * @param name          the run's name; its progress is the committed offsets of consumer group
 *                      {@code enrich-retag-<name>}, so the same name resumes where an interrupted run stopped.
 *                      Empty: derived from the tagger version and the filter, so re-running the same command
 *                      resumes, and a new tagger version starts afresh
 * @param sources       re-tag only documents of these sources; empty: every source
 * @param from          re-tag only documents published at or after this instant; unset: no lower bound
 * @param to            re-tag only documents published before this instant; unset: no upper bound
 * @param limit         stop (resumably) after about this many raw records were read in this run; 0: no limit
 * @param batchSize     raw records read and enriched per batch (the live listener's max.poll.records is 500)
 * @param progressEvery how often progress is logged
 */
@ConfigurationProperties("enrich.retag")
public record RetagProperties(
        @DefaultValue("false") boolean run,
        @DefaultValue("") String name,
        @DefaultValue List<String> sources,
        Instant from,
        Instant to,
        @DefaultValue("0") long limit,
        @DefaultValue("500") int batchSize,
        @DefaultValue("10s") Duration progressEvery) {

    public RetagProperties {
        sources = sources == null ? List.of() : sources.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("enrich.retag.from (" + from + ") must be before enrich.retag.to ("
                    + to + "): the range is from inclusive, to exclusive");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("enrich.retag.limit must be 0 (no limit) or more, got " + limit);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("enrich.retag.batch-size must be between 1 and 10000, got " + batchSize);
        }
        name = name == null ? "" : name.strip();
    }

    /** The filter these settings describe. */
    public RetagFilter filter() {
        return new RetagFilter(sources, from, to);
    }
}
