package org.speechforum.enrich.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextNormaliserTest {

    @Test
    void copiedTextWithWindowsLineBreaksAndOddSpacesBecomesPlainParagraphs() {
        String copied = "President of Russia Vladimir Putin:\u00A0Friends,\r\n\r\n\r\n\r\nGood afternoon.  \r\n(Applause.)\u200B";

        assertThat(TextNormaliser.normalise(copied))
                .isEqualTo("President of Russia Vladimir Putin: Friends,\n\nGood afternoon.\n(Applause.)");
    }

    @Test
    void composedAndDecomposedAccentsNormaliseToTheSameText() {
        assertThat(TextNormaliser.normalise("Lula da Silva, Bogota\u0301"))
                .isEqualTo(TextNormaliser.normalise("Lula da Silva, Bogot\u00E1"));
    }
}
