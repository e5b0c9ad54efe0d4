package org.speechforum.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Binds the Kafka clients' metrics to Micrometer with a shorter look-out for new ones than Micrometer's 60 s.
 *
 * <p>Kafka creates some metrics only later in a client's life: per-partition consumer lag
 * ({@code records-lag}) once the consumer has fetched from a partition, per-topic producer metrics once it has
 * sent to the topic. Micrometer's binder finds them when it next lists the client's metrics, every 60 s, so a
 * new consumer (or one that has just been given partitions by a rebalance) had no lag series for up to a minute:
 * the dashboard's lag panels stayed empty, and a Prometheus checked right after start found nothing. Spring Boot
 * adds plain {@link MicrometerConsumerListener}/{@link MicrometerProducerListener}s to its client factories; this
 * post-processor swaps them for ones that look every {@code refresh} ({@code pipeline.metrics.kafka-client.refresh},
 * default 10 s). Listing a client's few hundred metrics is cheap.
 */
class KafkaClientMetricsRefresh implements BeanPostProcessor {

    private final ObjectProvider<MeterRegistry> registry;
    private final Duration refresh;

    KafkaClientMetricsRefresh(ObjectProvider<MeterRegistry> registry, Duration refresh) {
        this.registry = registry;
        this.refresh = refresh;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DefaultKafkaConsumerFactory<?, ?> factory) {
            for (ConsumerFactory.Listener<?, ?> listener : List.copyOf(factory.getListeners())) {
                if (listener.getClass() == MicrometerConsumerListener.class) {
                    ((DefaultKafkaConsumerFactory) factory).removeListener(listener);
                    ((DefaultKafkaConsumerFactory) factory).addListener(
                            new RefreshingConsumerListener<>(registry.getObject(), refresh));
                }
            }
        } else if (bean instanceof DefaultKafkaProducerFactory<?, ?> factory) {
            for (ProducerFactory.Listener<?, ?> listener : List.copyOf(factory.getListeners())) {
                if (listener.getClass() == MicrometerProducerListener.class) {
                    ((DefaultKafkaProducerFactory) factory).removeListener(listener);
                    ((DefaultKafkaProducerFactory) factory).addListener(
                            new RefreshingProducerListener<>(registry.getObject(), refresh));
                }
            }
        }
        return bean;
    }

    /** A consumer listener whose binders look for new client metrics every {@code refresh}. */
    static final class RefreshingConsumerListener<K, V> extends MicrometerConsumerListener<K, V> {

        private final Duration refresh;

        RefreshingConsumerListener(MeterRegistry registry, Duration refresh) {
            super(registry);
            this.refresh = refresh;
        }

        @Override
        protected MeterBinder createClientMetrics(Consumer<K, V> consumer, List<Tag> tags) {
            return OwnSchedulerMetrics.of(consumer, tags, refresh);
        }
    }

    /** A producer listener whose binders look for new client metrics every {@code refresh}. */
    static final class RefreshingProducerListener<K, V> extends MicrometerProducerListener<K, V> {

        private final Duration refresh;

        RefreshingProducerListener(MeterRegistry registry, Duration refresh) {
            super(registry);
            this.refresh = refresh;
        }

        @Override
        protected MeterBinder createClientMetrics(Producer<K, V> producer, List<Tag> tags) {
            return OwnSchedulerMetrics.of(producer, tags, refresh);
        }
    }

    /**
     * {@link KafkaClientMetrics} with its own refresh thread, stopped when the client goes away. (Given a
     * scheduler, Micrometer leaves it running on close; without one it cannot take a refresh interval.)
     */
    static final class OwnSchedulerMetrics extends KafkaClientMetrics {

        private final ScheduledExecutorService scheduler;

        private OwnSchedulerMetrics(Consumer<?, ?> consumer, List<Tag> tags, ScheduledExecutorService scheduler,
                                    Duration refresh) {
            super(consumer, tags, scheduler, refresh);
            this.scheduler = scheduler;
        }

        private OwnSchedulerMetrics(Producer<?, ?> producer, List<Tag> tags, ScheduledExecutorService scheduler,
                                    Duration refresh) {
            super(producer, tags, scheduler, refresh);
            this.scheduler = scheduler;
        }

        static OwnSchedulerMetrics of(Consumer<?, ?> consumer, List<Tag> tags, Duration refresh) {
            return new OwnSchedulerMetrics(consumer, tags, newScheduler(), refresh);
        }

        static OwnSchedulerMetrics of(Producer<?, ?> producer, List<Tag> tags, Duration refresh) {
            return new OwnSchedulerMetrics(producer, tags, newScheduler(), refresh);
        }

        private static ScheduledExecutorService newScheduler() {
            return Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "kafka-client-metrics");
                thread.setDaemon(true);
                return thread;
            });
        }

        boolean stopped() {
            return scheduler.isShutdown();
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                scheduler.shutdownNow();
            }
        }
    }
}
