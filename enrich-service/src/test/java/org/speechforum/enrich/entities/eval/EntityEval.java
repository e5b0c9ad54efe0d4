package org.speechforum.enrich.entities.eval;

import org.speechforum.contracts.Entity;
import org.speechforum.contracts.Mention;
import org.speechforum.enrich.entities.EntityPipeline;
import org.speechforum.enrich.entities.EntityType;
import org.speechforum.enrich.entities.StatisticalRecogniser;
import org.speechforum.enrich.entities.ThreadContext;
import org.speechforum.enrich.entities.ThreadMemory;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores the pipeline against the gold files: precision, recall and F1 per type, strict (exact span and type) and
 * document-level (each distinct entity of a document counted once: the same canonical id and type, or for gold
 * entities without an id, a predicted entity of the same type with the same surface text), plus every error.
 *
 * <p>Run: {@code ./mvnw -q -pl enrich-service exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.speechforum.enrich.entities.eval.EntityEval} (args: gold file names; default all).
 */
public final class EntityEval {

    public static final class Counts {
        int tp;
        int fp;
        int fn;

        public double precision() {
            return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        public int support() {
            return tp + fn;
        }
    }

    /** Per type (and "ALL") counts, strict and document-level, and the error lines. */
    public record Report(Map<String, Counts> strict, Map<String, Counts> document, List<String> errors) {

        public double documentF1(String type) {
            return document.getOrDefault(type, new Counts()).f1();
        }

        public double strictF1(String type) {
            return strict.getOrDefault(type, new Counts()).f1();
        }

        public void print(PrintStream out, String title) {
            out.println("== " + title);
            out.printf(Locale.ROOT, "%-13s | %6s %6s %6s %5s | %6s %6s %6s %5s%n", "type", "sP", "sR", "sF1", "n",
                    "dP", "dR", "dF1", "n");
            for (String type : document.keySet()) {
                Counts s = strict.getOrDefault(type, new Counts());
                Counts d = document.get(type);
                out.printf(Locale.ROOT, "%-13s | %6.3f %6.3f %6.3f %5d | %6.3f %6.3f %6.3f %5d%n", type,
                        s.precision(), s.recall(), s.f1(), s.support(), d.precision(), d.recall(), d.f1(), d.support());
            }
            out.println("(s = strict: exact span and type; d = document level: distinct linked entities per document)");
            if (!errors.isEmpty()) {
                out.println("-- errors");
                errors.forEach(e -> out.println("  " + e));
            }
        }
    }

    private EntityEval() {
    }

    public static Report evaluate(EntityPipeline pipeline, List<String> files) {
        Map<String, Counts> strict = new TreeMap<>();
        Map<String, Counts> document = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (String file : files) {
            ThreadMemory memory = new ThreadMemory(1000);
            for (GoldCorpus.Doc doc : GoldCorpus.load(file)) {
                ThreadContext context = memory.contextOf(doc.parentId());
                List<Entity> predicted = pipeline.tag(doc.text(), doc.forum(), context);
                memory.remember(doc.id(), EntityPipeline.extend(context, predicted));
                score(doc, predicted, strict, document, errors);
            }
        }
        return new Report(strict, document, errors);
    }

    private static void score(GoldCorpus.Doc doc, List<Entity> predicted, Map<String, Counts> strict,
                              Map<String, Counts> document, List<String> errors) {
        String where = doc.file() + " " + doc.id();
        // strict
        Set<String> gold = new HashSet<>();
        for (GoldCorpus.Span s : doc.spans()) {
            gold.add(s.start() + ":" + s.end() + ":" + s.type());
        }
        Set<String> pred = new HashSet<>();
        Map<String, String> predSurface = new HashMap<>();
        for (Entity e : predicted) {
            for (Mention m : e.mentions()) {
                String key = m.start() + ":" + m.end() + ":" + e.type();
                pred.add(key);
                predSurface.put(key, m.text() + " -> " + e.id());
            }
        }
        for (GoldCorpus.Span s : doc.spans()) {
            String key = s.start() + ":" + s.end() + ":" + s.type();
            if (pred.contains(key)) {
                inc(strict, s.type(), c -> c.tp++);
            } else {
                inc(strict, s.type(), c -> c.fn++);
                errors.add(where + " strict FN " + s.type() + " \"" + s.surface() + "\" @" + s.start());
            }
        }
        for (String key : pred) {
            if (!gold.contains(key)) {
                String type = key.substring(key.lastIndexOf(':') + 1);
                inc(strict, type, c -> c.fp++);
                errors.add(where + " strict FP " + type + " \"" + predSurface.get(key) + "\" @"
                        + key.substring(0, key.indexOf(':')));
            }
        }
        // document level
        Map<String, Set<String>> goldEntities = new HashMap<>(); // type|key -> surfaces
        for (GoldCorpus.Span s : doc.spans()) {
            String key = s.type() + "|" + (s.id() != null ? s.id() : "~" + norm(s.surface()));
            goldEntities.computeIfAbsent(key, k -> new HashSet<>()).add(norm(s.surface()));
        }
        Set<String> matchedPred = new HashSet<>();
        for (Map.Entry<String, Set<String>> g : goldEntities.entrySet()) {
            String type = g.getKey().substring(0, g.getKey().indexOf('|'));
            String id = g.getKey().substring(g.getKey().indexOf('|') + 1);
            Entity hit = null;
            for (Entity e : predicted) {
                if (!e.type().equals(type)) {
                    continue;
                }
                boolean same = id.startsWith("~")
                        ? e.mentions().stream().anyMatch(m -> g.getValue().contains(norm(m.text())))
                        : id.equals(e.id());
                if (same) {
                    hit = e;
                    break;
                }
            }
            if (hit != null) {
                matchedPred.add(hit.type() + "|" + hit.id());
                inc(document, type, c -> c.tp++);
            } else {
                inc(document, type, c -> c.fn++);
                errors.add(where + " doc FN " + type + " " + id + " " + g.getValue());
            }
        }
        for (Entity e : predicted) {
            if (!matchedPred.contains(e.type() + "|" + e.id())) {
                inc(document, e.type(), c -> c.fp++);
                errors.add(where + " doc FP " + e.type() + " " + e.id() + " \"" + e.name() + "\"");
            }
        }
    }

    private static String norm(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private static void inc(Map<String, Counts> map, String type, java.util.function.Consumer<Counts> f) {
        f.accept(map.computeIfAbsent(type, t -> new Counts()));
        f.accept(map.computeIfAbsent("ALL", t -> new Counts()));
    }

    /**
     * Args: none for the configuration users run (rules + NLP4J layer); {@code --rules-only} for the light one;
     * {@code --types=PERSON,LOCATION} limits what the model proposes (default: the name types); other args are gold file
     * names (default: the seed, then the own texts).
     */
    public static void main(String[] args) {
        boolean statistical = true;
        java.util.Set<EntityType> types = StatisticalRecogniser.NAME_TYPES;
        List<String> files = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--rules-only")) {
                statistical = false;
            } else if (arg.equals("--statistical")) {
                statistical = true;
            } else if (arg.startsWith("--types=")) {
                types = java.util.EnumSet.noneOf(EntityType.class);
                for (String t : arg.substring(8).split(",")) {
                    types.add(EntityType.valueOf(t.trim()));
                }
            } else {
                files.add(arg);
            }
        }
        long t0 = System.nanoTime();
        EntityPipeline pipeline = statistical ? EntityPipeline.createWithStatistical(types)
                : EntityPipeline.createRulesOnly();
        System.out.printf(Locale.ROOT, "pipeline loaded in %d ms, statistical layer %s%n",
                (System.nanoTime() - t0) / 1_000_000, statistical ? "NLP4J " + types : "off");
        if (!files.isEmpty()) {
            evaluate(pipeline, files).print(System.out, String.join(", ", files));
            return;
        }
        evaluate(pipeline, GoldCorpus.SEED).print(System.out, "seed (Kremlin speech + Lemmy thread)");
        evaluate(pipeline, GoldCorpus.OWN).print(System.out, "own gold texts " + GoldCorpus.OWN);
    }
}
