package org.speechforum.nlp4j;

/** A named entity over tokens {@code [first, last]} (inclusive) of one sentence, with its OntoNotes label. */
public record TokenSpan(int first, int last, String label) {

    public TokenSpan {
        if (first < 0 || last < first || label == null || label.isEmpty()) {
            throw new IllegalArgumentException("Bad token span " + first + ".." + last + " " + label);
        }
    }
}
