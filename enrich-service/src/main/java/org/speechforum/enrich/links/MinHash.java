package org.speechforum.enrich.links;

import java.util.Arrays;
import java.util.Random;

/**
 * MinHash signatures: for each of {@code n} seeded hash functions, the smallest hash over a text's shingles. The
 * share of positions where two signatures agree estimates the Jaccard similarity of the two shingle sets
 * (standard error about {@code 1/sqrt(n)}), in constant space per document however long it is.
 */
public final class MinHash {

    private final long[] seeds;

    public MinHash(int n, long seed) {
        Random random = new Random(seed);
        this.seeds = new long[n];
        for (int i = 0; i < n; i++) {
            seeds[i] = random.nextLong();
        }
    }

    public long[] signature(Shingles shingles) {
        long[] sig = new long[seeds.length];
        Arrays.fill(sig, Long.MAX_VALUE);
        for (int s = 0; s < shingles.size(); s++) {
            long h = shingles.hash(s);
            for (int i = 0; i < seeds.length; i++) {
                long v = Shingles.mix(h ^ seeds[i]);
                if (v < sig[i]) {
                    sig[i] = v;
                }
            }
        }
        return sig;
    }

    /** Estimated Jaccard similarity; 0 when either text has no shingle. */
    public static double similarity(long[] a, long[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Signatures of different lengths");
        }
        int same = 0;
        int empty = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == Long.MAX_VALUE || b[i] == Long.MAX_VALUE) {
                empty++;
            } else if (a[i] == b[i]) {
                same++;
            }
        }
        return empty == a.length ? 0 : (double) same / a.length;
    }
}
