package org.speechforum.tools;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Republishes the records of a dead-letter topic to the topic they failed on, once the reason they failed is
 * fixed. Each record keeps its key, value and own headers; Spring Kafka's {@code kafka_dlt-*} headers (the
 * failure's reason and origin) are dropped. The command reads the dead-letter topic with its own consumer group
 * and commits after Kafka acknowledged the republished records, so running it again replays only what was
 * dead-lettered since. It stops at the end offsets it found on start: a record that fails again and comes back to
 * the dead-letter topic waits for the next run instead of looping.
 *
 * <pre>
 * java -jar pipeline-tools/target/pipeline-tools-0.1.0-SNAPSHOT-exec.jar \
 *     --bootstrap-servers 127.0.0.1:9092 --topic documents.raw.v1.dlq [--to documents.raw.v1] [--dry-run]
 * </pre>
 *
 * See docs/operations-dlq.md.
 */
public final class DlqReplay {

    static final String DLT_HEADER_PREFIX = "kafka_dlt-";
    static final String ORIGINAL_TOPIC_HEADER = "kafka_dlt-original-topic";
    static final String REASON_HEADER = "kafka_dlt-exception-message";
    static final String DLQ_SUFFIX = ".dlq";

    /** What to replay, parsed from the command line. */
    public record Options(String bootstrapServers, String topic, String to, String group, boolean dryRun,
                          Duration timeout, Map<String, String> clientProperties) {

        public Options {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("--bootstrap-servers is required");
            }
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("--topic is required");
            }
            if ((to == null || to.isBlank()) && !topic.endsWith(DLQ_SUFFIX)) {
                throw new IllegalArgumentException("--topic " + topic + " does not end with " + DLQ_SUFFIX
                        + "; say where its records go with --to");
            }
            group = group == null || group.isBlank() ? "dlq-replay." + topic : group;
            timeout = timeout == null ? Duration.ofMinutes(2) : timeout;
            clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
        }

        public Options(String bootstrapServers, String topic, String to, boolean dryRun) {
            this(bootstrapServers, topic, to, null, dryRun, null, null);
        }

        public static Options parse(String... args) {
            String bootstrap = null;
            String topic = null;
            String to = null;
            String group = null;
            boolean dryRun = false;
            Duration timeout = null;
            Map<String, String> properties = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--bootstrap-servers" -> bootstrap = value(args, ++i, arg);
                    case "--topic" -> topic = value(args, ++i, arg);
                    case "--to" -> to = value(args, ++i, arg);
                    case "--group" -> group = value(args, ++i, arg);
                    case "--timeout-seconds" -> timeout = Duration.ofSeconds(Long.parseLong(value(args, ++i, arg)));
                    case "--property" -> {
                        String pair = value(args, ++i, arg);
                        int eq = pair.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--property wants key=value, got " + pair);
                        }
                        properties.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                    case "--dry-run" -> dryRun = true;
                    default -> throw new IllegalArgumentException("Unknown argument " + arg);
                }
            }
            return new Options(bootstrap, topic, to, group, dryRun, timeout, properties);
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }
    }

    /** What a run did. */
    public record Result(int replayed, Map<String, Integer> byTarget, boolean dryRun) {
    }

    private static final String USAGE = """
            Usage: DlqReplay --bootstrap-servers HOST:PORT[,HOST:PORT...] --topic <source>.dlq
                             [--to <topic>] [--group <id>] [--dry-run] [--timeout-seconds N]
                             [--property key=value ...]
              --topic            the dead-letter topic to read, e.g. documents.raw.v1.dlq
              --to               where to republish; default: each record's kafka_dlt-original-topic header,
                                 else the topic name without .dlq
              --group            consumer group recording what was replayed; default dlq-replay.<topic>
              --dry-run          list what would be replayed; publish and commit nothing
              --property         extra Kafka client setting for both consumer and producer (e.g. security)
            """;

    private DlqReplay() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        try {
            run(options, System.out);
        } catch (Exception e) {
            System.err.println("DLQ replay failed: " + e.getMessage());
            System.err.println("Offsets were committed only for records Kafka acknowledged; running again is safe.");
            System.exit(1);
        }
    }

    /** Replays every record between the group's committed offsets and the end offsets found on start. */
    public static Result run(Options options, PrintStream out) throws Exception {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        Map<String, Integer> byTarget = new LinkedHashMap<>();
        int replayed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(options));
             KafkaProducer<byte[], byte[]> producer = options.dryRun() ? null
                     : new KafkaProducer<>(producerProperties(options))) {
            List<PartitionInfo> infos = consumer.partitionsFor(options.topic(), options.timeout());
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("Topic " + options.topic() + " does not exist");
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, options.timeout());
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions),
                    options.timeout());
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                if (c != null) {
                    consumer.seek(tp, c.offset());
                } else {
                    consumer.seekToBeginning(List.of(tp));
                }
            }
            out.printf("%s %s from group %s's offsets up to %s%n", options.dryRun() ? "Listing" : "Replaying",
                    options.topic(), options.group(), end);
            while (!caughtUp(consumer, partitions, end)) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("Not at the end of " + options.topic() + " within "
                            + options.timeout());
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(tp)) {
                        continue; // dead-lettered after we started: next run
                    }
                    String target = target(options, record);
                    out.printf("  %s-%d@%d key=%s -> %s (reason: %s)%n", record.topic(), record.partition(),
                            record.offset(), text(record.key()), target, text(header(record, REASON_HEADER)));
                    if (!options.dryRun()) {
                        sends.add(producer.send(new ProducerRecord<>(target, null, record.key(), record.value(),
                                withoutDltHeaders(record))));
                    }
                    done.put(tp, new OffsetAndMetadata(record.offset() + 1));
                    byTarget.merge(target, 1, Integer::sum);
                    replayed++;
                }
                if (!options.dryRun() && !done.isEmpty()) {
                    producer.flush();
                    for (Future<RecordMetadata> send : sends) {
                        send.get(remaining(deadline), TimeUnit.NANOSECONDS); // throws if Kafka refused one
                    }
                    consumer.commitSync(done, options.timeout());
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a republished record: " + e.getCause().getMessage(),
                    e.getCause());
        }
        out.printf("%s %d record(s) from %s%s%n", options.dryRun() ? "Would replay" : "Replayed", replayed,
                options.topic(), byTarget.isEmpty() ? "" : " to " + byTarget);
        return new Result(replayed, byTarget, options.dryRun());
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions,
                                    Map<TopicPartition, Long> end) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }

    static String target(Options options, ConsumerRecord<?, ?> record) {
        if (options.to() != null && !options.to().isBlank()) {
            return options.to();
        }
        byte[] original = header(record, ORIGINAL_TOPIC_HEADER);
        if (original != null && original.length > 0) {
            return new String(original, StandardCharsets.UTF_8);
        }
        return record.topic().substring(0, record.topic().length() - DLQ_SUFFIX.length());
    }

    static RecordHeaders withoutDltHeaders(ConsumerRecord<?, ?> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DLT_HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        return headers;
    }

    private static byte[] header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : header.value();
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static long remaining(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }

    private static Properties consumerProperties(Options options) {
        Properties p = new Properties();
        p.putAll(options.clientProperties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, options.group());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private static Properties producerProperties(Options options) {
        Properties p = new Properties();
        p.putAll(options.clientProperties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
