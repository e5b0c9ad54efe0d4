package org.speechforum.enrich.links;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A text as word k-shingles: the text is cut into words (letters and digits; case, accents, apostrophe and quote
 * styles and punctuation ignored), and every run of {@code k} consecutive words is hashed to 64 bits. Each
 * shingle remembers the character span it covers, so a matched run maps back to the exact quoted passage.
 */
public final class Shingles {

    private final int k;
    private final long[] hashes;
    private final int[] wordStart;
    private final int[] wordEnd;

    private Shingles(int k, long[] hashes, int[] wordStart, int[] wordEnd) {
        this.k = k;
        this.hashes = hashes;
        this.wordStart = wordStart;
        this.wordEnd = wordEnd;
    }

    public static Shingles of(String text, int k) {
        List<String> words = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            int start = i;
            StringBuilder word = new StringBuilder();
            while (i < n) {
                int cp = text.codePointAt(i);
                if (Character.isLetterOrDigit(cp)) {
                    word.appendCodePoint(cp);
                } else if (!(cp == '\'' || cp == '\u2019') || i + 1 >= n
                        || !Character.isLetter(text.codePointAt(i + 1))) {
                    break; // an apostrophe inside a word ("Russia's") is skipped, anything else ends the word
                }
                i += Character.charCount(cp);
            }
            if (word.length() > 0) {
                words.add(fold(word.toString()));
                spans.add(new int[] {start, i});
            }
        }
        int count = Math.max(0, words.size() - k + 1);
        long[] hashes = new long[count];
        for (int s = 0; s < count; s++) {
            long h = 0xcbf29ce484222325L;
            for (int w = s; w < s + k; w++) {
                h = mix(h ^ words.get(w).hashCode()) + w - s;
            }
            hashes[s] = mix(h);
        }
        int[] starts = new int[words.size()];
        int[] ends = new int[words.size()];
        for (int w = 0; w < words.size(); w++) {
            starts[w] = spans.get(w)[0];
            ends[w] = spans.get(w)[1];
        }
        return new Shingles(k, hashes, starts, ends);
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private static String fold(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            if (lower.charAt(i) >= 0x80) {
                return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
            }
        }
        return lower; // ASCII: nothing to decompose (most words; the regex per word was a third of Shingles.of)
    }

    /** A 64-bit finaliser (SplitMix64's): spreads every input bit over the whole word. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public int k() {
        return k;
    }

    public int size() {
        return hashes.length;
    }

    public int words() {
        return wordStart.length;
    }

    public long hash(int shingle) {
        return hashes[shingle];
    }

    public Set<Long> set() {
        Set<Long> set = new HashSet<>(hashes.length * 2);
        for (long h : hashes) {
            set.add(h);
        }
        return set;
    }

    /** Character offset where word {@code w} starts / ends in the original text. */
    public int wordStart(int w) {
        return wordStart[w];
    }

    public int wordEnd(int w) {
        return wordEnd[w];
    }
}
