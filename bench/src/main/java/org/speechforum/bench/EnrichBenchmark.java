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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;
import org.speechforum.contracts.Document;
import org.speechforum.enrich.entities.EntityPipeline;
import org.speechforum.enrich.entities.ThreadMemory;
import org.speechforum.enrich.languages.LanguageDetection;
import org.speechforum.enrich.languages.LanguageProperties;
import org.speechforum.enrich.pipeline.DocumentEnricher;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Enrichment alone, as enrich-service runs it per record: {@link DocumentEnricher#enrich} (normalise, hash, entity
 * tagging, thread memory for the surname rule) over a seeded corpus of at least {@code megabytes} MB of speeches,
 * posts and comments. One operation is one document; the auxiliary counter {@code textBytes} gives the UTF-8 text
 * bytes tagged per second and {@code tokens} the tagger's tokens per second. {@code configuration} picks the pipeline
 * (default: the one enrich-service runs, with the NLP4J model); set-up prints its load time and retained heap. Run by
 * {@code bin/bench enrich} with 1 thread and with one thread per core, in a 2 GB heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EnrichBenchmark {

    @Param("50")
    public int megabytes;

    @Param("42")
    public long seed;

    /** {@code default}: what enrich-service runs (rules + NLP4J layer); {@code rules-only}: the light one. */
    @Param("default")
    public String configuration;

    EntityPipeline pipeline;
    DocumentEnricher enricher;
    Document[] corpus;
    long[] textBytes;
    long[] tokens;

    @Setup(Level.Trial)
    public void setUp() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        long t0 = System.nanoTime();
        // As enrich-service starts: lingua loads on its own thread while the entity models load.
        LanguageProperties languages = LanguageProperties.defaults();
        LanguageDetection detection = LanguageDetection.loading(languages);
        pipeline = switch (configuration) {
            case "default" -> EntityPipeline.createDefault();
            case "rules-only" -> EntityPipeline.createRulesOnly();
            default -> throw new IllegalArgumentException("configuration is default or rules-only, not " + configuration);
        };
        long loadMillis = (System.nanoTime() - t0) / 1_000_000;
        detection.awaitLoaded();
        long readyMillis = (System.nanoTime() - t0) / 1_000_000;
        System.gc();
        long retained = memory.getHeapMemoryUsage().getUsed() - heapBefore;
        System.out.printf("pipeline (%s): loaded in %d ms%s; language detection (loaded beside it) %d ms; both ready"
                        + " in %d ms; %d MB of heap retained by both (max heap %d MB)%n", configuration, loadMillis,
                pipeline.statistical().map(s -> " (NLP4J model " + s.modelLoadMillis() + " ms)").orElse(""),
                detection.loadMillis(), readyMillis, retained >> 20, memory.getHeapMemoryUsage().getMax() >> 20);
        // As enrich-service runs it: language detection (lingua) decides first whether a document is tagged at all.
        enricher = new DocumentEnricher(Clock.systemUTC(), pipeline, new ThreadMemory(100_000), false,
                detection, java.util.Set.copyOf(languages.tagged()), "bench");
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
        tokens = new long[corpus.length];
        long allTokens = 0;
        for (int i = 0; i < corpus.length; i++) {
            textBytes[i] = Corpus.utf8Bytes(corpus[i].text());
            // the tagger's own tokens (OpenNLP UD-EWT), as the tokens/s targets count them
            tokens[i] = pipeline.segmenter().analyse(corpus[i].text(), false).tokens().length;
            allTokens += tokens[i];
        }
        System.out.printf("corpus tokens: %d%n", allTokens);
        System.out.printf("corpus: %d documents, %.1f MB of text (seed %d)%n", corpus.length, bytes / 1e6, seed);
    }

    /** How many of the sentences tagged the model read (it skips those the lists and rules cover). */
    @TearDown(Level.Trial)
    public void report() {
        pipeline.statistical().ifPresent(s -> {
            long[] counts = s.sentenceCounts();
            System.out.printf("%nmodel read %d of %d sentences (%.1f %%)%n", counts[1], counts[0],
                    100.0 * counts[1] / Math.max(1, counts[0]));
        });
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

    /** Reported by JMH as rates: text bytes, tokens and documents per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long textBytes;
        public long tokens;

        @Setup(Level.Iteration)
        public void reset() {
            textBytes = 0;
            tokens = 0;
        }
    }

    @Benchmark
    public Document enrich(Position position, Counters counters) {
        int i = position.next;
        position.next = i + 1 == corpus.length ? 0 : i + 1;
        counters.textBytes += textBytes[i];
        counters.tokens += tokens[i];
        return enricher.enrich(corpus[i]);
    }
}
