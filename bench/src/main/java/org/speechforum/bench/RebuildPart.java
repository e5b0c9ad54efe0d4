package org.speechforum.bench;

import org.speechforum.localstack.ChildJvm;
import org.speechforum.localstack.ServiceJar;

import java.nio.file.Path;
import java.util.Locale;

import static org.speechforum.bench.Report.ratio;

/**
 * Part "rebuild" (after "e2e"): bin/reindex as operators run it, query-service's jar as a one-off command that
 * replays documents.enriched.v1 and documents.threads.v1 into a new index (link finding included) and switches
 * the aliases; timed from start to exit, against the raw bulk rate of the same enriched documents.
 */
final class RebuildPart {

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

    void run(double rawBulkRate) throws Exception {
        long documents = kit.count("documents");
        Path jar = ServiceJar.of(root, "query-service").jar();
        Path work = stack.work;
        ProcessBuilder command = new ProcessBuilder(ChildJvm.javaBinary(), "-Xms512m",
                "-Xmx1g", "-jar", jar.toString(), "--query.reindex.to-version=77",
                "--spring.main.web-application-type=none", "--spring.kafka.listener.auto-startup=false")
                .redirectErrorStream(true).redirectOutput(work.resolve("logs/reindex.log").toFile());
        command.environment().put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaServers());
        command.environment().put("ELASTICSEARCH_URL", stack.esUrl());
        long t0 = System.nanoTime();
        int exit = command.start().waitFor();
        double secs = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("reindex exited with " + exit + ", see " + work.resolve("logs/reindex.log"));
        }
        long rebuilt = kit.count("documents-v77");
        double rate = rebuilt / secs;
        report.add("2 index", String.format(Locale.ROOT, "Rebuild from the log (bin/reindex, JVM start included), %d of %d"
                + " documents", rebuilt, documents), String.format(Locale.ROOT, "%.0f docs/s", rate),
                rawBulkRate > 0 ? ratio(rate, rawBulkRate) : "");
    }
}
