package org.speechforum.query.watch;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Watches ({@code query.watches.*}: saved searches whose new matches are pushed, docs/watches.md).
 *
 * @param maxWatches      how many watches may exist at once; a create beyond it is refused with 409. Every
 *                        indexed batch is matched against every watch, so this bounds the work per batch
 * @param createWait      how long a create or delete waits for this instance's copy of {@code watches.v1} to
 *                        take it before answering (201/204); past it the answer is 202, the change is on the log
 *                        and takes effect moments later
 * @param loadWait        how long reads wait, after a start, for the whole of {@code watches.v1} to
 *                        be read; past it reads answer 503
 * @param matchWait       how long the live indexer's first batch after a start waits for {@code watches.v1} to be
 *                        read; past it batches are matched against the watches known so far and never held
 *                        back or retried for this (fail-safe: watches must not stall indexing)
 * @param heartbeat       interval of the comment lines an event stream sends so proxies keep it open
 * @param streamTimeout   an event stream is closed after this long (the client reconnects with
 *                        {@code Last-Event-ID}); zero: never
 * @param maxSubscribers  event streams one instance holds open at once; more are refused with 503
 * @param replay          events kept per watch in memory to resume a stream from {@code Last-Event-ID} (and to
 *                        drop a match delivered twice)
 * @param matchRetention  how long {@code watches.matches.v1} keeps its records (retention.ms when the service
 *                        creates the topic)
 * @param deliveriesIndex the Elasticsearch index recording which (watch, document, content) matches were
 *                        published, so replays and re-tagging do not announce them again
 */
@Validated
@ConfigurationProperties("query.watches")
public record WatchProperties(
        @DefaultValue("1000") @Min(1) @Max(10_000) int maxWatches,
        @DefaultValue("5s") Duration createWait,
        @DefaultValue("60s") Duration loadWait,
        @DefaultValue("5s") Duration matchWait,
        @DefaultValue("15s") @DurationMin(millis = 1) Duration heartbeat,
        @DefaultValue("30m") @DurationMin(millis = 0) Duration streamTimeout,
        @DefaultValue("1000") @Min(1) int maxSubscribers,
        @DefaultValue("200") @Min(1) @Max(10_000) int replay,
        @DefaultValue("7d") Duration matchRetention,
        @DefaultValue("watch-deliveries-v1") @NotBlank String deliveriesIndex) {
}
