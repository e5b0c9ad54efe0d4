package org.speechforum.enrich.links;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the passages of a text that quote a source, allowing edits: the text's shingles that also occur in the
 * source mark matched positions; matched positions at most {@code k + 1} shingles apart (one edited word breaks
 * the {@code k} shingles that cover it) merge into one passage. A passage counts as a quote when it spans at least
 * {@code minWords} words and at least {@code threshold} of its shingles match (its overlap score).
 */
public final class QuoteFinder {

    /** A quoted passage: character span in the quoting text and its overlap score in 0..1. */
    public record Quote(int start, int end, int words, double score) {
    }

    private final double threshold;
    private final int minWords;

    public QuoteFinder(double threshold, int minWords) {
        this.threshold = threshold;
        this.minWords = minWords;
    }

    public List<Quote> find(Shingles text, Set<Long> source) {
        List<Quote> quotes = new ArrayList<>();
        int k = text.k();
        int runStart = -1;
        int lastMatch = -1;
        int matched = 0;
        for (int s = 0; s <= text.size(); s++) {
            boolean match = s < text.size() && source.contains(text.hash(s));
            if (match) {
                if (runStart >= 0 && s - lastMatch > k + 1) {
                    emit(text, runStart, lastMatch, matched, quotes);
                    runStart = -1;
                }
                if (runStart < 0) {
                    runStart = s;
                    matched = 0;
                }
                matched++;
                lastMatch = s;
            }
        }
        if (runStart >= 0) {
            emit(text, runStart, lastMatch, matched, quotes);
        }
        return quotes;
    }

    private void emit(Shingles text, int first, int last, int matched, List<Quote> out) {
        int shingles = last - first + 1;
        int firstWord = first;
        int lastWord = last + text.k() - 1;
        int words = lastWord - firstWord + 1;
        double score = (double) matched / shingles;
        if (words >= minWords && score >= threshold) {
            out.add(new Quote(text.wordStart(firstWord), text.wordEnd(lastWord), words, score));
        }
    }
}
