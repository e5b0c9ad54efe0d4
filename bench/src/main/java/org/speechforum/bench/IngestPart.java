package org.speechforum.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.speechforum.localstack.ChildJvm;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.speechforum.bench.BenchKit.prop;
import static org.speechforum.bench.BenchKit.rawJson;
import static org.speechforum.bench.Report.ratio;

/**
 * Part "kafka": Kafka's own ProducerPerformance with ingest-service's producer settings, against ingest-service
 * taking the same documents over HTTP, one per request and in NDJSON batches.
 */
final class IngestPart {

    private final Stack stack;
    private final BenchKit kit;
    private final Report report;

    IngestPart(Stack stack, BenchKit kit, Report report) {
        this.stack = stack;
        this.kit = kit;
        this.report = report;
    }

    void run() throws Exception {
        int producerRecords = prop("kafka.records", 100_000);
        int singles = prop("http.singles", 20_000);
        int batches = prop("http.batches", 60);
        List<byte[]> docs = rawJson(Corpus.generate(1, singles + batches * 1000, "k", 0));
        double avgBytes = docs.stream().mapToInt(b -> b.length).average().orElse(0);
        Path payload = stack.work.resolve("payload.ndjson");
        try (var out = Files.newOutputStream(payload)) {
            for (byte[] d : docs.subList(0, Math.min(20_000, docs.size()))) {
                out.write(d);
                out.write('\n');
            }
        }
        String topic = "bench.producer-perf";
        try (Admin admin = kit.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        System.out.printf(Locale.ROOT, "documents: %.0f bytes of JSON on average%n", avgBytes);

        double kafka = producerPerformance(topic, producerRecords, payload);
        report.add("1 ingest", String.format(Locale.ROOT, "Kafka ProducerPerformance, %d records of %.0f B avg "
                + "(acks=all, idempotent, lz4, linger 5 ms as ingest)", producerRecords, avgBytes),
                String.format(Locale.ROOT, "%.0f records/s", kafka), "1.00");

        int clients = prop("http.clients", 16);
        String url = stack.url("ingest-service") + "/api/v1/documents";
        double single = kit.postAll(docs.subList(0, singles), 1, clients, url, prop("http.seconds", 25));
        report.add("1 ingest", "HTTP single POSTs (application/json), " + clients + " concurrent clients",
                String.format(Locale.ROOT, "%.0f docs/s", single), ratio(single, kafka));

        int batchClients = prop("http.batch.clients", 4);
        double batched = kit.postAll(docs.subList(singles, docs.size()), 1000, batchClients, url, prop("http.seconds", 25));
        report.add("1 ingest", "HTTP NDJSON batches of 1,000, " + batchClients + " concurrent clients",
                String.format(Locale.ROOT, "%.0f docs/s", batched), ratio(batched, kafka));
    }

    private double producerPerformance(String topic, int records, Path payload) throws Exception {
        List<String> command = new ArrayList<>(List.of(ChildJvm.javaBinary(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", String.valueOf(records), "--throughput", "-1",
                "--payload-file", payload.toString(), "--producer-props",
                "bootstrap.servers=" + stack.kafkaServers(), "acks=all", "enable.idempotence=true",
                "compression.type=lz4", "linger.ms=5"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Pattern total = Pattern.compile("^(\\d+) records sent, ([\\d.]+) records/sec .*");
        double rate = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains("records sent")) {
                    System.out.println("  producer-perf: " + line);
                }
                Matcher m = total.matcher(line);
                if (m.matches() && line.contains("99.9th")) {
                    rate = Double.parseDouble(m.group(2));
                }
            }
        }
        if (p.waitFor() != 0 || rate < 0) {
            throw new IllegalStateException("ProducerPerformance failed (exit " + p.exitValue() + ")");
        }
        return rate;
    }
}
