package org.speechforum.enrich.entities;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repairs found on the spent second held-out set's error lists ({@code entities/heldout/pages-fresh-*.txt},
 * docs/entities.md "Held-out real pages"), each on the sentence of the page where the model proposed the span (the
 * model's span is given, so the test needs no model; the rules run as in the default configuration).
 */
class SecondSetRepairsTest {

    @Test
    void aDottedAbbreviationKeepsItsLastFullStop() {
        // voa-us-china-north-korea-sanctions: the model's span stops before the last stop of "U.N."
        String text = "The United States is calling on China to do more to monitor North Korean sanctions violations"
                + " as a U.N. panel charged with that task is set to expire this month.";
        assertThat(ModelSpans.tag(text, "ORGANIZATION U.N")).contains("ORGANIZATION U.N.")
                .doesNotContain("ORGANIZATION U.N");
        assertThat(SpanRepair.extendDottedAbbreviation("a U.N. panel", 2, 5)).isEqualTo(6);
        assertThat(SpanRepair.extendDottedAbbreviation("Mr. Smith.", 4, 9)).isEqualTo(9);
    }

    @Test
    void aSpeakerLabelTitleInCapitalsIsNoName() {
        // wh-jean-pierre-kirby-aqaba: "MS. JEAN-PIERRE:" split after "MS."
        String text = "MS. JEAN-PIERRE: Good afternoon. Happy Monday.";
        assertThat(ModelSpans.tag(text, "ORGANIZATION MS.")).doesNotContain("ORGANIZATION MS.");
        assertThat(SpanRepair.isTitleWord("MS.")).isTrue();
        assertThat(SpanRepair.isTitleWord("NATO")).isFalse();
    }

    @Test
    void theHonourableIsATitleNotAName() {
        // nz-peters-pacific-delegation
        String text = "The delegation – which also includes Chair of the Labour Pacific Caucus Hon Jenny Salesa;"
                + " – will travel on Sunday.";
        assertThat(ModelSpans.tag(text, "PERSON Hon Jenny Salesa")).contains("PERSON Jenny Salesa")
                .doesNotContain("PERSON Hon Jenny Salesa");
    }

    @Test
    void aMemberOfParliamentIsAJobNotABody() {
        // wikinews-matariki, nz-peters-un-week
        String text = "In 2009, Māori Party Member of Parliament Rahui Katene introduced legislation to create a"
                + " Matariki public holiday.";
        assertThat(ModelSpans.tag(text, "ORGANIZATION Māori Party Member of Parliament", "PERSON Rahui Katene"))
                .contains("ORGANIZATION Māori Party", "PERSON Rahui Katene")
                .doesNotContain("ORGANIZATION Māori Party Member of Parliament");
        String talks = "Our talks in Papeete today with former Presidents, Members of Parliament and officials.";
        assertThat(ModelSpans.tag(talks, "ORGANIZATION Members of Parliament"))
                .doesNotContain("ORGANIZATION Members of Parliament");
    }

    @Test
    void thanksAndCheersInAnyLanguageAreNoNames() {
        // ec-vdl-merkel-presidency ("Vielen Dank, liebe Angela!"), wh-obama-jacksonville-remarks ("Yay, Corrine!");
        // dev: "Obrigada", "Slava Ukraini"
        String text = "Vielen Dank, liebe Angela!";
        assertThat(ModelSpans.tag(text, "PERSON Vielen Dank")).doesNotContain("PERSON Vielen Dank");
        assertThat(ModelSpans.tag("We’ve got wonderful Congresswoman Corrine Brown here.  Yay, Corrine!", "PERSON Yay"))
                .doesNotContain("PERSON Yay");
        assertThat(SpanRepair.isNoise("Slava Ukraini")).isTrue();
        assertThat(SpanRepair.isNoise("Obrigada")).isTrue();
        assertThat(SpanRepair.isNoise("Merkel")).isFalse();
    }

    @Test
    void aNonBreakingHyphenReadsAsAHyphen() {
        // au-fm-wong-canberra: "Timor‑Leste" and "Ramos‑Horta" with U+2011 came out as organisations
        String text = "For those of you who might recall, in my visit to Timor\u2011Leste I had a discussion with the"
                + " President, Ramos\u2011Horta, about how we might unstick the Greater Sunrise project.";
        AnalysedText at = ModelSpans.rules().segmenter().analyse(text, false);
        assertThat(at.text()).contains("Timor-Leste", "Ramos-Horta").hasSameSizeAs(text);
        assertThat(ModelSpans.tag(text, "PERSON Ramos\u2011Horta")).contains("PERSON Ramos-Horta")
                .anyMatch(e -> e.startsWith("LOCATION ") && e.contains("Timor"))
                .noneMatch(e -> e.startsWith("ORGANIZATION ") && e.contains("Timor"));
    }
}
