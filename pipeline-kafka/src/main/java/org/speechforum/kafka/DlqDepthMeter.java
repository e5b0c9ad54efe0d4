package org.speechforum.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Gauge {@code pipeline.dlq.depth{topic}}: records currently held by each dead-letter topic (latest minus
 * earliest offset, summed over partitions), read from the broker in the background so a scrape never waits on
 * Kafka. Every service reports the same cluster-wide value; dashboards take {@code max by (topic)}. The gauge
 * reads -1 until the first successful read (or while the broker cannot be reached).
 */
class DlqDepthMeter implements MeterBinder, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DlqDepthMeter.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final LazyAdmin admin;
    private final List<String> topics;
    private final Duration refresh;
    private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService scheduler;

    DlqDepthMeter(LazyAdmin admin, List<String> topics, Duration refresh) {
        this.admin = admin;
        this.topics = topics;
        this.refresh = refresh;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String topic : topics) {
            AtomicLong depth = depths.computeIfAbsent(topic, t -> new AtomicLong(-1));
            Gauge.builder(PipelineMetrics.DLQ_DEPTH, depth, AtomicLong::get)
                    .description("Records held by a dead-letter topic (latest minus earliest offset)")
                    .tag("topic", topic)
                    .register(registry);
        }
        synchronized (this) {
            if (scheduler == null) {
                scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "dlq-depth");
                    thread.setDaemon(true);
                    return thread;
                });
                scheduler.scheduleWithFixedDelay(this::refreshSafely, 5_000, refresh.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    private void refreshSafely() {
        try {
            refreshNow();
        } catch (Exception e) {
            depths.values().forEach(d -> d.set(-1));
            log.debug("Could not read dead-letter topic offsets: {}", e.getMessage());
        }
    }

    void refreshNow() throws Exception {
        Map<String, TopicDescription> described = new HashMap<>();
        for (String topic : topics) {
            try {
                described.put(topic, admin.get().describeTopics(List.of(topic)).allTopicNames()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                depths.get(topic).set(0);
            }
        }
        Map<TopicPartition, OffsetSpec> partitions = described.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, ListOffsetsResultInfo> latest = admin.get().listOffsets(partitions).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        partitions.replaceAll((tp, spec) -> OffsetSpec.earliest());
        Map<TopicPartition, ListOffsetsResultInfo> earliest = admin.get().listOffsets(partitions).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Long> sums = new HashMap<>();
        latest.forEach((tp, info) -> sums.merge(tp.topic(),
                Math.max(0, info.offset() - earliest.get(tp).offset()), Long::sum));
        sums.forEach((topic, sum) -> depths.get(topic).set(sum));
    }

    @Override
    public void destroy() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
