package org.speechforum.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.Topics;
import org.speechforum.localstack.ChildJvm;
import org.speechforum.localstack.ServiceJar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Re-tag throughput: {@code bin/retag} (enrich-service as a one-off command) over a raw topic of generated
 * documents (bench Corpus: speeches, posts, threaded comments, ~1 KB of text each), on its own Kafka broker and
 * Elasticsearch node. Measures the whole re-tag (read, enrich with the tagger, link, thread, publish and wait for
 * Kafka's acknowledgement), once over everything and once with a source filter, as the command reports it.
 * Not part of {@code bin/bench}; docs/benchmarks.md, "Re-tag".
 *
 * <pre>
 * ./mvnw -q -B package -DskipTests
 * java -Dbench.root=$PWD -cp "bench/target/classes:bench/target/lib/*" org.speechforum.bench.RetagBenchmark
 * # -Dbench.retag.docs=5000 (default)  -Dbench.retag.statistical=true (default: the users' tagger, with NLP4J)
 * # -Dbench.retag.batch=100 (default; at 500 the link finder's answers for this templated corpus outgrow the
 * #  Elasticsearch client's 100 MB buffer and the re-tag waits forever, see docs/benchmarks.md)
 * </pre>
 */
public final class RetagBenchmark {

    private static final Pattern SUMMARY = Pattern.compile(
            "complete: read (\\d+), re-tagged (\\d+) \\(([0-9.]+) documents/s\\)");

    private RetagBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        int count = Integer.getInteger("bench.retag.docs", 5_000);
        boolean statistical = Boolean.parseBoolean(System.getProperty("bench.retag.statistical", "true"));
        Files.createDirectories(root.resolve("bench/target"));
        Path work = Files.createTempDirectory(root.resolve("bench/target"), "retag-");
        int status = 0;
        try (Stack stack = new Stack(root, work)) {
            stack.startEngines();
            List<Document> documents = Corpus.generate(42, count, "retag", 0);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaServers()))) {
                admin.createTopics(List.of(new NewTopic(Topics.RAW, 3, (short) 1)
                        .configs(Map.of("cleanup.policy", "compact")))).all().get();
            }
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", stack.kafkaServers(), "acks", "all", "linger.ms", 5),
                    new StringSerializer(), new ByteArraySerializer())) {
                Instant now = Instant.now();
                for (Document d : documents) {
                    producer.send(new ProducerRecord<>(Topics.RAW, d.id(),
                            DocumentJson.write(d.toBuilder().ingestedAt(now).schemaVersion(1).build())));
                }
                producer.flush();
            }
            long speeches = documents.stream().filter(d -> d.source().equals("kremlin.ru")).count();
            System.out.printf(Locale.ROOT, "%,d raw documents on %s (%,d of source kremlin.ru)%n", count, Topics.RAW,
                    speeches);
            List<String> rows = new ArrayList<>();
            rows.add(retag(stack, root, work, "all", statistical, List.of()));
            rows.add(retag(stack, root, work, "kremlin.ru", statistical, List.of("--enrich.retag.sources=kremlin.ru")));
            System.out.println();
            System.out.println("| re-tag | raw records read | documents re-tagged | re-tag documents/s (command's "
                    + "figure) | wall clock incl. JVM and model start |");
            System.out.println("|---|---|---|---|---|");
            rows.forEach(System.out::println);
            System.out.println("enrich-service -Xmx2g, statistical NER " + (statistical ? "on" : "off")
                    + ", batch " + Integer.getInteger("bench.retag.batch", 100) + "; work dir " + work);
        } catch (Exception e) {
            status = 1;
            e.printStackTrace();
        }
        System.exit(status);
    }

    private static String retag(Stack stack, Path root, Path work, String filter, boolean statistical,
                                List<String> extra) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaServers());
        env.put("ELASTICSEARCH_URL", stack.esUrl());
        env.put("ENRICH_STATISTICAL_NER", String.valueOf(statistical));
        List<String> args = new ArrayList<>(List.of("--enrich.retag.run=true",
                "--spring.main.web-application-type=none", "--spring.kafka.listener.auto-startup=false",
                "--enrich.retag.name=bench-" + filter,
                "--enrich.retag.batch-size=" + Integer.getInteger("bench.retag.batch", 100)));
        args.addAll(extra);
        Path log = work.resolve("logs/retag-" + filter + ".log");
        long t0 = System.nanoTime();
        ChildJvm jvm = ServiceJar.of(root, "enrich-service").requireBuilt("./mvnw -q -B package -DskipTests")
                .start(List.of("-Xms512m", "-Xmx2g"), args, env, log);
        jvm.awaitExit(Duration.ofMinutes(60));
        double wall = (System.nanoTime() - t0) / 1e9;
        Matcher m = null;
        for (String line : Files.readAllLines(log)) {
            Matcher candidate = SUMMARY.matcher(line);
            if (candidate.find()) {
                m = candidate;
            }
        }
        if (m == null) {
            throw new IllegalStateException("The re-tag did not report completion; see " + log);
        }
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %s | %.0f s |", filter, Long.parseLong(m.group(1)),
                Long.parseLong(m.group(2)), m.group(3), wall);
    }
}
