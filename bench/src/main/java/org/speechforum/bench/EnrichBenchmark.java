package org.speechforum.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;
import org.speechforum.contracts.Document;
import org.speechforum.enrich.entities.EntityPipeline;
import org.speechforum.enrich.entities.ThreadMemory;
import org.speechforum.enrich.pipeline.DocumentEnricher;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Enrichment alone, as enrich-service runs it per record: {@link DocumentEnricher#enrich} (normalise, hash, entity
 * tagging, thread memory for the surname rule) over a seeded corpus of at least {@code megabytes} MB of speeches,
 * posts and comments. One operation is one document; the auxiliary counter {@code textBytes} gives the UTF-8 text
 * bytes tagged per second. Run by {@code bin/bench enrich} with 1 thread and with one thread per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EnrichBenchmark {

    @Param("50")
    public int megabytes;

    @Param("42")
    public long seed;

    DocumentEnricher enricher;
    Document[] corpus;
    long[] textBytes;

    @Setup(Level.Trial)
    public void setUp() {
        enricher = new DocumentEnricher(Clock.systemUTC(), EntityPipeline.createDefault(), new ThreadMemory(100_000), false);
        List<Document> docs = new ArrayList<>();
        long bytes = 0;
        long next = 0;
        while (bytes < megabytes * 1_000_000L) {
            for (Document d : Corpus.generate(seed + next, 5_000, "jmh", next)) {
                docs.add(d);
                bytes += Corpus.utf8Bytes(d.text());
            }
            next += 5_000;
        }
        corpus = docs.toArray(Document[]::new);
        textBytes = new long[corpus.length];
        for (int i = 0; i < corpus.length; i++) {
            textBytes[i] = Corpus.utf8Bytes(corpus[i].text());
        }
        System.out.printf("corpus: %d documents, %.1f MB of text (seed %d)%n", corpus.length, bytes / 1e6, seed);
    }

    /** Each thread walks the corpus from its own starting point, so threads do not tag the same document at once. */
    @State(Scope.Thread)
    public static class Position {
        int next;

        @Setup(Level.Trial)
        public void setUp(EnrichBenchmark shared, ThreadParams thread) {
            next = (int) ((long) shared.corpus.length * thread.getThreadIndex() / thread.getThreadCount());
        }
    }

    /** Reported by JMH as rates: text bytes and documents per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long textBytes;

        @Setup(Level.Iteration)
        public void reset() {
            textBytes = 0;
        }
    }

    @Benchmark
    public Document enrich(Position position, Counters counters) {
        int i = position.next;
        position.next = i + 1 == corpus.length ? 0 : i + 1;
        counters.textBytes += textBytes[i];
        return enricher.enrich(corpus[i]);
    }
}
