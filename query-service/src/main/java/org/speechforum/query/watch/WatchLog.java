package org.speechforum.query.watch;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.kafka.DownstreamUnavailable;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code watches.v1}, the truth about watches: writes creations and deletions (tombstones) to it, and reads all
 * of it, from the beginning at every start, into the {@link WatchRegistry}.
 */
@Component
class WatchLog extends TopicTail {

    private final KafkaTemplate<String, byte[]> kafka;
    private final WatchRegistry registry;

    WatchLog(ConsumerFactory<String, byte[]> consumers, KafkaTemplate<String, byte[]> kafka, WatchRegistry registry) {
        super(consumers, WatchTopics.WATCHES, true);
        this.kafka = kafka;
        this.registry = registry;
    }

    /** Where a write landed, so the caller can wait for its own copy to take it. */
    record Written(int partition, long offset) {
    }

    Written put(Watch watch) {
        return send(watch.id(), DocumentJson.mapper().writeValueAsBytes(watch));
    }

    Written delete(String id) {
        return send(id, null);
    }

    private Written send(String id, byte[] value) {
        try {
            RecordMetadata meta = kafka.send(WatchTopics.WATCHES, id, value).get(15, TimeUnit.SECONDS)
                    .getRecordMetadata();
            return new Written(meta.partition(), meta.offset());
        } catch (ExecutionException | TimeoutException e) {
            throw new DownstreamUnavailable("Kafka did not take the watch: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownstreamUnavailable("Interrupted while writing the watch", e);
        }
    }

    @Override
    protected void started(Map<Integer, Long> endOffsets) {
        registry.startLoading(endOffsets);
    }

    @Override
    protected void handle(ConsumerRecord<String, byte[]> record) {
        Watch watch = record.value() == null ? null : DocumentJson.mapper().readValue(record.value(), Watch.class);
        registry.apply(record.partition(), record.offset(), record.key(), watch);
    }

    @Override
    protected void positions(Map<Integer, Long> next) {
        next.forEach(registry::reached);
    }
}
