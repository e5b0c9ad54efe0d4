package org.speechforum.enrich.languages;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Tagging;
import org.speechforum.enrich.entities.EntityPipeline;
import org.speechforum.enrich.entities.ThreadMemory;
import org.speechforum.enrich.pipeline.DocumentEnricher;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Language detection on short real-looking paragraphs (written for this test), and what the enricher does with it:
 * English is tagged, German and French are not and say so.
 */
class LanguageDetectionTest {

    static final String ENGLISH = """
            The President met the Chancellor in Berlin on Tuesday to discuss energy prices and the support for \
            industry over the coming winter. Both sides agreed that the talks would continue next month.""";
    static final String GERMAN = """
            Der Bundeskanzler hat am Dienstag in Berlin mit dem Präsidenten über die Energiepreise gesprochen. \
            Die Verhandlungen über die Unterstützung der Industrie sollen im nächsten Monat fortgesetzt werden.""";
    static final String FRENCH = """
            Le président a rencontré la chancelière à Paris mardi pour parler des prix de l'énergie. Les \
            négociations sur le soutien à l'industrie reprendront le mois prochain, selon le gouvernement.""";
    static final String SPANISH = """
            El presidente se reunió el martes en Madrid con los representantes de los sindicatos para hablar \
            de los precios de la energía y de las ayudas a la industria durante el próximo invierno.""";

    static LanguageDetection detection;

    @BeforeAll
    static void load() {
        detection = LanguageDetection.create(LanguageProperties.defaults());
    }

    @Test
    void eachParagraphGetsItsLanguageWithAHighConfidence() {
        assertThat(detection.detect(ENGLISH).language()).isEqualTo("en");
        assertThat(detection.detect(GERMAN).language()).isEqualTo("de");
        assertThat(detection.detect(FRENCH).language()).isEqualTo("fr");
        assertThat(detection.detect(SPANISH).language()).isEqualTo("es");
        for (String text : List.of(ENGLISH, GERMAN, FRENCH, SPANISH)) {
            assertThat(detection.detect(text).confidence()).isGreaterThan(0.9).isLessThanOrEqualTo(1.0);
        }
    }

    @Test
    void aTextWithNoWordsHasNoLanguage() {
        assertThat(detection.detect("12:30 — 14:00 !!! ???")).isNull();
        assertThat(detection.detect("   ")).isNull();
        assertThat(LanguageDetection.none().detect(GERMAN)).isNull();
    }

    @Test
    void onlyTheStartOfALongTextIsRead() {
        String longGerman = (GERMAN + " ").repeat(200) + ENGLISH.repeat(5);
        assertThat(detection.detect(longGerman).language()).isEqualTo("de");
    }

    @Test
    void declaredLanguageTagsBecomeIsoCodes() {
        assertThat(LanguageDetection.normalise("de-AT")).isEqualTo("de");
        assertThat(LanguageDetection.normalise("EN")).isEqualTo("en");
        assertThat(LanguageDetection.normalise("und")).isNull();
        assertThat(LanguageDetection.normalise(null)).isNull();
    }

    @Test
    void anUnknownLanguageCodeIsAConfigurationErrorThatSaysWhy() {
        LanguageProperties wrong = new LanguageProperties(true, List.of("en", "xx"), List.of("en"), 0.5, 3000, 20, false);
        assertThatThrownBy(() -> LanguageDetection.create(wrong))
                .hasMessageContaining("'xx' is not an ISO 639-1 code");
    }

    @Test
    void loadingInTheBackgroundChecksTheSettingsAtOnceAndDetectsOnceLoaded() {
        // The settings are checked before the models load, so a wrong code still fails the start-up at once.
        LanguageProperties wrong = new LanguageProperties(true, List.of("en", "xx"), List.of("en"), 0.5, 3000, 20, false);
        assertThatThrownBy(() -> LanguageDetection.loading(wrong)).hasMessageContaining("'xx' is not an ISO 639-1 code");
        // detect() waits for the models that load beside the entity models, and gives what create() gives.
        LanguageDetection loading = LanguageDetection.loading(LanguageProperties.defaults());
        assertThat(loading.enabled()).isTrue();
        assertThat(loading.detect(GERMAN)).isEqualTo(detection.detect(GERMAN));
        // Zero when another test of this JVM loaded lingua's models first: lingua keeps them once read.
        assertThat(loading.awaitLoaded().loadMillis()).isNotNegative();
        assertThat(LanguageDetection.none().awaitLoaded().enabled()).isFalse();
    }

    @Test
    void englishIsTaggedGermanAndFrenchAreNotAndSaySo() {
        DocumentEnricher enricher = new DocumentEnricher(Clock.systemUTC(), EntityPipeline.createRulesOnly(),
                new ThreadMemory(100), false, detection, Set.of("en"), "test+00000000");
        Document en = enricher.enrich(raw("en1", ENGLISH, null));
        assertThat(en.language()).isEqualTo("en");
        assertThat(en.tagging()).isEqualTo(new Tagging(Tagging.TAGGED, "en"));
        assertThat(en.entities()).extracting(e -> e.name()).contains("Berlin");
        assertThat(en.taggerVersion()).isEqualTo("test+00000000");

        Document de = enricher.enrich(raw("de1", GERMAN, "en"));
        assertThat(de.language()).as("the text wins over a wrong declaration").isEqualTo("de");
        assertThat(de.languageConfidence()).isGreaterThan(0.9);
        assertThat(de.tagging()).isEqualTo(new Tagging(Tagging.SKIPPED_LANGUAGE, "de"));
        assertThat(de.entities()).isEmpty();

        Document fr = enricher.enrich(raw("fr1", FRENCH, null));
        assertThat(fr.language()).isEqualTo("fr");
        assertThat(fr.tagging().status()).isEqualTo(Tagging.SKIPPED_LANGUAGE);

        Document shortDeclared = enricher.enrich(raw("s1", "Ja.", "de-DE"));
        assertThat(shortDeclared.language()).as("too short to tell: the declaration stands").isEqualTo("de");
    }

    private static Document raw(String id, String text, String declared) {
        return Document.builder().id(id).kind(DocumentKind.SPEECH).source("test").text(text).language(declared).build();
    }
}
