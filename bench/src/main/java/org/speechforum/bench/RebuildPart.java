package org.speechforum.bench;

import org.speechforum.localstack.ChildJvm;
import org.speechforum.localstack.ServiceJar;

import org.speechforum.contracts.DocumentJson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.speechforum.bench.Report.ratio;

/**
 * Part "rebuild" (after "e2e"): bin/reindex as operators run it, query-service's jar as a one-off command that
 * replays documents.enriched.v1 and documents.threads.v1 into a new index and switches the aliases, against the
 * raw bulk rate of the same enriched documents. Two rates: wall (from the JVM's start to its exit, what an
 * operator waits) and replay (the command's own "replay rate" line: from the new index's creation to the aliases
 * switched, caught up and refreshed, without the JVM's and Spring's start, like the raw bulk it is compared with).
 */
final class RebuildPart {

    /** Reindexer's last line: "Index documents-v77 is live: N documents from R records in S s, replay rate …". */
    private static final Pattern REPLAY =
            Pattern.compile("is live: (\\d+) documents from (\\d+) records in ([0-9.]+) s");

    private final Path root;
    private final Stack stack;
    private final BenchKit kit;
    private final Report report;

    RebuildPart(Path root, Stack stack, BenchKit kit, Report report) {
        this.root = root;
        this.stack = stack;
        this.kit = kit;
        this.report = report;
    }

    /**
     * One rebuild with the built query-service jar, or one per jar of {@code -Dbench.rebuild.jars} (comma-separated
     * paths, e.g. an older build's exec jar, in that order, back to back on the same topics: an A/B comparison on a
     * shared machine).
     */
    void run(double rawBulkRate) throws Exception {
        int copies = BenchKit.prop("rebuild.copies", 0);
        if (copies > 0) {
            rawBulkRate = withCopies(copies);
        }
        String jars = System.getProperty("bench.rebuild.jars", "");
        if (jars.isBlank()) {
            run(rawBulkRate, ServiceJar.of(root, "query-service").jar(), 77, "");
            return;
        }
        int version = 77;
        for (String jar : jars.split(",")) {
            Path path = Path.of(jar.trim());
            run(rawBulkRate, path, version++, " [" + path.getFileName() + "]");
        }
    }

    /**
     * Puts {@code copies} copies of the topics' documents on the topics (TopicCopies), waits until the live index
     * has them all (so the live projection does not share the machine with the rebuild), and answers the raw bulk
     * rate of the same, larger set of enriched documents, measured as the e2e part measures it.
     */
    private double withCopies(int copies) throws Exception {
        long live = kit.count("documents");
        List<byte[]> bodies = new TopicCopies(stack.kafkaServers()).copy(copies);
        long expected = live * (copies + 1);
        long seen = kit.waitForCount("documents", expected, Duration.ofMinutes(20));
        System.out.printf(Locale.ROOT, "  rebuild: the live index holds %d of %d documents%n", seen, expected);
        List<String> ids = new ArrayList<>(bodies.size());
        for (byte[] body : bodies) {
            ids.add(DocumentJson.mapper().readTree(body).path("id").asString());
        }
        String index = "documents-v902";
        kit.esRequest("PUT", "/" + index, "{}");
        long t0 = System.nanoTime();
        kit.bulkById(index, ids, bodies);
        kit.waitForCount(index, bodies.size(), Duration.ofMinutes(10));
        double rate = bodies.size() / ((System.nanoTime() - t0) / 1e9);
        kit.esRequest("DELETE", "/" + index, null);
        report.add("2 index", String.format(Locale.ROOT, "Elasticsearch BulkIngester, the %d enriched docs on the"
                + " topics after %d copies (1,000/bulk, 2 in flight) → searchable", bodies.size(), copies),
                String.format(Locale.ROOT, "%.0f docs/s", rate), "1.00");
        return rate;
    }

    private void run(double rawBulkRate, Path jar, int version, String label) throws Exception {
        long documents = kit.count("documents");
        Path work = stack.work;
        Path logFile = work.resolve("logs/reindex-v" + version + ".log");
        ProcessBuilder command = new ProcessBuilder(ChildJvm.javaBinary(), "-Xms512m",
                "-Xmx1g", "-jar", jar.toString(), "--query.reindex.to-version=" + version,
                "--spring.main.web-application-type=none", "--spring.kafka.listener.auto-startup=false")
                .redirectErrorStream(true).redirectOutput(logFile.toFile());
        command.environment().put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaServers());
        command.environment().put("ELASTICSEARCH_URL", stack.esUrl());
        long t0 = System.nanoTime();
        int exit = command.start().waitFor();
        double secs = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("reindex exited with " + exit + ", see " + logFile);
        }
        long rebuilt = kit.count("documents-v" + version);
        double rate = rebuilt / secs;
        report.add("2 index", String.format(Locale.ROOT, "Rebuild from the log (bin/reindex, JVM start included), %d of %d"
                + " documents%s", rebuilt, documents, label), String.format(Locale.ROOT, "%.0f docs/s", rate),
                rawBulkRate > 0 ? ratio(rate, rawBulkRate) : "");
        Matcher replay = REPLAY.matcher(Files.readString(logFile));
        if (!replay.find()) {
            report.note("the reindex log has no replay rate line");
            return;
        }
        long records = Long.parseLong(replay.group(2));
        double replaySecs = Double.parseDouble(replay.group(3));
        double replayRate = Long.parseLong(replay.group(1)) / replaySecs;
        System.out.printf(Locale.ROOT, "  rebuild: %d documents from %d records, replay %.1f s of %.1f s wall%n",
                rebuilt, records, replaySecs, secs);
        report.add("2 index", String.format(Locale.ROOT, "Rebuild from the log, replay alone (the command's own rate,"
                        + " %d records in %.1f s)%s", records, replaySecs, label),
                String.format(Locale.ROOT, "%.0f docs/s", replayRate),
                rawBulkRate > 0 ? ratio(replayRate, rawBulkRate) : "");
    }
}
