package org.speechforum.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaClientMetricsRefreshTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aMetricTheClientCreatesLaterIsBoundWithinTheRefreshAndUnboundWithTheClient() throws Exception {
        Map<MetricName, KafkaMetric> clientMetrics = new ConcurrentHashMap<>();
        MockConsumer<String, String> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()) {
            @Override
            public synchronized Map<MetricName, ? extends Metric> metrics() {
                return Map.copyOf(clientMetrics);
            }
        };
        var listener = new KafkaClientMetricsRefresh.RefreshingConsumerListener<String, String>(registry,
                Duration.ofMillis(100));
        listener.consumerAdded("enrich-0", consumer);
        assertThat(registry.find("kafka.consumer.fetch.manager.records.lag").gauge()).isNull();

        // As Kafka does after the first fetch from a partition.
        MetricName lag = new MetricName("records-lag", "consumer-fetch-manager-metrics", "",
                Map.of("client-id", "enrich-0", "topic", "documents.raw.v1", "partition", "0"));
        clientMetrics.put(lag, new KafkaMetric(new Object(), lag, (Measurable) (config, now) -> 42.0,
                new MetricConfig(), Time.SYSTEM));

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (registry.find("kafka.consumer.fetch.manager.records.lag").gauge() == null
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(registry.get("kafka.consumer.fetch.manager.records.lag")
                .tag("topic", "documents.raw.v1").tag("partition", "0").gauge().value()).isEqualTo(42.0);

        listener.consumerRemoved("enrich-0", consumer);
        assertThat(registry.find("kafka.consumer.fetch.manager.records.lag").gauge()).isNull();
    }

    @Test
    void theMetricsOfAClosedClientStopLookingForNewOnes() {
        var metrics = KafkaClientMetricsRefresh.OwnSchedulerMetrics.of(
                new MockConsumer<String, String>(AutoOffsetResetStrategy.EARLIEST.name()),
                java.util.List.of(), Duration.ofMillis(100));
        metrics.bindTo(registry);
        assertThat(metrics.stopped()).isFalse();
        metrics.close();
        assertThat(metrics.stopped()).isTrue();
    }

    @Test
    void bootsPlainListenersAreSwappedAndOthersKept() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("registry", registry));
        KafkaClientMetricsRefresh refresh = new KafkaClientMetricsRefresh(beans.getBeanProvider(
                io.micrometer.core.instrument.MeterRegistry.class), Duration.ofSeconds(10));
        DefaultKafkaConsumerFactory<String, String> consumers = new DefaultKafkaConsumerFactory<>(Map.of());
        consumers.addListener(new MicrometerConsumerListener<>(registry));
        var other = new KafkaClientMetricsRefresh.RefreshingConsumerListener<String, String>(registry,
                Duration.ofSeconds(1));
        consumers.addListener(other);
        DefaultKafkaProducerFactory<String, String> producers = new DefaultKafkaProducerFactory<>(Map.of());
        producers.addListener(new MicrometerProducerListener<>(registry));

        refresh.postProcessAfterInitialization(consumers, "consumerFactory");
        refresh.postProcessAfterInitialization(producers, "producerFactory");

        assertThat(consumers.getListeners()).hasSize(2).contains(other)
                .noneMatch(l -> l.getClass() == MicrometerConsumerListener.class);
        assertThat(producers.getListeners()).singleElement()
                .isInstanceOf(KafkaClientMetricsRefresh.RefreshingProducerListener.class);
    }
}
