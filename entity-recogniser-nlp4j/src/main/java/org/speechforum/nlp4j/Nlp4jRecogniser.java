package org.speechforum.nlp4j;

import edu.emory.mathcs.nlp.common.collection.tree.PrefixTree;
import edu.emory.mathcs.nlp.common.util.IOUtils;
import edu.emory.mathcs.nlp.common.util.Language;
import edu.emory.mathcs.nlp.common.util.NLPUtils;
import edu.emory.mathcs.nlp.component.morph.MorphologicalAnalyzer;
import edu.emory.mathcs.nlp.component.template.NLPComponent;
import edu.emory.mathcs.nlp.component.template.feature.Field;
import edu.emory.mathcs.nlp.component.template.lexicon.GlobalLexica;
import edu.emory.mathcs.nlp.component.template.lexicon.GlobalLexicon;
import edu.emory.mathcs.nlp.component.template.node.NLPNode;
import edu.emory.mathcs.nlp.component.template.state.NLPState;
import edu.emory.mathcs.nlp.decode.NLPDecoder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ObjectInputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * NLP4J's English part-of-speech tagger and named-entity recogniser (OntoNotes labels: PERSON, ORG, GPE, LOC,
 * NORP, EVENT, DATE, MONEY, PERCENT, ...) over pre-tokenised sentences. The dependency parser is not loaded.
 *
 * <p>Load once per process: about 1.5 GB of heap (lexica, word embeddings and the two models). {@link #load} reads
 * the parts on parallel threads: by CPU time, on two idle cores that takes about as long as the word embeddings
 * alone (19 s of the 27 s of CPU the parts take; docs/entities.md, "Model load time", where the wall times measured
 * on a loaded machine do not show the gain yet).
 * {@link #recognise} may be called from several threads: the decoder keeps no per-call state outside the nodes it
 * is given.
 */
public final class Nlp4jRecogniser {

    private static final String LEXICA = "edu/emory/mathcs/nlp/lexica/";
    private static final String MODELS = "edu/emory/mathcs/nlp/models/";

    private static final Object SHARED_LOCK = new Object();
    private static CompletableFuture<Nlp4jRecogniser> shared;

    private final NLPDecoder decoder;
    private final long loadMillis;

    private Nlp4jRecogniser(NLPDecoder decoder, long loadMillis) {
        this.decoder = decoder;
        this.loadMillis = loadMillis;
    }

    /**
     * Loads the lexica and models from the classpath, on one thread per core (at least two); fails with a hint when
     * they are not there, and naming the part when one cannot be read.
     */
    public static Nlp4jRecogniser load() {
        return load(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * As {@link #load()}, with at most {@code threads} parts read at once ({@code 1}: one after another, as NLP4J's
     * own {@code NLPDecoder(config)} reads them).
     *
     * <p>The decoder is the one {@code NLPDecoder(config)} builds from the configuration this class used before (the
     * four lexica the NER features read, the POS and NER models, no parser), in the same order: lexica, POS tagger,
     * morphological analyser, NER. Only the reading is parallel: each part is an independent XZ stream of Java
     * objects.
     */
    public static Nlp4jRecogniser load(int threads) {
        Nlp4jModel.require();
        long t0 = System.nanoTime();
        NLPDecoder decoder;
        try (ParallelLoad parts = new ParallelLoad(Math.min(threads, 6), "nlp4j-load")) {
            // Heaviest first (decode times on an idle core): embeddings 17 s, gazetteers 8 s, clusters 2.3 s,
            // ambiguity classes 1.6 s, NER model 1.1 s, POS model 1.0 s.
            ParallelLoad.Part<GlobalLexicon<Map<String, float[]>>> embeddings = parts.start("NLP4J word embeddings",
                    () -> lexicon("en-word-embeddings-undigitalized.xz", Field.word_form_undigitalized));
            ParallelLoad.Part<GlobalLexicon<PrefixTree<String, Set<String>>>> gazetteers = parts.start(
                    "NLP4J named-entity gazetteers",
                    () -> lexicon("en-named-entity-gazetteers-simplified.xz", Field.word_form_simplified));
            ParallelLoad.Part<GlobalLexicon<Map<String, Set<String>>>> clusters = parts.start("NLP4J word clusters",
                    () -> lexicon("en-brown-clusters-simplified-lowercase.xz", Field.word_form_simplified_lowercase));
            ParallelLoad.Part<GlobalLexicon<Map<String, List<String>>>> ambiguity = parts.start(
                    "NLP4J ambiguity classes", () -> lexicon("en-ambiguity-classes-simplified-lowercase.xz",
                            Field.word_form_simplified_lowercase));
            ParallelLoad.Part<NLPComponent<NLPNode>> ner = parts.start("NLP4J NER model",
                    () -> NLPUtils.<NLPNode, NLPState<NLPNode>>getComponent(MODELS + "en-ner.xz"));
            ParallelLoad.Part<NLPComponent<NLPNode>> pos = parts.start("NLP4J POS model",
                    () -> NLPUtils.<NLPNode, NLPState<NLPNode>>getComponent(MODELS + "en-pos.xz"));

            GlobalLexica<NLPNode> lexica = new GlobalLexica<>(emptyConfiguration());
            lexica.setAmbiguityClasses(ambiguity.get());
            lexica.setWordClusters(clusters.get());
            lexica.setWordEmbeddings(embeddings.get());
            lexica.setNamedEntityGazetteers(gazetteers.get());
            decoder = new NLPDecoder();
            decoder.setComponents(List.of(lexica, pos.get(), new MorphologicalAnalyzer<>(Language.ENGLISH), ner.get()));
        }
        return new Nlp4jRecogniser(decoder, (System.nanoTime() - t0) / 1_000_000);
    }

    /** One lexicon, read as NLP4J's {@code GlobalLexica} reads it, but failing instead of printing and going on. */
    private static <T> GlobalLexicon<T> lexicon(String file, Field field) throws Exception {
        try (ObjectInputStream in = IOUtils.createArtifactObjectInputStream(LEXICA + file)) {
            @SuppressWarnings("unchecked")
            T lexicon = (T) in.readObject();
            if (lexicon == null) {
                throw new IllegalStateException(LEXICA + file + " holds no lexicon");
            }
            return new GlobalLexicon<>(lexicon, field, null);
        }
    }

    /** A configuration with no {@code <lexica>}: {@code GlobalLexica} then loads nothing, and the parts are set. */
    private static Element emptyConfiguration() {
        Document document;
        try {
            document = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("No XML document builder in this JVM", e);
        }
        Element root = document.createElement("configuration");
        document.appendChild(root);
        return root;
    }

    /**
     * Starts loading the process's shared model on a background thread, if no load has started, and returns at once:
     * a caller that has other things to load first (the rule layers, the language models) does them meanwhile, and
     * {@link #shared()} then waits for what is left.
     */
    public static void preload() {
        sharedLoad();
    }

    /**
     * The process's one loaded model, loaded on first use (or by {@link #preload()}). The model is read-only once
     * loaded, so every pipeline of a JVM (a service has one; a test JVM may build several) shares it instead of
     * paying the load and 1.5 GB again. A load that failed is tried again by the next call.
     */
    public static Nlp4jRecogniser shared() {
        try {
            return sharedLoad().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static CompletableFuture<Nlp4jRecogniser> sharedLoad() {
        synchronized (SHARED_LOCK) {
            if (shared == null || shared.isCompletedExceptionally()) {
                shared = CompletableFuture.supplyAsync(Nlp4jRecogniser::load,
                        r -> Thread.ofPlatform().name("nlp4j-shared-load").daemon(true).start(r));
            }
            return shared;
        }
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
