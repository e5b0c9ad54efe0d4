package org.speechforum.enrich.entities;

import java.text.Normalizer;
import java.util.Locale;

/** Small character helpers shared by the layers. */
final class Text {

    private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}+");
    private static final java.util.regex.Pattern NON_ALNUM = java.util.regex.Pattern.compile("[^a-z0-9]+");
    private static final java.util.regex.Pattern EDGE_DASHES = java.util.regex.Pattern.compile("^-|-$");

    private Text() {
    }

    /** True when {@code offset} does not cut through a word (letters, digits, or the inside of a handle). */
    static boolean isWordBoundary(String text, int offset) {
        if (offset <= 0 || offset >= text.length()) {
            return true;
        }
        return !(isWordChar(text.charAt(offset - 1)) && isWordChar(text.charAt(offset)));
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK;
    }

    static boolean isCapitalised(String token) {
        return !token.isEmpty() && Character.isUpperCase(token.charAt(0));
    }

    /** A stable id part: lower case, accents stripped, runs of anything else as one dash. */
    static String slug(String s) {
        String folded = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        return EDGE_DASHES.matcher(NON_ALNUM.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll("-")).replaceAll("");
    }
}
