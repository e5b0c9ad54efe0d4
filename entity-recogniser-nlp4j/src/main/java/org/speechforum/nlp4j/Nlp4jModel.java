package org.speechforum.nlp4j;

/**
 * Whether the NLP4J runtime and its English model are on the classpath. Touches no NLP4J class, so it is safe to
 * call on the default classpath, where they are absent (enrich-service depends on them; this module only has the API as an optional dependency).
 */
public final class Nlp4jModel {

    static final String NER_MODEL = "edu/emory/mathcs/nlp/models/en-ner.xz";
    static final String DECODER_CLASS = "edu/emory/mathcs/nlp/decode/NLPDecoder.class";

    private Nlp4jModel() {
    }

    public static boolean available() {
        ClassLoader cl = Nlp4jModel.class.getClassLoader();
        return cl.getResource(NER_MODEL) != null && cl.getResource(DECODER_CLASS) != null;
    }

    /** Fails with what to do when the model is missing. */
    public static void require() {
        if (!available()) {
            throw new IllegalStateException("The statistical entity recogniser is enabled, but the NLP4J runtime and "
                    + "model (edu.emory.mathcs.nlp:nlp4j-api and nlp4j-english 1.1.3) are not on the classpath. "
                    + "Add them to the classpath (enrich-service depends on both), or set "
                    + "enrich.entities.statistical.enabled=false (env ENRICH_STATISTICAL_NER=false).");
        }
    }
}
