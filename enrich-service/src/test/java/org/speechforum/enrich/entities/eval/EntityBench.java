package org.speechforum.enrich.entities.eval;

import org.speechforum.enrich.entities.AnalysedText;
import org.speechforum.enrich.entities.EntityPipeline;
import org.speechforum.enrich.entities.ThreadContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Throughput of the full tagging pipeline (segmenting, gazetteer, rules, merge, linking) on one core, over a corpus
 * of at least 5 MB generated from a fixed seed: the gold documents' sentences shuffled and recombined into
 * speech-sized and comment-sized documents. Not a unit test; run:
 * {@code ./mvnw -q -pl enrich-service exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.speechforum.enrich.entities.eval.EntityBench} (args: MB, default 5; seed, default 42).
 */
public final class EntityBench {

    private EntityBench() {
    }

    static List<String> corpus(int megabytes, long seed) {
        List<String> sentences = new ArrayList<>();
        for (String file : List.of("seed.gold.txt", "kenya-climate.gold.txt", "germany-energy.gold.txt",
                "asean-sea.gold.txt")) {
            for (GoldCorpus.Doc doc : GoldCorpus.load(file)) {
                for (String s : doc.text().split("(?<=[.!?])\\s+")) {
                    if (s.length() > 20) {
                        sentences.add(s);
                    }
                }
            }
        }
        Random random = new Random(seed);
        List<String> docs = new ArrayList<>();
        long bytes = 0;
        while (bytes < megabytes * 1_000_000L) {
            boolean speech = random.nextInt(4) == 0;
            int n = speech ? 40 + random.nextInt(60) : 2 + random.nextInt(8);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                String s = sentences.get(random.nextInt(sentences.size()));
                sb.append(random.nextInt(6) == 0 && !speech ? s.toLowerCase(Locale.ROOT) : s);
                sb.append(i % 5 == 4 ? "\n\n" : " ");
            }
            String text = sb.toString().strip();
            docs.add(text);
            bytes += text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        return docs;
    }

    /** Args: MB (5), seed (42); {@code --rules-only} for the light configuration (default: the one users run). */
    public static void main(String[] args) {
        boolean statistical = !java.util.Arrays.asList(args).contains("--rules-only");
        args = java.util.Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
        long t0 = System.nanoTime();
        EntityPipeline pipeline = statistical
                ? EntityPipeline.createWithStatistical(org.speechforum.enrich.entities.StatisticalRecogniser.NAME_TYPES)
                : EntityPipeline.createRulesOnly();
        System.out.printf(Locale.ROOT, "load: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        List<String> docs = corpus(mb, seed);
        long bytes = docs.stream().mapToLong(d -> d.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
        System.out.printf(Locale.ROOT, "corpus: %d documents, %.1f MB (seed %d)%n", docs.size(), bytes / 1e6, seed);
        // warm-up on the first 10 %
        for (int i = 0; i < docs.size() / 10; i++) {
            pipeline.tag(docs.get(i), i % 3 != 0, ThreadContext.NONE);
        }
        for (int round = 1; round <= 2; round++) {
            long tokens = 0;
            long mentions = 0;
            long segNanos = 0;
            long start = System.nanoTime();
            for (int i = 0; i < docs.size(); i++) {
                long s0 = System.nanoTime();
                AnalysedText at = pipeline.segmenter().analyse(docs.get(i), i % 3 != 0);
                segNanos += System.nanoTime() - s0;
                tokens += at.tokens().length;
                mentions += pipeline.tagAnalysed(at, ThreadContext.NONE).stream().mapToInt(org.speechforum.contracts.Entity::count).sum();
            }
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT,
                    "round %d, 1 thread: %.1f s, %d tokens, %d mentions -> %.0f tokens/s, %.2f MB/s per core"
                            + " (segmenting %.0f%% of the time)%n",
                    round, secs, tokens, mentions, tokens / secs, bytes / 1e6 / secs, 100 * segNanos / 1e9 / secs);
        }
        Runtime rt = Runtime.getRuntime();
        rt.gc();
        System.out.printf(Locale.ROOT, "heap used after GC (pipeline + corpus): %d MB%n",
                (rt.totalMemory() - rt.freeMemory()) / 1_000_000);
    }
}
