package org.speechforum.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.speechforum.contracts.Topics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.core.JacksonException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Kafka wiring shared by the three services. Error handling follows Spring Kafka's reference pattern: a
 * {@link DefaultErrorHandler} retries a failing record a bounded number of times with exponential backoff, then
 * a {@link DeadLetterPublishingRecoverer} publishes it, with the exception in headers, to {@code <topic>.dlq}.
 * Records that cannot ever succeed skip the retries; an unavailable downstream system is retried indefinitely.
 */
@AutoConfiguration
@EnableConfigurationProperties({TopicProperties.class, MetricsProperties.class})
public class PipelineKafkaAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PipelineKafkaAutoConfiguration.class);

    @Bean
    KafkaAdmin.NewTopics pipelineTopics(TopicProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        if (properties.create()) {
            for (String topic : List.of(Topics.SUBMISSIONS, Topics.RAW, Topics.ENRICHED, Topics.THREADS)) {
                NewTopic newTopic = new NewTopic(topic, properties.partitions(), properties.replicationFactor());
                if (topic.equals(Topics.RAW) || topic.equals(Topics.ENRICHED) || topic.equals(Topics.THREADS)) {
                    // Keyed by document id and compacted: the latest version of every document stays on the
                    // topic for good, so an index can always be rebuilt by replaying it, and the raw documents
                    // re-tagged (bin/retag). A raw deletion marker is a value, not a tombstone, so compaction
                    // keeps it as the document's last word. An existing topic keeps its configuration: see
                    // docs/operations.md, "Re-tagging".
                    newTopic.configs(java.util.Map.of("cleanup.policy", "compact"));
                }
                topics.add(newTopic);
                topics.add(new NewTopic(Topics.dlq(topic), properties.partitions(), properties.replicationFactor()));
            }
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    @ConditionalOnMissingBean
    DefaultErrorHandler pipelineErrorHandler(KafkaOperations<Object, Object> kafka, MeterRegistry meters) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> {
                    String reason = rootCause(failure).getClass().getSimpleName();
                    meters.counter(PipelineMetrics.DOCUMENTS_FAILED, "topic", record.topic(), "reason", reason)
                            .increment();
                    log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                            rootCause(failure).getMessage());
                    // A negative partition lets the producer choose, so the DLQ needs no matching partition count.
                    return new TopicPartition(Topics.dlq(record.topic()), -1);
                });
        // The headers must say why the record failed, not that "Listener method ... threw exception": hand the
        // recoverer the listener's own exception, without the container's and the batch index's wrappers.
        ConsumerAwareRecordRecoverer withReason = (record, consumer, failure) ->
                deadLetters.accept(record, consumer, reason(failure));
        ExponentialBackOffWithMaxRetries bounded = new ExponentialBackOffWithMaxRetries(4);
        bounded.setInitialInterval(250);
        bounded.setMultiplier(3);
        bounded.setMaxInterval(10_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(withReason, bounded);
        handler.addNotRetryableExceptions(PermanentFailure.class, JacksonException.class);
        ExponentialBackOff untilBack = new ExponentialBackOff(500, 2);
        untilBack.setMaxInterval(15_000);
        handler.setBackOffFunction((record, failure) ->
                causedBy(failure, DownstreamUnavailable.class) ? untilBack : null);
        return handler;
    }

    @Bean
    @ConditionalOnMissingBean
    RecordObservations recordObservations(ObjectProvider<ObservationRegistry> registry) {
        return new RecordObservations(registry.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    @ConditionalOnProperty(name = "pipeline.metrics.dlq-depth.enabled", matchIfMissing = true)
    DlqDepthMeter dlqDepthMeter(LazyAdmin admin, MetricsProperties metrics) {
        Duration refresh = metrics.dlqDepth().refresh();
        List<String> dlqs = List.of(Topics.SUBMISSIONS, Topics.RAW, Topics.ENRICHED, Topics.THREADS).stream()
                .map(Topics::dlq).toList();
        return new DlqDepthMeter(admin, dlqs, refresh);
    }

    @Bean
    @ConditionalOnProperty(name = "pipeline.metrics.readiness.enabled", matchIfMissing = true)
    ReadinessMeter readinessMeter(ObjectProvider<HealthEndpoint> health, MetricsProperties metrics) {
        Duration refresh = metrics.readiness().refresh();
        return new ReadinessMeter(() -> {
            HealthEndpoint endpoint = health.getIfAvailable();
            if (endpoint == null) {
                return null;
            }
            HealthDescriptor readiness = endpoint.healthForPath("readiness");
            return (readiness != null ? readiness : endpoint.health()).getStatus();
        }, refresh);
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> readinessMeterStart(ObjectProvider<ReadinessMeter> meter) {
        return event -> meter.ifAvailable(ReadinessMeter::start);
    }

    @Bean
    @ConditionalOnProperty(name = "pipeline.metrics.kafka-client.enabled", matchIfMissing = true)
    static KafkaClientMetricsRefresh kafkaClientMetricsRefresh(ObjectProvider<MeterRegistry> registry,
                                                               Environment environment) {
        // A static bean method (a BeanPostProcessor) runs before properties beans exist: bind the record here.
        MetricsProperties metrics = Binder.get(environment).bindOrCreate("pipeline.metrics", MetricsProperties.class);
        return new KafkaClientMetricsRefresh(registry, metrics.kafkaClient().refresh());
    }

    @Bean
    LazyAdmin pipelineAdmin(KafkaAdmin kafkaAdmin) {
        return new LazyAdmin(kafkaAdmin);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(LazyAdmin admin) {
        return new KafkaHealthIndicator(admin);
    }

    static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The exception a listener threw, or the one it reported for a batch index, unwrapped from the container's. */
    static Exception reason(Exception failure) {
        Throwable t = failure;
        while ((t instanceof ListenerExecutionFailedException || t instanceof BatchListenerFailedException)
                && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t instanceof Exception e ? e : failure;
    }

    static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
