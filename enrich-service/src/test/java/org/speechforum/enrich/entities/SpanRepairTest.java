package org.speechforum.enrich.entities;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The span repairs on their own (no model): offsets into real sentences (sources in {@link RealTextSpansTest}). */
class SpanRepairTest {

    @Test
    void aSentencesFinalStopLeavesTheNameButAnAbbreviationKeepsItsOwn() {
        String text = "Our speaker today is Mr Lavrov.";
        int start = text.indexOf("Lavrov");
        assertThat(text.substring(start, SpanRepair.trimFinalStop(text, start, text.length()))).isEqualTo("Lavrov");
        String us = "They met in Washington, D.C.";
        int dc = us.indexOf("Washington");
        assertThat(SpanRepair.trimFinalStop(us, dc, us.length())).isEqualTo(us.length());
        String jr = "a speech by Martin Luther King Jr.";
        assertThat(SpanRepair.trimFinalStop(jr, jr.indexOf("Martin"), jr.length())).isEqualTo(jr.length());
    }

    @Test
    void namesJoinedBySlashesAreSplitButAndOrIsNot() {
        String text = "Sputnik/Mikhail Tereshchenko/Pool via REUTERS";
        List<int[]> parts = SpanRepair.splitSlashes(text, 0, text.indexOf(" via"));
        assertThat(parts).extracting(p -> text.substring(p[0], p[1]))
                .containsExactly("Sputnik", "Mikhail Tereshchenko", "Pool");
        String andOr = "Trade and/or Aid";
        assertThat(SpanRepair.splitSlashes(andOr, 0, andOr.length())).hasSize(1);
    }

    @Test
    void pronounsAndChatAbbreviationsAreNeverNames() {
        assertThat(List.of("Him", "She", "LMAO", "Lmao", "IMO", "OP", "tl;dr")).allMatch(SpanRepair::isNoise);
        assertThat(List.of("Lavrov", "NATO", "Kazan")).noneMatch(SpanRepair::isNoise);
    }

    @Test
    void aPortfolioWordBeforeMinisterIsNoOrganisation() {
        String text = "Interior Minister Vladimir Kolokoltsev, Security Council Secretary Nikolai Patrushev, "
                + "UN Secretary-General and the Defence Ministry";
        assertThat(SpanRepair.isPortfolioBeforeTitle(text, 0, 8, EntityType.ORGANIZATION)).isTrue();
        int sc = text.indexOf("Security Council");
        assertThat(SpanRepair.isPortfolioBeforeTitle(text, sc, sc + 16, EntityType.ORGANIZATION)).isFalse();
        int un = text.indexOf("UN");
        assertThat(SpanRepair.isPortfolioBeforeTitle(text, un, un + 2, EntityType.ORGANIZATION)).isFalse();
        int defence = text.indexOf("Defence");
        assertThat(SpanRepair.isPortfolioBeforeTitle(text, defence, defence + 7, EntityType.ORGANIZATION)).isFalse();
    }

    @Test
    void aLongTitlesLastWordsAreNoPartOfTheName() {
        String text = "Minister of Foreign Affairs Anna Lindh";
        int start = text.indexOf("Affairs");
        assertThat(text.substring(SpanRepair.trimLeadingTitles(text, start, text.length()))).isEqualTo("Anna Lindh");
        int minister = 0;
        assertThat(text.substring(SpanRepair.trimLeadingTitles(text, minister, text.length()))).isEqualTo("Anna Lindh");
        String ms = "Ms Matviyenko";
        assertThat(ms.substring(SpanRepair.trimLeadingTitles(ms, 0, ms.length()))).isEqualTo("Matviyenko");
    }

    @Test
    void aPossessiveInsideAPersonSpanEndsTheName() {
        String text = "Secretary Rubio’s Call with Japanese Foreign Minister Iwaya";
        int start = text.indexOf("Rubio");
        assertThat(text.substring(start, SpanRepair.cutAtInnerPossessive(text, start, text.indexOf(" with"))))
                .isEqualTo("Rubio");
        String plain = "Rubio's";
        assertThat(SpanRepair.cutAtInnerPossessive(plain, 0, plain.length())).isEqualTo(plain.length());
    }

    @Test
    void noSpanRunsOverALineBreak() {
        String text = "Governor Anna Petrova\n\nMonday";
        assertThat(SpanRepair.cutAtLineBreak(text, 9, text.length())).isEqualTo(text.indexOf('\n'));
        assertThat(SpanRepair.cutAtLineBreak(text, 9, 21)).isEqualTo(21);
    }
}
