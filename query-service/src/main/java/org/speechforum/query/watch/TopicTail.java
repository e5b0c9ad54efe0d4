package org.speechforum.query.watch;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Reads every partition of one topic in its own thread, without a consumer group (no offsets are committed, no
 * partitions shared out): each instance sees the whole topic, from the beginning or from the end. For topics
 * every instance needs in full, {@code watches.v1} and {@code watches.matches.v1}.
 */
abstract class TopicTail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicTail.class);

    private final ConsumerFactory<String, byte[]> consumers;
    private final String topic;
    private final boolean fromBeginning;
    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private Thread thread;

    TopicTail(ConsumerFactory<String, byte[]> consumers, String topic, boolean fromBeginning) {
        this.consumers = consumers;
        this.topic = topic;
        this.fromBeginning = fromBeginning;
    }

    /** The partitions were assigned and placed; {@code endOffsets} is where the topic ended then. */
    protected void started(Map<Integer, Long> endOffsets) {
    }

    protected abstract void handle(ConsumerRecord<String, byte[]> record);

    /** After each poll: where the consumer now stands in each partition. */
    protected void positions(Map<Integer, Long> next) {
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("tail-" + topic).start(this::run);
    }

    private void run() {
        while (running) {
            Properties overrides = new Properties();
            overrides.put("max.poll.records", "500");
            // No group: nothing is committed and nothing shared out; a start reads as configured below.
            try (Consumer<String, byte[]> c = consumers.createConsumer(null, "tail-" + topic, null, overrides)) {
                consumer = c;
                List<TopicPartition> partitions = awaitPartitions(c);
                if (partitions == null) {
                    return;
                }
                c.assign(partitions);
                if (fromBeginning) {
                    c.seekToBeginning(partitions);
                } else {
                    c.seekToEnd(partitions);
                    partitions.forEach(c::position);
                }
                started(c.endOffsets(partitions).entrySet().stream()
                        .collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue)));
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<String, byte[]> record : records) {
                        try {
                            handle(record);
                        } catch (RuntimeException e) {
                            log.warn("Skipping record {}-{}@{} that cannot be read: {}", record.topic(),
                                    record.partition(), record.offset(), e.toString());
                        }
                    }
                    positions(partitions.stream().collect(Collectors.toMap(TopicPartition::partition, c::position)));
                }
            } catch (WakeupException e) {
                // stop() woke the poll.
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Reading {} failed ({}); starting over in 2 s", topic, e.toString());
                    sleep(2000);
                }
            } finally {
                consumer = null;
            }
        }
    }

    private List<TopicPartition> awaitPartitions(Consumer<String, byte[]> c) {
        while (running) {
            try {
                List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                }
            } catch (RuntimeException e) {
                log.info("Topic {} not readable yet ({}); trying again", topic, e.toString());
            }
            sleep(1000);
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
