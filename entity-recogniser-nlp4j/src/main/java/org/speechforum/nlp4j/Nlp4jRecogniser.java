package org.speechforum.nlp4j;

import edu.emory.mathcs.nlp.component.template.node.NLPNode;
import edu.emory.mathcs.nlp.decode.NLPDecoder;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * NLP4J's English part-of-speech tagger and named-entity recogniser (OntoNotes labels: PERSON, ORG, GPE, LOC,
 * NORP, EVENT, DATE, MONEY, PERCENT, ...) over pre-tokenised sentences. The dependency parser is not loaded.
 *
 * <p>Load once per process: about 30 s and 1.5 GB of heap (lexica, word embeddings and the two models).
 * {@link #recognise} may be called from several threads: the decoder keeps no per-call state outside the nodes it
 * is given.
 */
public final class Nlp4jRecogniser {

    /** Decode configuration: the lexica the NER features read, plus the POS and NER models (no parser). */
    private static final String CONFIG = """
            <configuration>
              <tsv><column index="1" field="form"/></tsv>
              <lexica>
                <ambiguity_classes field="word_form_simplified_lowercase">edu/emory/mathcs/nlp/lexica/en-ambiguity-classes-simplified-lowercase.xz</ambiguity_classes>
                <word_clusters field="word_form_simplified_lowercase">edu/emory/mathcs/nlp/lexica/en-brown-clusters-simplified-lowercase.xz</word_clusters>
                <word_embeddings field="word_form_undigitalized">edu/emory/mathcs/nlp/lexica/en-word-embeddings-undigitalized.xz</word_embeddings>
                <named_entity_gazetteers field="word_form_simplified">edu/emory/mathcs/nlp/lexica/en-named-entity-gazetteers-simplified.xz</named_entity_gazetteers>
              </lexica>
              <models>
                <pos>edu/emory/mathcs/nlp/models/en-pos.xz</pos>
                <ner>edu/emory/mathcs/nlp/models/en-ner.xz</ner>
              </models>
            </configuration>
            """;

    private static volatile Nlp4jRecogniser shared;

    private final NLPDecoder decoder;
    private final long loadMillis;

    private Nlp4jRecogniser(NLPDecoder decoder, long loadMillis) {
        this.decoder = decoder;
        this.loadMillis = loadMillis;
    }

    /** Loads the lexica and models from the classpath; fails with a hint when they are not there. */
    public static Nlp4jRecogniser load() {
        Nlp4jModel.require();
        long t0 = System.nanoTime();
        NLPDecoder decoder = new NLPDecoder(new ByteArrayInputStream(CONFIG.getBytes(StandardCharsets.UTF_8)));
        return new Nlp4jRecogniser(decoder, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * The process's one loaded model, loaded on first use. The model is read-only once loaded, so every pipeline of
     * a JVM (a service has one; a test JVM may build several) shares it instead of paying 30 s and 1.5 GB again.
     */
    public static Nlp4jRecogniser shared() {
        Nlp4jRecogniser s = shared;
        if (s == null) {
            synchronized (Nlp4jRecogniser.class) {
                s = shared;
                if (s == null) {
                    s = load();
                    shared = s;
                }
            }
        }
        return s;
    }

    /** How long loading the lexica and models took, in milliseconds. */
    public long loadMillis() {
        return loadMillis;
    }

    /** The OntoNotes entities of one tokenised sentence. */
    public List<TokenSpan> recognise(List<String> tokens) {
        return Bilou.spans(tags(tokens));
    }

    /** The raw per-token NER tags (BILOU) of one tokenised sentence. */
    public String[] tags(List<String> tokens) {
        if (tokens.isEmpty()) {
            return new String[0];
        }
        NLPNode[] nodes = new NLPNode[tokens.size() + 1];
        nodes[0] = new NLPNode();
        nodes[0].toRoot();
        for (int i = 0; i < tokens.size(); i++) {
            nodes[i + 1] = new NLPNode(i + 1, tokens.get(i));
        }
        decoder.decode(nodes);
        String[] tags = new String[tokens.size()];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = nodes[i + 1].getNamedEntityTag();
        }
        return tags;
    }
}
