package org.speechforum.nlp4j;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs only with the model on the classpath: {@code -P statistical-ner}. */
class Nlp4jRecogniserTest {

    @Test
    void tagsPeoplePlacesAndOrganisations() {
        assumeTrue(Nlp4jModel.available(), "NLP4J model not on the classpath (profile statistical-ner)");
        Nlp4jRecogniser ner = Nlp4jRecogniser.load();
        List<String> tokens = List.of("Mia", "Mottley", "spoke", "in", "Mombasa", "about", "the", "Bundeswehr", ".");
        List<TokenSpan> spans = ner.recognise(tokens);
        assertThat(spans).extracting(TokenSpan::label).contains("PERSON", "GPE");
        assertThat(spans).contains(new TokenSpan(0, 1, "PERSON"));
    }
}
