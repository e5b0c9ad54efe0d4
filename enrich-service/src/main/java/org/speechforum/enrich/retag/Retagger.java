package org.speechforum.enrich.retag;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.Topics;
import org.speechforum.kafka.DownstreamUnavailable;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Replays {@code documents.raw.v1} (compacted, keyed by document id) through enrich-service's own enrichment, so
 * the current tagger re-tags what was ingested before an upgrade; the new enriched documents and thread records go
 * to their topics as the live listener's do, and query-service's projection updates the index.
 *
 * <p><b>Resumable.</b> Progress is the committed offsets of consumer group {@code enrich-retag-<name>}, committed
 * after Kafka acknowledged each batch; each offset carries a {@link RetagCheckpoint}: the partition's end offset
 * when the run first started and the filter's hash. A run with the same name continues from there to the same end.
 *
 * <p><b>Never older over newer.</b> A document ingested again while the run goes on (a record after the run's end
 * offset) is left to the live listener: before each batch is published, a second consumer reads the raw topic from
 * the end offsets on and the batch drops every id it saw there. What arrives between that look and the publish
 * is caught by a second look after it: those ids are enriched again from their newest raw record, so the last
 * enriched record of a document on the compacted topic is always of its newest raw version.
 *
 * <p>Threading is idempotent (an unchanged document changes no thread-state entry and republishes its records at
 * the version stored, which the projection ignores), and link finding is keyed by document, so a replay changes
 * only what the new tagger changes.
 */
public class Retagger {

    private static final Logger log = LoggerFactory.getLogger(Retagger.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, Object> consumerConfig;
    private final Consumer<List<ConsumerRecord<String, byte[]>>> enrichAndPublish;
    private final String taggerVersion;

    /**
     * @param consumerConfig   the service's consumer settings (bootstrap servers, security); group and
     *                         deserialisers are set here
     * @param enrichAndPublish enriches raw records and returns once Kafka acknowledged what it published
     */
    public Retagger(Map<String, Object> consumerConfig, Consumer<List<ConsumerRecord<String, byte[]>>> enrichAndPublish,
                    String taggerVersion) {
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.enrichAndPublish = enrichAndPublish;
        this.taggerVersion = taggerVersion;
    }

    /**
     * @param read        raw records read in this run (in the filter or not)
     * @param retagged    documents enriched and published again (deletion markers included)
     * @param filteredOut raw records the filter left out
     * @param newer       documents left to the live listener, ingested again after the run started
     * @param failed      records that cannot be enriched (malformed, no text): skipped, as the live listener
     *                    dead-lettered them
     * @param remaining   raw records of the run's range still to read (0 when complete)
     */
    public record Result(String name, long read, long retagged, long filteredOut, long newer, long failed,
                         long remaining, boolean complete, double seconds) {

        public double documentsPerSecond() {
            return seconds <= 0 ? 0 : retagged / seconds;
        }
    }

    /** The consumer group a run of this name commits its progress to. */
    public static String group(String name) {
        return "enrich-retag-" + name;
    }

    /** The name a run gets when none is given: the tagger version and the filter, so a re-run resumes. */
    public String defaultName(RetagFilter filter) {
        return taggerVersion + "-" + filter.hash();
    }

    public Result run(String name, RetagFilter filter, long limit, int batchSize, Duration progressEvery) {
        String runName = name == null || name.isBlank() ? defaultName(filter) : name;
        long t0 = System.nanoTime();
        warnIfNotCompacted();
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group(runName));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Object> tailConfig = new HashMap<>(config);
        tailConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        tailConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<String, byte[]> raw = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer());
             KafkaConsumer<String, byte[]> tail = new KafkaConsumer<>(tailConfig, new StringDeserializer(),
                     new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = raw.partitionsFor(Topics.RAW).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> committed = raw.committed(Set.copyOf(partitions));
            Map<TopicPartition, Long> beginnings = raw.beginningOffsets(partitions);
            Map<TopicPartition, Long> ends = raw.endOffsets(partitions);
            Map<TopicPartition, Long> until = new HashMap<>();
            Map<TopicPartition, Long> start = new HashMap<>();
            boolean resumed = false;
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                RetagCheckpoint checkpoint = c == null ? null : RetagCheckpoint.parse(c.metadata()).orElse(null);
                if (checkpoint != null) {
                    if (!checkpoint.filter().equals(filter.hash())) {
                        throw new IllegalArgumentException("The re-tag named '" + runName + "' was started with "
                                + "another filter (hash " + checkpoint.filter() + "; this one is " + filter.hash()
                                + ": " + filter.describe() + "). Give this one another name (--name), or leave "
                                + "the name out to get one derived from the filter.");
                    }
                    until.put(tp, checkpoint.until());
                    start.put(tp, Math.max(c.offset(), beginnings.get(tp)));
                    resumed = true;
                } else {
                    until.put(tp, ends.get(tp));
                    start.put(tp, beginnings.get(tp));
                }
            }
            long total = partitions.stream().mapToLong(tp -> Math.max(0, until.get(tp) - start.get(tp))).sum();
            log.info("Re-tag '{}' (consumer group {}) with tagger {}, filter {}: {} {} raw records to read{}",
                    runName, group(runName), taggerVersion, filter.describe(), resumed ? "resuming," : "starting,",
                    total, limit > 0 ? " (this run stops after about " + limit + ")" : "");
            raw.assign(partitions);
            start.forEach(raw::seek);
            // The starting point is committed first, so an interruption before the first batch keeps these ends.
            raw.commitSync(offsets(start, until, filter));
            tail.assign(partitions);
            until.forEach(tail::seek);
            Tail newer = new Tail(tail);

            Progress progress = new Progress(runName, total, progressEvery);
            List<TopicPartition> done = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                if (start.get(tp) >= until.get(tp)) {
                    done.add(tp);
                }
            }
            raw.pause(done);
            while (done.size() < partitions.size() && (limit <= 0 || progress.read < limit)) {
                ConsumerRecords<String, byte[]> records = raw.poll(POLL);
                List<ConsumerRecord<String, byte[]>> selected = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= until.get(tp)) {
                        continue;
                    }
                    progress.read++;
                    if (record.key() == null || record.value() == null) {
                        progress.failed++;
                        continue;
                    }
                    Document document;
                    try {
                        document = DocumentJson.read(record.value());
                    } catch (RuntimeException e) {
                        progress.failed++;
                        continue;
                    }
                    if (filter.matches(document)) {
                        selected.add(record);
                    } else {
                        progress.filteredOut++;
                    }
                }
                publish(selected, newer, progress);
                Map<TopicPartition, Long> positions = new HashMap<>();
                for (TopicPartition tp : partitions) {
                    if (!done.contains(tp)) {
                        long position = raw.position(tp);
                        positions.put(tp, Math.min(position, until.get(tp)));
                        if (position >= until.get(tp)) {
                            done.add(tp);
                            raw.pause(List.of(tp));
                        }
                    }
                }
                if (!positions.isEmpty()) {
                    raw.commitSync(offsets(positions, until, filter));
                }
                progress.maybeLog();
            }
            long remaining = 0;
            for (TopicPartition tp : partitions) {
                remaining += Math.max(0, until.get(tp) - raw.position(tp));
            }
            boolean complete = done.size() == partitions.size();
            Result result = new Result(runName, progress.read, progress.retagged, progress.filteredOut,
                    progress.newer, progress.failed, complete ? 0 : remaining, complete,
                    (System.nanoTime() - t0) / 1e9);
            log.info("Re-tag '{}' {}: read {}, re-tagged {} ({} documents/s), left out by the filter {}, left to the "
                            + "live listener (ingested again meanwhile) {}, unreadable {}{}", runName,
                    complete ? "complete" : "stopped", result.read(), result.retagged(),
                    rate(result.documentsPerSecond()), result.filteredOut(), result.newer(),
                    result.failed(), complete ? "" : "; " + remaining + " to go: run the same command again to resume");
            return result;
        }
    }

    /** Whole numbers hide a short run's rate ("0 documents/s" for one document in 38 s), so small rates keep decimals. */
    static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond >= 100 ? "%.0f" : perSecond >= 1 ? "%.1f" : "%.3f", perSecond);
    }

    /** Enriches and publishes the batch, minus what was ingested again meanwhile, then repairs the race window. */
    private void publish(List<ConsumerRecord<String, byte[]>> selected, Tail newer, Progress progress) {
        if (selected.isEmpty()) {
            return;
        }
        newer.advance();
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(selected.size());
        for (ConsumerRecord<String, byte[]> r : selected) {
            if (newer.seen.contains(r.key())) {
                progress.newer++;
            } else {
                batch.add(r);
            }
        }
        Set<String> published = new HashSet<>();
        deliver(batch, progress, published);
        // Ingested between the look above and the publish: the live listener may have published its enrichment
        // before ours. Enrich the newest raw record of each such id again, until nothing arrives meanwhile.
        for (Map<String, ConsumerRecord<String, byte[]>> window = newer.advance(); ; window = newer.advance()) {
            List<ConsumerRecord<String, byte[]>> again = new ArrayList<>();
            window.forEach((id, r) -> {
                if (published.contains(id)) {
                    again.add(r);
                }
            });
            if (again.isEmpty()) {
                return;
            }
            log.info("Re-tag: {} documents were ingested again while their batch was published; enriching their "
                    + "newest version again", again.size());
            deliver(again, new Progress(null, 0, Duration.ZERO), published);
        }
    }

    /** The sink, retried while a downstream system is out; a record that cannot be enriched is skipped. */
    private void deliver(List<ConsumerRecord<String, byte[]>> batch, Progress progress, Set<String> published) {
        List<ConsumerRecord<String, byte[]>> rest = batch;
        long backoff = 500;
        while (!rest.isEmpty()) {
            try {
                enrichAndPublish.accept(rest);
                rest.forEach(r -> published.add(r.key()));
                progress.retagged += rest.size();
                return;
            } catch (BatchListenerFailedException e) {
                int index = e.getIndex();
                for (int i = 0; i < index; i++) {
                    published.add(rest.get(i).key());
                }
                progress.retagged += index;
                progress.failed++;
                log.warn("Re-tag: cannot enrich {} ({}); skipped, as the live listener dead-lettered it",
                        rest.get(index).key(), e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
                rest = rest.subList(index + 1, rest.size());
            } catch (DownstreamUnavailable e) {
                log.warn("Re-tag: {}; retrying in {} ms", e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, 15_000);
            }
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> offsets(Map<TopicPartition, Long> positions,
                                                                  Map<TopicPartition, Long> until, RetagFilter filter) {
        Map<TopicPartition, OffsetAndMetadata> out = new LinkedHashMap<>();
        positions.forEach((tp, offset) -> out.put(tp, new OffsetAndMetadata(offset,
                new RetagCheckpoint(until.get(tp), filter.hash()).encode())));
        return out;
    }

    private void warnIfNotCompacted() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", consumerConfig.get("bootstrap.servers")))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RAW);
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            String policy = config.get("cleanup.policy") == null ? "delete" : config.get("cleanup.policy").value();
            if (!policy.contains("compact")) {
                String retention = config.get("retention.ms") == null ? "?" : config.get("retention.ms").value();
                log.warn("{} has cleanup.policy={} (retention.ms={}): only what it still holds can be re-tagged. "
                        + "Make it compacted (docs/operations.md, \"Re-tagging\").", Topics.RAW, policy, retention);
            }
        } catch (Exception e) {
            log.warn("Could not read the configuration of {}: {}", Topics.RAW, e.toString());
        }
    }

    /** Reads the raw topic past the run's end offsets: the ids ingested again since the run started. */
    private static final class Tail {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Set<String> seen = new HashSet<>();

        Tail(KafkaConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        /** Reads up to the current end; answers the newest record per id read in this call. */
        Map<String, ConsumerRecord<String, byte[]>> advance() {
            Map<String, ConsumerRecord<String, byte[]>> read = new LinkedHashMap<>();
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    if (r.key() != null) {
                        seen.add(r.key());
                        read.remove(r.key());
                        read.put(r.key(), r);
                    }
                }
            }
            return read;
        }
    }

    private static final class Progress {
        private final String name;
        private final long total;
        private final Duration every;
        private final long t0 = System.nanoTime();
        private long lastLog = System.nanoTime();
        long read;
        long retagged;
        long filteredOut;
        long newer;
        long failed;

        Progress(String name, long total, Duration every) {
            this.name = name;
            this.total = total;
            this.every = every;
        }

        void maybeLog() {
            long now = System.nanoTime();
            if (name == null || now - lastLog < every.toNanos()) {
                return;
            }
            lastLog = now;
            double seconds = (now - t0) / 1e9;
            double rate = read / Math.max(seconds, 1e-3);
            long left = Math.max(0, total - read);
            log.info("Re-tag '{}': read {} of {} ({}%), re-tagged {}, left out {}; {} records/s, about {} s to go",
                    name, read, total, total == 0 ? 100 : read * 100 / total, retagged, filteredOut,
                    String.format("%.0f", rate), rate == 0 ? "?" : String.format("%.0f", left / rate));
        }
    }
}
