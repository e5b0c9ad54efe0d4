package org.speechforum.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Whether enrich-service tagged a document's entities (contract, on {@code documents.enriched.v1}).
 *
 * @param status   {@link #TAGGED} (entities were looked for; {@code entities} may still be empty) or
 *                 {@link #SKIPPED_LANGUAGE} (the text is in a language the tagger does not support, so
 *                 {@code entities} is empty by design, not because nothing was found)
 * @param language the language the decision was made on (ISO 639-1), null when none was detected
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tagging(String status, String language) {

    /** Entities were looked for with the tagger named by {@code Document.taggerVersion}. */
    public static final String TAGGED = "TAGGED";
    /** The tagger does not support the document's language: no entities were looked for. */
    public static final String SKIPPED_LANGUAGE = "SKIPPED_LANGUAGE";
}
