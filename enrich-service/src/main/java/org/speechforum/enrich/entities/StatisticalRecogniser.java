package org.speechforum.enrich.entities;

import opennlp.tools.util.Span;
import org.speechforum.nlp4j.Nlp4jRecogniser;
import org.speechforum.nlp4j.TokenSpan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

    private final Nlp4jRecogniser model;
    private final Set<EntityType> types;

    public StatisticalRecogniser(Nlp4jRecogniser model, Set<EntityType> types) {
        this.model = model;
        this.types = Set.copyOf(types);
    }

    /**
     * The process's NLP4J model (loaded on first use: about 30 s, 1.5 GB; then shared), proposing {@code types};
     * fails with a hint when the model is not on the classpath.
     */
    public static StatisticalRecogniser load(Set<EntityType> types) {
        return new StatisticalRecogniser(Nlp4jRecogniser.shared(), types);
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

    @Override
    public List<Candidate> recognise(AnalysedText at) {
        List<Candidate> out = new ArrayList<>();
        Span[] tokens = at.tokens();
        int t = 0;
        for (Span sentence : at.sentences()) {
            int first = t;
            while (t < tokens.length && tokens[t].getStart() < sentence.getEnd()) {
                t++;
            }
            if (t == first) {
                continue;
            }
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
        return out;
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
