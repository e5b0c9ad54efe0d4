package org.speechforum.enrich.text;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Makes equal texts byte-equal before hashing and tagging: Unicode NFC, one kind of line break, no control or
 * zero-width characters, no trailing spaces, at most one blank line between paragraphs.
 */
public final class TextNormaliser {

    private static final Pattern LINE_BREAKS = Pattern.compile("\\r\\n?|[\\u2028\\u2029\\u0085]");
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\u200B-\\u200D\\uFEFF]");
    private static final Pattern SPACES = Pattern.compile("[\\t\\u00A0\\u2000-\\u200A\\u202F\\u205F\\u3000 ]+");
    private static final Pattern TRAILING_SPACE = Pattern.compile(" +(?=\\n)|^ +", Pattern.MULTILINE);
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    private TextNormaliser() {
    }

    public static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC);
        s = LINE_BREAKS.matcher(s).replaceAll("\n");
        s = INVISIBLE.matcher(s).replaceAll("");
        s = SPACES.matcher(s).replaceAll(" ");
        s = TRAILING_SPACE.matcher(s).replaceAll("");
        s = BLANK_LINES.matcher(s).replaceAll("\n\n");
        return s.strip();
    }
}
