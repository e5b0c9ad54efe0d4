package org.speechforum.kafka;

import jakarta.validation.Valid;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The pipeline's own meters ({@code pipeline.metrics.*}, docs/metrics.md).
 *
 * @param dlqDepth              gauge {@code pipeline.dlq.depth}: records held by each {@code <topic>.dlq}, read from
 *                              the broker in the background
 * @param readiness             gauge {@code pipeline.health.readiness}: 1 while the readiness group is UP, checked
 *                              in the background so a scrape never waits on Kafka or Elasticsearch
 * @param kafkaClient           how often the Kafka clients' metrics are searched for new ones (per-partition lag
 *                              appears after the first fetch, per-topic producer metrics after the first send)
 * @param exemplarsOnAllSeries  true puts trace exemplars on the {@code _count}/{@code _sum} series of timers too
 *                              (Micrometer's default; Prometheus 2.43+ only, older ones reject the whole scrape).
 *                              Default false: exemplars on counters and histogram buckets only
 */
@Validated
@ConfigurationProperties("pipeline.metrics")
public record MetricsProperties(@DefaultValue @Valid DlqDepth dlqDepth,
                                @DefaultValue @Valid Readiness readiness,
                                @DefaultValue @Valid KafkaClient kafkaClient,
                                @DefaultValue("false") boolean exemplarsOnAllSeries) {

    /**
     * @param enabled publish the gauge. Default true
     * @param refresh how often the broker is asked. Default 30s
     */
    public record DlqDepth(@DefaultValue("true") boolean enabled,
                           @DefaultValue("30s") @DurationMin(millis = 1) Duration refresh) {
    }

    /**
     * @param enabled publish the gauge. Default true
     * @param refresh how often the readiness group is checked. Default 15s
     */
    public record Readiness(@DefaultValue("true") boolean enabled,
                            @DefaultValue("15s") @DurationMin(millis = 1) Duration refresh) {
    }

    /**
     * @param enabled look for new Kafka client metrics after the start (Micrometer's own binder looks every 60 s).
     *                Default true
     * @param refresh how often to look. Default 10s
     */
    public record KafkaClient(@DefaultValue("true") boolean enabled,
                              @DefaultValue("10s") @DurationMin(millis = 1) Duration refresh) {
    }

}
