package org.speechforum.enrich.pipeline;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Author;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Entity;
import org.speechforum.enrich.entities.EntityPipeline;
import org.speechforum.enrich.entities.ThreadMemory;
import org.speechforum.enrich.languages.LanguageDetection;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Speakers and named authors become entities marked spoken. The transcript is the Kremlin's (CC BY 4.0,
 * http://en.special.kremlin.ru/catalog/keywords/21/events/66897), as ingest-service publishes it: the speaker
 * lines are out of the text, in {@code speakers}.
 */
class SpeakerEntitiesTest {

    private static final EntityPipeline TAGGER = EntityPipeline.createRulesOnly();
    private final DocumentEnricher enricher = new DocumentEnricher(Clock.systemUTC(), TAGGER, new ThreadMemory(100),
            false, LanguageDetection.none(), Set.of(), null);

    private static Entity byId(Document d, String id) {
        return d.entities().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theSpeakersOfASpeechAreSpokenEntitiesWithTheirRoles() {
        Document speech = Document.builder().id("s1").kind(DocumentKind.SPEECH).source("kremlin.ru")
                .speakers(List.of(new Author("Vladimir Putin", null, null, "President of Russia", null),
                        new Author("Valentina Matviyenko", null, null, "Federation Council Speaker", null)))
                .text("Good afternoon, colleagues.\n\nWe will hold a CIS summit on October 15.\n\nMr President, excuse"
                        + " me, please.\n\nMs Matviyenko, please do not worry. Everything is all right.").build();

        Document enriched = enricher.enrich(speech);

        Entity putin = byId(enriched, "Q7747");
        assertThat(putin.spoken()).isTrue();
        assertThat(putin.role()).isEqualTo("President of Russia");
        assertThat(putin.count()).isZero(); // never named in his own words
        Entity matviyenko = byId(enriched, "sf:person:valentina-matviyenko");
        assertThat(matviyenko.spoken()).isTrue();
        assertThat(matviyenko.name()).isEqualTo("Valentina Matviyenko");
        assertThat(matviyenko.role()).isEqualTo("Federation Council Speaker");
        // "Ms Matviyenko" in Putin's turn is the speaker Valentina Matviyenko, mentioned once
        assertThat(matviyenko.mentions()).extracting(m -> m.text()).containsExactly("Matviyenko");
        // the mentioned entities stay mentioned ("CIS" is the curated Commonwealth of Independent States)
        assertThat(enriched.entities()).filteredOn(e -> !Boolean.TRUE.equals(e.spoken()))
                .extracting(Entity::id)
                .containsExactlyInAnyOrder("sf:organization:commonwealth-of-independent-states", "sf:date:october-15");
    }

    @Test
    void aSpeakerTheTextAlsoNamesKeepsTheMentionsAndASurnameLaterLinksToThem() {
        Document speech = Document.builder().id("s2").kind(DocumentKind.SPEECH).source("kremlin.ru")
                .speakers(List.of(new Author("Sergei Lavrov", null, null, "Foreign Minister", null)))
                .text("As Sergei Lavrov said, we are ready.").build();
        Entity lavrov = byId(enricher.enrich(speech), "sf:person:sergei-lavrov");
        assertThat(lavrov.spoken()).isTrue();
        assertThat(lavrov.count()).isEqualTo(1);
    }

    @Test
    void aPostsNamedAuthorIsSpokenButAHandleOrALabelIsNot() {
        Document post = Document.builder().id("p1").kind(DocumentKind.POST).source("blog")
                .author(Author.named("Charles Steele")).text("There was no coup in Ukraine.").build();
        assertThat(byId(enricher.enrich(post), "sf:person:charles-steele").spoken()).isTrue();

        Document comment = Document.builder().id("c1").kind(DocumentKind.COMMENT).source("lemmygrad.ml")
                .author(new Author("Cf Gaussian", "cfgaussian", "lemmygrad.ml", null, null)).text("Agreed.").build();
        assertThat(enricher.enrich(comment).entities()).isEmpty();

        Document qa = Document.builder().id("s3").kind(DocumentKind.SPEECH).source("kremlin.ru")
                .speakers(List.of(Author.named("Question"), Author.named("Dmitry Peskov")))
                .text("Thank you.").build();
        assertThat(enricher.enrich(qa).entities()).extracting(Entity::name).containsExactly("Dmitry Peskov");
    }
}
