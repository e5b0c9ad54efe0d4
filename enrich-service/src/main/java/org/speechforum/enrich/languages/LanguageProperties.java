package org.speechforum.enrich.languages;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * Language detection in enrich-service ({@code enrich.languages.*}); see docs/entities.md, "Languages".
 *
 * @param enabled           false: detect nothing, keep the language the source declared and tag every document.
 *                          Default true
 * @param detect            the languages the detector chooses among (ISO 639-1). Each one costs start-up time and
 *                          heap (its n-gram models), so only the languages the corpus has: a text in another
 *                          language gets the closest of these, usually with a low confidence
 * @param tagged            the languages the entity tagger supports: a document detected in another language is
 *                          not tagged ({@code tagging.status = SKIPPED_LANGUAGE})
 * @param minimumConfidence below this confidence (0 to 1) the detection is not used: the document keeps the
 *                          language its source declared, or none, and is tagged
 * @param sampleChars       how much of the text the detector reads (from the start); the cost grows with the
 *                          length, and a few paragraphs decide the language of a speech as well as all of it
 * @param minimumLetters    a text with fewer letters is too short to tell (lingua calls "Ja." Spanish): it keeps the
 *                          declared language, or none
 * @param lowAccuracy       lingua's low accuracy mode: trigram models only, about a fifth of the heap and faster,
 *                          less reliable under ~120 characters
 */
@Validated
@ConfigurationProperties("enrich.languages")
public record LanguageProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue({"en", "de", "fr", "es", "it", "pt", "nl", "ru"}) List<String> detect,
        @DefaultValue("en") List<String> tagged,
        @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double minimumConfidence,
        @DefaultValue("1000") @Min(50) int sampleChars,
        @DefaultValue("20") @Min(0) int minimumLetters,
        @DefaultValue("false") boolean lowAccuracy) {

    public LanguageProperties {
        detect = detect == null ? List.of() : List.copyOf(detect);
        tagged = tagged == null ? List.of() : tagged.stream().map(LanguageDetection::normalise).toList();
    }

    /** The defaults above, for plain-Java users (benchmarks, tests): bound from no configuration at all. */
    public static LanguageProperties defaults() {
        return new Binder().bindOrCreate("enrich.languages", LanguageProperties.class);
    }
}
