package org.speechforum.enrich.entities;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WordListsTest {

    @Test
    void noRuleWordListSaysAWordTwice() throws Exception {
        for (String name : WordLists.NAMES) {
            List<String> duplicates = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            try (var reader = new BufferedReader(new InputStreamReader(
                    WordLists.class.getResourceAsStream("/entities/rules/" + name + ".txt"), StandardCharsets.UTF_8))) {
                reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .filter(w -> !seen.add(w)).forEach(duplicates::add);
            }
            assertThat(duplicates).as(name).isEmpty();
            assertThat(WordLists.load(name)).as(name).isNotEmpty();
        }
    }

    @Test
    void aHeadNounHasOneType() {
        Set<String> org = WordLists.load("heads-organization");
        Set<String> event = WordLists.load("heads-event");
        Set<String> location = WordLists.load("heads-location");
        assertThat(org).doesNotContainAnyElementsOf(event).doesNotContainAnyElementsOf(location);
        assertThat(event).doesNotContainAnyElementsOf(location);
        assertThat(PatternRecogniser.HEADS).hasSize(org.size() + event.size() + location.size());
    }
}
