package org.speechforum.enrich.links;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The keys a document is found by when looking for link candidates, instead of a more-like-this query over whole
 * speeches: hashes of its word shingles ({@link Shingles}, so case, accents, punctuation and quote style do not
 * matter), as short strings for a {@code keyword} field.
 * <ul>
 *   <li>a forum document stores <b>all</b> its shingle keys (comments are short);</li>
 *   <li>a speech stores its <b>winnowed</b> keys (Schleimer, Wilkerson, Aiken 2003): the smallest hash of every
 *       window of {@code window} consecutive shingles. Every run of {@code window + k - 1} words the speech shares
 *       with a forum document contains one of them, so a terms query with the forum document's keys finds the
 *       speech, and one with the speech's winnowed keys finds the forum document.</li>
 * </ul>
 * The keys only propose candidates; {@link Linker} decides on the full texts.
 */
public final class LinkKeys {

    private LinkKeys() {
    }

    /** Every shingle of the text, as keys (at most {@code limit}, evenly spread over the text). */
    public static Set<String> all(Shingles shingles, int limit) {
        Set<String> keys = new LinkedHashSet<>();
        int n = shingles.size();
        int step = Math.max(1, (n + limit - 1) / Math.max(1, limit));
        for (int i = 0; i < n; i += step) {
            keys.add(key(shingles.hash(i)));
        }
        return keys;
    }

    /** The winnowed keys: the smallest hash of each window of {@code window} consecutive shingles. */
    public static Set<String> winnowed(Shingles shingles, int window) {
        Set<String> keys = new LinkedHashSet<>();
        int n = shingles.size();
        if (n == 0) {
            return keys;
        }
        int w = Math.max(1, Math.min(window, n));
        for (int start = 0; start + w <= n; start++) {
            long min = Long.MAX_VALUE;
            for (int i = start; i < start + w; i++) {
                min = Math.min(min, Long.remainderUnsigned(shingles.hash(i), Long.MAX_VALUE));
            }
            keys.add(key(min));
        }
        return keys;
    }

    /** A shingle hash as a key; 12 base-36 characters of its 64 bits are plenty to keep keys apart. */
    static String key(long hash) {
        return Long.toString(Long.remainderUnsigned(hash, Long.MAX_VALUE), 36);
    }
}
