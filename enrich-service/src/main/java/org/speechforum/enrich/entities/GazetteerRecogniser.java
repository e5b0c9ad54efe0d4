package org.speechforum.enrich.entities;

import org.ahocorasick.trie.PayloadTrie;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds every curated alias in one Aho-Corasick pass over a lower-cased copy of the text (same length, so offsets
 * carry over), then keeps the hits that sit on word boundaries and fit the case policy: acronyms, short and
 * ambiguous aliases only in exact case; other aliases in any case in forum text, and with a capital first letter
 * elsewhere. A possessive 's after a match is left outside the span; "the" is never part of an alias.
 */
public final class GazetteerRecogniser implements Recogniser {

    /** Acronyms that are also lower-case English words: never matched in lower case ("cis" in a forum is not the CIS). */
    private static final java.util.Set<String> LOWERCASE_WORDS = java.util.Set.of("who", "alba", "cop", "aid",
            "eat", "one", "its", "pro", "can", "act", "all", "art", "sun", "era", "cis");

    private final PayloadTrie<List<Gazetteer.Alias>> trie;

    public GazetteerRecogniser(Gazetteer gazetteer) {
        Map<String, List<Gazetteer.Alias>> byKey = new LinkedHashMap<>();
        for (Gazetteer.Alias alias : gazetteer.aliases()) {
            byKey.computeIfAbsent(fold(alias.text()), k -> new ArrayList<>()).add(alias);
        }
        PayloadTrie.PayloadTrieBuilder<List<Gazetteer.Alias>> builder = PayloadTrie.builder();
        byKey.forEach(builder::addKeyword);
        trie = builder.build();
    }

    @Override
    public List<Candidate> recognise(AnalysedText analysed) {
        String text = analysed.text();
        List<Candidate> out = new ArrayList<>();
        trie.parseText(fold(text), emit -> {
            int start = emit.getStart();
            int end = emit.getEnd() + 1;
            if (!Text.isWordBoundary(text, start) || !Text.isWordBoundary(text, end)) {
                return true;
            }
            for (Gazetteer.Alias alias : emit.getPayload()) {
                if (caseFits(text, start, end, alias, analysed.forum())) {
                    CuratedEntity e = alias.entity();
                    // GeoNames cities rank below the rules: "Hassan" is a city, but not in "Abdi Shakur Sheikh Hassan".
                    out.add(new Candidate(start, end, e.type(), e.id(), e.name(), e.id().startsWith("geonames:")
                            ? Candidate.Source.GEONAMES : Candidate.Source.CURATED));
                    break;
                }
            }
            return true;
        });
        return out;
    }

    private static boolean caseFits(String text, int start, int end, Gazetteer.Alias alias, boolean forum) {
        String surface = text.substring(start, end);
        if (surface.equals(alias.text())) {
            return true;
        }
        if (alias.acronym() && forum && surface.length() >= 3 && surface.equals(fold(surface))
                && !LOWERCASE_WORDS.contains(surface)) {
            return true; // "nato", "imf", "asean" in a comment; never "who" or "un"
        }
        if (alias.caseSensitive()) {
            return false;
        }
        return forum || Character.isUpperCase(surface.charAt(0)) == Character.isUpperCase(alias.text().charAt(0));
    }

    /** Lower-cases char by char so the folded text has exactly the original's length and offsets. */
    static String fold(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }
}
