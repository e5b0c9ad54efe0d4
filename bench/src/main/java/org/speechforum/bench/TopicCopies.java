package org.speechforum.bench;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies of what the pipeline left on documents.enriched.v1 and documents.threads.v1, so the rebuild replays a log
 * large enough that the command's JVM start no longer decides its wall rate. Copy {@code r} of a record gets every
 * document id in its key and value replaced by a new id derived from it and {@code r}: threads, parents, paths and
 * links stay consistent within a copy, and each copy is keyed (so partitioned) by its new id, as enrich-service
 * produces.
 */
final class TopicCopies {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    private final String kafkaServers;

    TopicCopies(String kafkaServers) {
        this.kafkaServers = kafkaServers;
    }

    /** The newest value per key of each topic, then {@code copies} copies of them produced back; the documents' bodies. */
    List<byte[]> copy(int copies) {
        Map<String, byte[]> enriched = read(Topics.ENRICHED);
        Map<String, byte[]> threads = read(Topics.THREADS);
        Set<String> ids = new java.util.HashSet<>(enriched.keySet());
        ids.addAll(threads.keySet());
        List<byte[]> bodies = new ArrayList<>();
        enriched.values().stream().filter(v -> v != null).forEach(bodies::add);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafkaServers,
                "acks", "all", "linger.ms", 5, "batch.size", 262_144, "compression.type", "lz4"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int r = 1; r <= copies; r++) {
                Map<String, String> renamed = new HashMap<>();
                for (Map.Entry<String, byte[]> e : enriched.entrySet()) {
                    byte[] value = remap(e.getValue(), ids, renamed, r);
                    producer.send(new ProducerRecord<>(Topics.ENRICHED, rename(e.getKey(), renamed, r), value));
                    if (value != null) {
                        bodies.add(value);
                    }
                }
                for (Map.Entry<String, byte[]> e : threads.entrySet()) {
                    producer.send(new ProducerRecord<>(Topics.THREADS, rename(e.getKey(), renamed, r),
                            remap(e.getValue(), ids, renamed, r)));
                }
            }
            producer.flush();
        }
        System.out.printf("  rebuild: %d copies of %d enriched and %d thread records produced%n", copies,
                enriched.size(), threads.size());
        return bodies;
    }

    private static String rename(String id, Map<String, String> renamed, int round) {
        return renamed.computeIfAbsent(id, i -> DocumentIds.of("bench-copy-" + round, i));
    }

    private static byte[] remap(byte[] value, Set<String> ids, Map<String, String> renamed, int round) {
        if (value == null) {
            return null;
        }
        Matcher m = ID.matcher(new String(value, StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder(value.length);
        while (m.find()) {
            String id = m.group();
            m.appendReplacement(out, ids.contains(id) ? rename(id, renamed, round) : id);
        }
        m.appendTail(out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, byte[]> read(String topic) {
        Map<String, byte[]> newest = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafkaServers,
                "enable.auto.commit", false, "max.poll.records", 2000), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.key() != null) {
                        newest.remove(record.key());
                        newest.put(record.key(), record.value());
                    }
                }
            }
        }
        return newest;
    }
}
