package org.speechforum.enrich.links;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Link;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LinkingTest {

    private static final String SPEECH = "Let me note that Russia's and Latin America's views on international issues "
            + "traditionally have a lot in common. Latin Americans have always strived for independence, and the "
            + "history of your continent is full of the most notable examples.";

    @Test
    void shinglesIgnoreCasePunctuationAndQuoteStyles() {
        Shingles a = Shingles.of("Russia’s views, on INTERNATIONAL issues!", 3);
        Shingles b = Shingles.of("russia's views on international issues", 3);
        assertThat(a.set()).isEqualTo(b.set());
        assertThat(a.words()).isEqualTo(5);
        assertThat("Russia’s views, on INTERNATIONAL issues!".substring(a.wordStart(0), a.wordEnd(0)))
                .isEqualTo("Russia’s");
    }

    @Test
    void minHashEstimatesJaccard() {
        MinHash minHash = new MinHash(256, 1);
        Shingles speech = Shingles.of(SPEECH, 3);
        Shingles same = Shingles.of(SPEECH.toUpperCase(), 3);
        Shingles other = Shingles.of("Completely unrelated words about football and the weather this weekend.", 3);
        assertThat(MinHash.similarity(minHash.signature(speech), minHash.signature(same))).isEqualTo(1.0);
        assertThat(MinHash.similarity(minHash.signature(speech), minHash.signature(other))).isLessThan(0.05);
        String edited = SPEECH.replace("traditionally", "traditonally").replace("notable", "remarkable");
        double j = MinHash.similarity(minHash.signature(speech), minHash.signature(Shingles.of(edited, 3)));
        assertThat(j).isBetween(0.6, 0.95);
    }

    @Test
    void anEditedQuoteIsFoundWithItsSpan() {
        Set<Long> source = Shingles.of(SPEECH, 3).set();
        String comment = "He literally said \"Latin Americans have always strived for independnce, and the history "
                + "of your continent is full of notable examples\" which is rich coming from him.";
        List<QuoteFinder.Quote> quotes = new QuoteFinder(0.5, 8).find(Shingles.of(comment, 3), source);

        assertThat(quotes).hasSize(1);
        String span = comment.substring(quotes.getFirst().start(), quotes.getFirst().end());
        // the typo is bridged; the quote ends where the copy stops matching ("the most" was dropped)
        assertThat(span).startsWith("Latin Americans").endsWith("your continent is full of");
        assertThat(quotes.getFirst().score()).isBetween(0.5, 1.0);
    }

    @Test
    void sharedTopicWordsAreNoQuote() {
        Set<Long> source = Shingles.of(SPEECH, 3).set();
        String comment = "Latin America and Russia have common views, he says, but independence is not his thing.";
        assertThat(new QuoteFinder(0.5, 8).find(Shingles.of(comment, 3), source)).isEmpty();
    }

    @Test
    void linkerGivesQuotesDiscussesForUrlAndTranscript() {
        Linker linker = new Linker(LinkProperties.defaults());
        Linker.Speech speech = linker.speech("s1", "http://en.kremlin.ru/events/president/news/74332", SPEECH);

        List<Link> quoting = linker.link(DocumentKind.COMMENT,
                "As he put it: latin americans have always strived for independence and the history of your "
                        + "continent is full of the most notable examples.", speech);
        assertThat(quoting).extracting(Link::type).containsExactly("QUOTES");

        List<Link> post = linker.link(DocumentKind.POST, "Putin's speech: en.kremlin.ru/events/president/news/74332",
                speech);
        assertThat(post).containsExactly(new Link("DISCUSSES", "s1", null, null, 1.0));

        List<Link> transcript = linker.link(DocumentKind.POST, SPEECH.replace("Let me note", "Let me say"), speech);
        assertThat(transcript).extracting(Link::type).containsExactly("DISCUSSES");

        assertThat(linker.link(DocumentKind.COMMENT, "Nothing to do with it at all, really nothing.", speech))
                .isEmpty();
    }
}
