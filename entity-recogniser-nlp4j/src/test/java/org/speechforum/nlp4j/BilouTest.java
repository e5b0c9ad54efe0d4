package org.speechforum.nlp4j;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BilouTest {

    @Test
    void readsBilouSequences() {
        assertThat(Bilou.spans(new String[]{"O", "B-ORG", "I-ORG", "L-ORG", "U-GPE", "O", "U-PERSON"}))
                .containsExactly(new TokenSpan(1, 3, "ORG"), new TokenSpan(4, 4, "GPE"), new TokenSpan(6, 6, "PERSON"));
    }

    @Test
    void closesBrokenSequencesWithoutLosingTokens() {
        assertThat(Bilou.spans(new String[]{"I-PERSON", "L-PERSON", "B-ORG", "B-GPE", "I-GPE"}))
                .containsExactly(new TokenSpan(0, 1, "PERSON"), new TokenSpan(2, 2, "ORG"), new TokenSpan(3, 4, "GPE"));
        assertThat(Bilou.spans(new String[]{"B-ORG", "L-GPE", null, "O"}))
                .containsExactly(new TokenSpan(0, 0, "ORG"), new TokenSpan(1, 1, "GPE"));
    }

    @Test
    void readsBio() {
        assertThat(Bilou.spans(new String[]{"B-PERSON", "I-PERSON", "O", "B-ORG"}))
                .containsExactly(new TokenSpan(0, 1, "PERSON"), new TokenSpan(3, 3, "ORG"));
    }
}
