package org.speechforum.enrich.entities;

import opennlp.tools.util.Span;
import org.speechforum.nlp4j.Nlp4jRecogniser;
import org.speechforum.nlp4j.TokenSpan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The statistical layer (on by default): NLP4J's OntoNotes NER over the pipeline's own sentences and tokens, proposing
 * {@link Candidate.Source#STATISTICAL} spans without ids. The pipeline then links a span whose text is a curated
 * alias, gives every other span an {@code sf:<type>:<slug>} id, and lets curated and rule spans win where they meet
 * (see {@link EntityPipeline}). So the model only fills the names the lists and rules miss.
 *
 * <p>OntoNotes labels map to the project's types: PERSON, ORG → ORGANIZATION, GPE and LOC → LOCATION, NORP →
 * GROUP, EVENT, DATE, PERCENT, MONEY. Which of those the layer proposes is {@code types}; by default only the name
 * types, because the model's DATE/PERCENT/MONEY spans follow OntoNotes ("this year", "five years") rather than
 * this project's conventions, and the rules already cover them (measured: docs/entities.md).
 */
public final class StatisticalRecogniser implements Recogniser {

    /** The name types; the default for {@code enrich.entities.statistical.types}. */
    public static final Set<EntityType> NAME_TYPES = Set.of(EntityType.PERSON, EntityType.ORGANIZATION,
            EntityType.LOCATION, EntityType.GROUP, EntityType.EVENT);

    /** Which sentences the model reads. */
    public enum Sentences {
        /** Every sentence. */
        ALL,
        /**
         * Only a sentence with a capitalised word, after its first (or any, in a line of up to {@value StatisticalRecogniser#SHORT_LINE}
         * tokens), that no list or rule span covers: a sentence whose names the lists and rules already hold, or
         * with no capitalised word at all, has little the model could add (its spans need an upper-case letter).
         * The default: on the gold texts it scores as reading every sentence does, reading 14 % of them.
         */
        UNCOVERED_CAPITALISED
    }

    /** Sentences of at most this many tokens are read when their first word is an uncovered capitalised one. */
    static final int SHORT_LINE = 4;

    private final Nlp4jRecogniser model;
    private final Set<EntityType> types;
    private final Sentences sentences;
    private final LongAdder seen = new LongAdder();
    private final LongAdder read = new LongAdder();

    public StatisticalRecogniser(Nlp4jRecogniser model, Set<EntityType> types) {
        this(model, types, Sentences.UNCOVERED_CAPITALISED);
    }

    public StatisticalRecogniser(Nlp4jRecogniser model, Set<EntityType> types, Sentences sentences) {
        this.model = model;
        this.types = Set.copyOf(types);
        this.sentences = sentences;
    }

    /**
     * The process's NLP4J model (loaded on first use: about 30 s, 1.5 GB; then shared), proposing {@code types};
     * fails with a hint when the model is not on the classpath.
     */
    public static StatisticalRecogniser load(Set<EntityType> types) {
        return new StatisticalRecogniser(Nlp4jRecogniser.shared(), types);
    }

    /** The same model and types, reading {@code sentences}. */
    public StatisticalRecogniser reading(Sentences sentences) {
        return new StatisticalRecogniser(model, types, sentences);
    }

    /** Sentences this layer was given so far, and how many of them the model read: {seen, read}. */
    public long[] sentenceCounts() {
        return new long[]{seen.sum(), read.sum()};
    }

    /** How long loading the model took when this JVM loaded it, in milliseconds. */
    public long modelLoadMillis() {
        return model.loadMillis();
    }

    static EntityType typeOf(String ontoNotesLabel) {
        return switch (ontoNotesLabel.toUpperCase(Locale.ROOT)) {
            case "PERSON" -> EntityType.PERSON;
            case "ORG" -> EntityType.ORGANIZATION;
            case "GPE", "LOC" -> EntityType.LOCATION;
            case "NORP" -> EntityType.GROUP;
            case "EVENT" -> EntityType.EVENT;
            case "DATE" -> EntityType.DATE;
            case "PERCENT" -> EntityType.PERCENT;
            case "MONEY" -> EntityType.MONEY;
            default -> null; // CARDINAL, ORDINAL, TIME, QUANTITY, FAC, LAW, PRODUCT, WORK_OF_ART, LANGUAGE
        };
    }

    /** Every sentence's model spans (no other layer's spans known). */
    @Override
    public List<Candidate> recognise(AnalysedText at) {
        return recognise(at, List.of());
    }

    /**
     * The model's spans, reading the sentences {@link #sentences} selects given the spans the other layers
     * {@code found} (their offsets only: which words they cover).
     */
    public List<Candidate> recognise(AnalysedText at, List<Candidate> found) {
        List<Candidate> out = new ArrayList<>();
        Span[] tokens = at.tokens();
        BitSet covered = null;
        if (sentences == Sentences.UNCOVERED_CAPITALISED) {
            covered = new BitSet(at.text().length());
            for (Candidate c : found) {
                covered.set(c.start(), c.end());
            }
        }
        int t = 0;
        long seenHere = 0;
        long readHere = 0;
        for (Span sentence : at.sentences()) {
            int first = t;
            while (t < tokens.length && tokens[t].getStart() < sentence.getEnd()) {
                t++;
            }
            if (t == first) {
                continue;
            }
            seenHere++;
            if (covered != null && !hasUncoveredCapitalised(at, first, t, covered)) {
                continue;
            }
            readHere++;
            List<String> forms = new ArrayList<>(t - first);
            for (int i = first; i < t; i++) {
                forms.add(at.token(i));
            }
            for (TokenSpan s : model.recognise(forms)) {
                EntityType type = typeOf(s.label());
                if (type == null || !types.contains(type)) {
                    continue;
                }
                int start = tokens[first + s.first()].getStart();
                int end = tokens[first + s.last()].getEnd();
                if (!hasUpperCase(at.text(), start, end)) {
                    continue; // the model was trained on edited text: all-lower-case spans ("won't") are noise
                }
                out.add(new Candidate(start, end, type, null, null, Candidate.Source.STATISTICAL));
            }
        }
        seen.add(seenHere);
        read.add(readHere);
        return out;
    }

    /**
     * A token that starts with an upper-case letter, other than "I", and no span covers, after the sentence's first
     * token (capitalised anyway); in a line of at most {@value StatisticalRecogniser#SHORT_LINE} tokens (a heading, a place line
     * "Punkaharju", a caption) the first counts too.
     */
    private static boolean hasUncoveredCapitalised(AnalysedText at, int first, int end, BitSet covered) {
        String text = at.text();
        Span[] tokens = at.tokens();
        for (int i = end - first <= SHORT_LINE ? first : first + 1; i < end; i++) {
            int start = tokens[i].getStart();
            char c = text.charAt(start);
            if (Character.isUpperCase(c) && !covered.get(start)
                    && !(tokens[i].getEnd() == start + 1 && c == 'I')) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasUpperCase(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.isUpperCase(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
