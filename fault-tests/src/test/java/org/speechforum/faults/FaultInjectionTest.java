package org.speechforum.faults;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Topics;
import org.speechforum.tools.DlqReplay;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue-9 fault suite. One real broker, one real Elasticsearch node and the three services as child JVMs are
 * started once; each test drives a steady load of uniquely numbered documents over HTTP and injects one fault during
 * it, then checks from outside the services that every accepted document is in the index exactly once with the
 * right content, that nothing refused is anywhere and that the consumer lag is back to zero. See docs/fault-tests.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionTest {

    /** Client threads and the pause between their requests: about 30 documents per second on a loaded machine. */
    private static final int LOAD_THREADS = 3;
    private static final long LOAD_PAUSE_MILLIS = 80;
    private static final Duration WARM_UP = Duration.ofSeconds(4);
    private static final Duration LOAD_AFTER_FAULT = Duration.ofSeconds(4);
    private static final Duration CONVERGE_TIMEOUT = Duration.ofSeconds(150);
    private static final int BURST = 400;

    private static FaultStack stack;
    private static IndexProbe index;
    private static KafkaProbe kafka;
    private static final List<Report> reports = new ArrayList<>();
    private static long suiteStarted;

    @BeforeAll
    static void startStack() throws Exception {
        suiteStarted = System.nanoTime();
        stack = new FaultStack();
        index = new IndexProbe(stack.elasticsearchUrl());
        kafka = new KafkaProbe(stack.kafkaBootstrapServers());
        System.out.printf("%nStack up in %.0f s (work dir %s)%n", seconds(suiteStarted), stack.workDir());
    }

    @AfterAll
    static void stopStack() {
        if (kafka != null) {
            kafka.close();
        }
        if (stack != null) {
            stack.close();
        }
        System.out.println();
        System.out.println("Fault suite summary (wall time " + Math.round(seconds(suiteStarted)) + " s)");
        System.out.println(Report.HEADER);
        reports.forEach(r -> System.out.println(r.row()));
    }

    @Test
    @Order(1)
    void kafkaBrokerRestart() throws Exception {
        Load load = new Load("broker-restart", stack.ingest.uri("/api/v1/documents"), LOAD_THREADS,
                LOAD_PAUSE_MILLIS).start();
        Thread.sleep(WARM_UP.toMillis());
        long faultStarted = System.nanoTime();
        stack.restartBroker(Duration.ofSeconds(10));
        check(load, "Kafka broker stopped, 10 s down, restarted", faultStarted);
    }

    @Test
    @Order(2)
    void enrichServiceKilledMidBatch() throws Exception {
        Load load = new Load("enrich-kill", stack.ingest.uri("/api/v1/documents"), LOAD_THREADS,
                LOAD_PAUSE_MILLIS).start();
        Thread.sleep(WARM_UP.toMillis());
        long enrichedBefore = kafka.endOffsetSum(Topics.ENRICHED);
        assertThat(load.burst(BURST)).as("burst accepted").isEqualTo(202);
        // Kill once enrich-service has started publishing the burst but not finished it: mid-batch.
        waitFor(Duration.ofSeconds(20), () -> endOffsetSum(Topics.ENRICHED) > enrichedBefore + 20);
        long faultStarted = System.nanoTime();
        stack.enrich.kill();
        long enrichedAtKill = endOffsetSum(Topics.ENRICHED) - enrichedBefore;
        System.out.println("enrich-service SIGKILLed with " + enrichedAtKill + " enriched since the burst");
        stack.enrich.start();
        check(load, "enrich-service SIGKILLed mid-batch, restarted", faultStarted);
    }

    @Test
    @Order(3)
    void queryServiceKilledMidBulk() throws Exception {
        Load load = new Load("query-kill", stack.ingest.uri("/api/v1/documents"), LOAD_THREADS,
                LOAD_PAUSE_MILLIS).start();
        Thread.sleep(WARM_UP.toMillis());
        long enrichedBefore = kafka.endOffsetSum(Topics.ENRICHED);
        assertThat(load.burst(BURST)).as("burst accepted").isEqualTo(202);
        // The burst is on the enriched topic: query-service is bulk-writing it now.
        waitFor(Duration.ofSeconds(30), () -> endOffsetSum(Topics.ENRICHED) >= enrichedBefore + BURST);
        Thread.sleep(100);
        long faultStarted = System.nanoTime();
        stack.query.kill();
        stack.query.start();
        check(load, "query-service SIGKILLed mid-bulk, restarted", faultStarted);
    }

    @Test
    @Order(4)
    void elasticsearchDownForAMinute() throws Exception {
        Load load = new Load("es-outage", stack.ingest.uri("/api/v1/documents"), LOAD_THREADS,
                LOAD_PAUSE_MILLIS).start();
        Thread.sleep(WARM_UP.toMillis());
        long faultStarted = System.nanoTime();
        stack.elasticsearchOutage(Duration.ofSeconds(60));
        check(load, "Elasticsearch down 60 s, restarted", faultStarted);
    }

    @Test
    @Order(5)
    void poisonRecordGoesToTheDlqAndReplaysAfterTheFix() throws Exception {
        Load load = new Load("poison", stack.ingest.uri("/api/v1/documents"), LOAD_THREADS,
                LOAD_PAUSE_MILLIS).start();
        Thread.sleep(WARM_UP.toMillis());
        // A producer that bypasses ingest-service writes a document without its id: enrichment refuses it.
        String source = "fault-poison-direct";
        String externalId = "poison-" + System.currentTimeMillis();
        Document poison = Document.builder()
                .kind(DocumentKind.POST).source(source).externalId(externalId).title("Poison")
                .text("A record written to documents.raw.v1 without its id.")
                .publishedAt(Instant.parse("2024-01-01T00:00:00Z")).schemaVersion(Document.SCHEMA_VERSION)
                .build();
        long faultStarted = System.nanoTime();
        kafka.produce(Topics.RAW, externalId, DocumentJson.write(poison));
        waitFor(Duration.ofSeconds(60), () -> dlqRecord(Topics.dlq(Topics.RAW), externalId) != null);
        Report report = check(load, "poison record among good ones", faultStarted);

        ConsumerRecord<String, byte[]> dead = dlqRecord(Topics.dlq(Topics.RAW), externalId);
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.RAW);
        String reason = header(dead, "kafka_dlt-exception-message");
        System.out.println("Poison on " + Topics.dlq(Topics.RAW) + " with reason: " + reason);
        assertThat(reason).as("the reason names the missing id, not the listener wrapper")
                .contains("needs an id").doesNotContain("Listener method");
        assertThat(header(dead, "kafka_dlt-exception-fqcn")).endsWith("PermanentFailure");
        String expectedId = DocumentIds.of(source, externalId);
        assertThat(index.documentsOf(source)).isEmpty();

        // The fix: enrich-service derives the deterministic id of a raw document that lacks one.
        stack.enrich.stop();
        stack.enrich.start("--enrich.derive-missing-ids=true");
        DlqReplay.Options options = new DlqReplay.Options(stack.kafkaBootstrapServers(),
                Topics.dlq(Topics.RAW), null, true);
        ByteArrayOutputStream listing = new ByteArrayOutputStream();
        DlqReplay.Result dryRun = DlqReplay.run(options, new PrintStream(listing, true, StandardCharsets.UTF_8));
        System.out.print(listing.toString(StandardCharsets.UTF_8));
        assertThat(dryRun.replayed()).isGreaterThanOrEqualTo(1);
        long replayStarted = System.nanoTime();
        DlqReplay.Result replay = DlqReplay.run(new DlqReplay.Options(stack.kafkaBootstrapServers(),
                Topics.dlq(Topics.RAW), null, false), System.out);
        assertThat(replay.replayed()).isEqualTo(dryRun.replayed());
        assertThat(replay.byTarget()).containsOnlyKeys(Topics.RAW);
        DlqReplay.Result again = DlqReplay.run(new DlqReplay.Options(stack.kafkaBootstrapServers(),
                Topics.dlq(Topics.RAW), null, false), System.out);
        assertThat(again.replayed()).as("a second replay finds nothing new").isZero();

        waitFor(Duration.ofSeconds(90), () -> index.countOrMinusOne(source) == 1 && kafka.totalLag() == 0);
        List<IndexProbe.Hit> replayed = index.documentsOf(source);
        assertThat(replayed).hasSize(1);
        assertThat(replayed.getFirst().esId()).isEqualTo(expectedId);
        assertThat(replayed.getFirst().text()).isEqualTo(poison.text());
        System.out.printf("Replayed poison indexed %.1f s after the replay started%n", seconds(replayStarted));
        assertThat(kafka.totalLag()).isZero();
        assertThat(report.lost()).isZero();
    }

    @Test
    @Order(6)
    void aFloodGets429WithRetryAfterNotAnOutOfMemoryError() throws Exception {
        Load load = new Load("flood", stack.ingest.uri("/api/v1/documents"), 0, 0);
        long faultStarted = System.nanoTime();
        Map<Integer, Integer> statuses = load.flood(240, 10, 48);
        System.out.println("Flood answers (status=requests): " + statuses);
        assertThat(statuses.keySet()).as("only accepted or asked to come back later").isSubsetOf(202, 429, 503);
        assertThat(statuses).containsKey(429).containsKey(202);
        load.answers().forEach((n, status) -> {
            if (status == 429 || status == 503) {
                assertThat(load.retryAfter()).as("Retry-After on every 429/503").containsKey(n);
            }
        });
        HttpResponse<String> live = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                stack.ingest.uri("/actuator/health/liveness")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(live.statusCode()).as("ingest-service alive after the flood").isEqualTo(200);
        check(load, "flood: 240 x 10 docs, 48 at once (limit " + FaultStack.INGEST_MAX_CONCURRENT + ")",
                faultStarted);
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Lets the load run a little longer, stops it, waits until the index holds every accepted document and the lag
     * is zero (or the timeout passed), then checks and reports.
     */
    private Report check(Load load, String fault, long faultStarted) throws Exception {
        long healed = System.nanoTime();
        Thread.sleep(LOAD_AFTER_FAULT.toMillis());
        load.stop();
        Map<Integer, Integer> answers = load.answers();
        Set<String> acceptedIds = new HashSet<>();
        answers.forEach((n, status) -> {
            if (status == 202) {
                acceptedIds.add(load.id(n));
            }
        });
        boolean converged = waitFor(CONVERGE_TIMEOUT, () -> {
            try {
                Set<String> indexed = new HashSet<>();
                index.documentsOf(load.source).forEach(h -> indexed.add(h.esId()));
                return indexed.containsAll(acceptedIds) && kafka.totalLag() == 0;
            } catch (Exception e) {
                return false;
            }
        });
        double recovery = seconds(healed);

        List<IndexProbe.Hit> hits = index.documentsOf(load.source);
        Map<String, Integer> perExternalId = new HashMap<>();
        hits.forEach(h -> perExternalId.merge(h.externalId(), 1, Integer::sum));
        Map<String, IndexProbe.Hit> byId = new HashMap<>();
        hits.forEach(h -> byId.put(h.esId(), h));
        int sent = 0;
        int accepted = 0;
        int refused = 0;
        int noAnswer = 0;
        int lost = 0;
        int wrong = 0;
        int refusedButIndexed = 0;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : answers.entrySet()) {
            int n = e.getKey();
            int status = e.getValue();
            if (status == 0) {
                continue;
            }
            sent++;
            IndexProbe.Hit hit = byId.get(load.id(n));
            if (status == 202) {
                accepted++;
                if (hit == null) {
                    lost++;
                    if (problems.size() < 10) {
                        problems.add("lost " + load.externalId(n));
                    }
                } else if (!load.text(n).equals(hit.text()) || !Load.title(n).equals(hit.title())
                        || !load.externalId(n).equals(hit.externalId()) || !load.id(n).equals(hit.id())
                        || !DocumentIds.sha256(load.text(n)).equals(hit.contentHash())) {
                    wrong++;
                    problems.add("wrong content " + hit);
                }
            } else if (status == Load.NO_ANSWER) {
                noAnswer++;
            } else {
                refused++;
                if (hit != null) {
                    refusedButIndexed++;
                    problems.add("refused (" + status + ") but indexed " + load.externalId(n));
                }
            }
        }
        int duplicates = hits.size() - perExternalId.size();
        long strays = hits.stream().filter(h -> !answers.containsKey(number(load, h.externalId()))).count();
        int dead = 0;
        for (String topic : List.of(Topics.dlq(Topics.RAW), Topics.dlq(Topics.ENRICHED))) {
            for (ConsumerRecord<String, byte[]> record : kafka.readAll(topic)) {
                if (acceptedIds.contains(record.key())) {
                    dead++;
                }
            }
        }
        long lag = kafka.totalLag();
        Report report = new Report(fault, sent, accepted, refused, noAnswer, hits.size(), duplicates, lost, wrong,
                refusedButIndexed, dead, lag, (healed - faultStarted) / 1e9, converged ? recovery : Double.NaN);
        reports.add(report);
        System.out.println();
        System.out.println(Report.HEADER);
        System.out.println(report.row());
        problems.forEach(p -> System.out.println("  " + p));

        assertThat(accepted).as("documents accepted during " + fault).isPositive();
        assertThat(lost).as("accepted but not indexed: " + problems).isZero();
        assertThat(duplicates).as("indexed more than once").isZero();
        assertThat(wrong).as("indexed with the wrong content: " + problems).isZero();
        assertThat(refusedButIndexed).as("refused but indexed: " + problems).isZero();
        assertThat(strays).as("indexed documents nobody sent").isZero();
        assertThat(dead).as("accepted documents dead-lettered").isZero();
        assertThat(lag).as("consumer lag").isZero();
        assertThat(converged).as("converged within " + CONVERGE_TIMEOUT).isTrue();
        return report;
    }

    private static int number(Load load, String externalId) {
        try {
            return Integer.parseInt(externalId.substring(load.scenario.length() + 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** One row of the per-fault table. */
    record Report(String fault, int sent, int accepted, int refused, int noAnswer, int indexed, int duplicates,
                  int lost, int wrongContent, int refusedButIndexed, int deadLettered, long lag, double faultSeconds,
                  double recoverySeconds) {

        static final String HEADER = String.format("%-46s %6s %8s %7s %6s %7s %5s %4s %5s %6s %6s",
                "fault", "sent", "accepted", "refused", "no-ans", "indexed", "dupl", "lost", "lag", "fault s",
                "recov s");

        String row() {
            return String.format("%-46s %6d %8d %7d %6d %7d %5d %4d %5d %6.1f %6.1f", fault, sent, accepted, refused,
                    noAnswer, indexed, duplicates, lost, lag, faultSeconds, recoverySeconds);
        }
    }

    private static ConsumerRecord<String, byte[]> dlqRecord(String topic, String key) {
        try {
            return kafka.readAll(topic).stream().filter(r -> key.equals(r.key())).findFirst().orElse(null);
        } catch (Exception e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long endOffsetSum(String topic) {
        try {
            return kafka.endOffsetSum(topic);
        } catch (Exception e) {
            return -1;
        }
    }

    private static boolean waitFor(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(500);
        }
        return condition.getAsBoolean();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
