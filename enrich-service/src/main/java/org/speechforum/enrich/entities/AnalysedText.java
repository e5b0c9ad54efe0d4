package org.speechforum.enrich.entities;

import opennlp.tools.util.Span;

import java.util.Arrays;

/** A normalised text with its sentence and token spans (character offsets into {@code text}). */
public record AnalysedText(String text, Span[] sentences, Span[] tokens, boolean forum) {

    /** Index of the sentence holding {@code offset}, 0-based; the last sentence for offsets past the end. */
    public int sentenceOf(int offset) {
        int lo = 0;
        int hi = sentences.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (sentences[mid].getEnd() <= offset) {
                lo = mid + 1;
            } else if (sentences[mid].getStart() > offset) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return Math.max(0, Math.min(lo, sentences.length - 1));
    }

    public String token(int i) {
        return text.substring(tokens[i].getStart(), tokens[i].getEnd());
    }

    /** Index of the first token starting at or after {@code offset}. */
    public int tokenAtOrAfter(int offset) {
        int i = Arrays.binarySearch(tokens, new Span(offset, offset), (a, b) -> Integer.compare(a.getStart(), b.getStart()));
        return i >= 0 ? i : -i - 1;
    }

    public boolean startsSentence(int tokenIndex) {
        int start = tokens[tokenIndex].getStart();
        if (tokenIndex == 0 || sentences[sentenceOf(start)].getStart() == start) {
            return true;
        }
        // a line break between the previous token and this one (only that gap is read, not the text before it)
        for (int i = tokens[tokenIndex - 1].getEnd(); i < start; i++) {
            if (text.charAt(i) == '\n') {
                return true;
            }
        }
        return false;
    }
}
