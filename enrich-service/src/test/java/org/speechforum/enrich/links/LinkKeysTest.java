package org.speechforum.enrich.links;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LinkKeysTest {

    private static String words(Random random, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("w" + random.nextInt(2_000));
        }
        return String.join(" ", out);
    }

    @Test
    void everyRunOfWindowPlusKMinusOneSharedWordsSharesAWinnowedKeyWithTheForumDocumentsKeys() {
        Random random = new Random(5);
        int run = LinkFinder.WINDOW + 3 - 1;
        for (int trial = 0; trial < 500; trial++) {
            String speech = words(random, 400);
            String[] speechWords = speech.split(" ");
            int from = random.nextInt(speechWords.length - run);
            String shared = String.join(" ", java.util.Arrays.copyOfRange(speechWords, from, from + run));
            String comment = words(random, 15) + " " + shared + " " + words(random, 15);

            Set<String> speechKeys = LinkKeys.winnowed(Shingles.of(speech, 3), LinkFinder.WINDOW);
            Set<String> commentKeys = new HashSet<>(LinkKeys.all(Shingles.of(comment, 3), LinkFinder.MAX_FORUM_KEYS));

            assertThat(speechKeys.stream().anyMatch(commentKeys::contains)).as("trial %d", trial).isTrue();
        }
    }

    @Test
    void aSpeechStoresAboutTwoKeysInFivePlusCaseAndPunctuationDoNotChangeKeys() {
        Shingles speech = Shingles.of(words(new Random(1), 5_000), 3);
        int winnowed = LinkKeys.winnowed(speech, LinkFinder.WINDOW).size();
        assertThat((double) winnowed / speech.size()).isBetween(0.3, 0.5);
        assertThat(LinkKeys.all(Shingles.of("Russia’s views, on INTERNATIONAL issues!", 3), 100))
                .isEqualTo(LinkKeys.all(Shingles.of("russia's views on international issues", 3), 100));
    }
}
