package org.speechforum.enrich.entities;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules' word lists (titles, head nouns, pronouns and chat noise, ...), read from
 * {@code entities/rules/<name>.txt} beside the gazetteer: one word a line, exact case, {@code #} starts a comment
 * line. A word listed twice is refused, so a list says each word once.
 */
final class WordLists {

    /** Every list the rules read; {@code WordListsTest} checks each. */
    static final List<String> NAMES = List.of("dotted-abbreviations", "noise-words", "title-words", "leading-titles",
            "title-heads", "titles", "name-particles", "name-connectors", "not-names", "heads-organization",
            "heads-event", "heads-location", "heads-document", "generic-organization-words",
            "institution-buildings", "heads-organization-support", "heading-words");

    private WordLists() {
    }

    static Set<String> load(String name) {
        String resource = "/entities/rules/" + name + ".txt";
        try (InputStream in = WordLists.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Word list " + resource + " is not on the classpath");
            }
            Set<String> words = new LinkedHashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String word = line.strip();
                if (word.isEmpty() || word.startsWith("#")) {
                    continue;
                }
                if (!words.add(word)) {
                    throw new IllegalStateException("Word list " + resource + " lists '" + word + "' twice");
                }
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
