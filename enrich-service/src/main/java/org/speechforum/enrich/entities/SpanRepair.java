package org.speechforum.enrich.entities;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Repairs the spans that the pattern rules and the statistical model get wrong on real text, before they are linked
 * and merged. Each repair is one method; all work on character offsets into the normalised text. Curated, handle and
 * acronym spans are never repaired (they match known surfaces exactly).
 *
 * <ul>
 *   <li>{@link #trimFinalStop}: "Our speaker today is Mr Lavrov." gives the token "Lavrov."; the stop is dropped
 *       unless the name is an abbreviation ("U.S.", "Jr.", "D.C.").</li>
 *   <li>{@link #splitSlashes}: "Biden/Harris", "BBC/CNN" are two names.</li>
 *   <li>{@link #isNoise}: pronouns and chat abbreviations ("Him", "Lmao", "IMO") are never names.</li>
 *   <li>{@link #isPortfolioBeforeTitle}: "Defence" in "Defence Minister Sergei Shoigu" is part of a title, not an
 *       organisation.</li>
 * </ul>
 */
final class SpanRepair {

    /** Abbreviations whose final full stop belongs to them. */
    private static final Set<String> DOTTED = WordLists.load("dotted-abbreviations");

    /** Words that are never a name of their own, whatever their case: pronouns and chat abbreviations. */
    private static final Set<String> NOISE = WordLists.load("noise-words");

    /**
     * Words of a title, never a name on their own ("Principal" of "Principal Deputy Spokesperson", "Affairs" of
     * "Minister of Foreign Affairs", "State" of "Secretary of State"), and the titles a person span may start with.
     */
    private static final Set<String> TITLE_WORDS = WordLists.load("title-words");
    private static final Set<String> LEADING_TITLES = WordLists.load("leading-titles");

    /** A title's portfolio word: "Defence Minister", "Interior Minister", "Emergencies Minister". */
    private static final Set<String> TITLE_HEADS = WordLists.load("title-heads");

    private SpanRepair() {
    }

    /** The end of {@code [start, end)} without a sentence's final full stop, if it carries one that is not its own. */
    static int trimFinalStop(String text, int start, int end) {
        if (end - start < 2 || text.charAt(end - 1) != '.') {
            return end;
        }
        String s = text.substring(start, end - 1);
        int lastSpace = Math.max(s.lastIndexOf(' '), s.lastIndexOf('-'));
        String lastWord = s.substring(lastSpace + 1);
        if (lastWord.length() <= 1 || lastWord.indexOf('.') >= 0
                || DOTTED.contains(lastWord.toLowerCase(Locale.ROOT))) {
            return end; // "U.S.", "D.C.", "J.", "Jr."
        }
        return end - 1;
    }

    /**
     * The parts of a span that joins names with "/" ("Biden/Harris"), each trimmed of spaces, as {@code [start, end)}
     * pairs; the span itself when it has no "/" between two capitalised parts. A part must start with an upper-case
     * letter or digit to count ("and/or" is not split into names).
     */
    static List<int[]> splitSlashes(String text, int start, int end) {
        String s = text.substring(start, end);
        if (s.indexOf('/') < 0) {
            return List.of(new int[]{start, end});
        }
        List<int[]> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '/') {
                int a = from;
                int b = i;
                while (a < b && Character.isWhitespace(s.charAt(a))) {
                    a++;
                }
                while (b > a && Character.isWhitespace(s.charAt(b - 1))) {
                    b--;
                }
                if (b == a || !Character.isUpperCase(s.charAt(a)) && !Character.isDigit(s.charAt(a))) {
                    return List.of(new int[]{start, end});
                }
                parts.add(new int[]{start + a, start + b});
                from = i + 1;
            }
        }
        return parts;
    }

    /**
     * True for one word of a title standing alone ("Principal", "Affairs", "State", "Mr": a sentence split after
     * "Mr" leaves it alone), which is never a name.
     */
    static boolean isTitleWord(String surface) {
        if (TITLE_WORDS.contains(surface) || LEADING_TITLES.contains(surface)) {
            return true;
        }
        // A transcript's speaker label in capitals: "MS. JEAN-PIERRE:" split after "MS." leaves "MS." alone.
        if (surface.length() > 1 && surface.equals(surface.toUpperCase(Locale.ROOT))) {
            String titled = surface.charAt(0) + surface.substring(1).toLowerCase(Locale.ROOT);
            return TITLE_WORDS.contains(titled) || LEADING_TITLES.contains(titled);
        }
        return false;
    }

    /**
     * The end of a span that stops inside a dotted abbreviation's last full stop: the model's "U.N" of "the U.N.
     * Security Council" or "the U.N." becomes "U.N.", the name's own spelling.
     */
    static int extendDottedAbbreviation(String text, int start, int end) {
        if (end < text.length() && text.charAt(end) == '.' && end - start >= 3
                && Character.isUpperCase(text.charAt(end - 1)) && text.charAt(end - 2) == '.') {
            for (int i = start; i < end; i++) {
                char ch = text.charAt(i);
                if ((i - start) % 2 == 0 ? !Character.isUpperCase(ch) : ch != '.') {
                    return end;
                }
            }
            return end + 1;
        }
        return end;
    }

    /** A job description after an organisation: "Māori Party Member of Parliament", "Members of Parliament". */
    private static final java.util.regex.Pattern MEMBER_OF =
            java.util.regex.Pattern.compile("(?:^|\\s)Members? of (?:the )?Parliament$");

    /**
     * The end of an organisation span before a trailing "Member(s) of Parliament" (a job, not a body): "Māori Party
     * Member of Parliament" → "Māori Party"; {@code start} when nothing is left ("Members of Parliament" is dropped).
     */
    static int cutMemberOf(String text, int start, int end, EntityType type) {
        if (type != EntityType.ORGANIZATION) {
            return end;
        }
        java.util.regex.Matcher m = MEMBER_OF.matcher(text.substring(start, end));
        if (!m.find()) {
            return end;
        }
        int cut = start + m.start();
        while (cut > start && Character.isWhitespace(text.charAt(cut - 1))) {
            cut--;
        }
        return cut;
    }

    /**
     * The start of a person span after its leading titles: "Ms Matviyenko" → "Matviyenko", "Spokesperson Vedant
     * Patel" → "Vedant Patel". A span that is nothing but titles is returned whole (the caller drops it).
     */
    static int trimLeadingTitles(String text, int start, int end) {
        int s = start;
        while (s < end) {
            int space = text.indexOf(' ', s);
            if (space < 0 || space >= end) {
                break;
            }
            String word = text.substring(s, space);
            // "Ms Matviyenko", and the tail of a long title: "Affairs Eli Cohen", "of Transport Sergei Ivanov"
            if (!LEADING_TITLES.contains(word) && !TITLE_WORDS.contains(word)
                    && !(s > start && (word.equals("of") || word.equals("and") || word.equals("the")))) {
                break;
            }
            s = space + 1;
        }
        return s < end ? s : start;
    }

    /**
     * The end of a person span before a possessive inside it: a headline's "Blinken’s Call with …" names Blinken,
     * not "Blinken’s Call". A possessive at the very end is left for the caller's trim.
     */
    static int cutAtInnerPossessive(String text, int start, int end) {
        for (int i = start + 1; i + 2 < end; i++) {
            char q = text.charAt(i);
            if ((q == '\'' || q == '’') && text.charAt(i + 1) == 's' && text.charAt(i + 2) == ' ') {
                return i;
            }
        }
        return end;
    }

    /** Index of the first line break in {@code [start, end)}, or {@code end}: no name runs over a paragraph break. */
    static int cutAtLineBreak(String text, int start, int end) {
        int nl = text.indexOf('\n', start);
        return nl >= 0 && nl < end ? nl : end;
    }

    /**
     * True when an organisation span is only a portfolio after a person's title: "Foreign Affairs" in "Minister of
     * Foreign Affairs", "State" in "Secretary of State". Every word must be a title word, so "Minister of the
     * Interior" drops "Interior" but "Secretary of the Security Council" keeps its council.
     */
    static boolean isPortfolioAfterTitle(String text, int start, int end, EntityType type) {
        if (type != EntityType.ORGANIZATION) {
            return false;
        }
        for (String word : text.substring(start, end).split(" ")) {
            if (!TITLE_WORDS.contains(word)) {
                return false;
            }
        }
        String before = text.substring(Math.max(0, start - 20), start);
        return before.matches("(?s).*\\b(Minister|Ministers|Secretary|Secretaries|Commissioner) of (the )?$");
    }

    /**
     * True for a pronoun or chat abbreviation, in any case ("Him", "LMAO", "Tl;dr"), also with a contraction after
     * it, straight or typographic ("I’ve", "I’m", "We'll", "You’re": the model took "I’ve gathered you" for an
     * organisation).
     */
    static boolean isNoise(String surface) {
        String s = surface.toLowerCase(Locale.ROOT);
        if (NOISE.contains(s)) {
            return true;
        }
        int q = Math.max(s.indexOf('\''), s.indexOf('’'));
        return q > 0 && NOISE.contains(s.substring(0, q))
                && CONTRACTIONS.contains(s.substring(q + 1));
    }

    private static final Set<String> CONTRACTIONS = Set.of("m", "ve", "ll", "d", "re", "s");

    /** True for an acronym in the plural or a possessive without its apostrophe ("IRTs", "DODs"): no person. */
    static boolean isPluralAcronym(String surface) {
        int n = surface.length();
        if (n < 3 || surface.charAt(n - 1) != 's') {
            return false;
        }
        for (int i = 0; i < n - 1; i++) {
            if (!Character.isUpperCase(surface.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Words that end a document's or a programme's name (see {@code heads-document.txt}). */
    private static final Set<String> DOCUMENT_HEADS = WordLists.load("heads-document");

    private static final Set<String> MONTHS = java.util.Arrays.stream(java.time.Month.values())
            .map(m -> m.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * The start of a span after leading punctuation the model kept ("-ISIS" of "the counter -ISIS campaign", a
     * quotation mark), and its end before a trailing ellipsis ("Steven …" of "the question, Steven … Every event"):
     * a name starts with a letter or digit and ends with one or a full stop, a closing bracket or an apostrophe.
     * Returns {@code [start, end]}; {@code start >= end} when nothing is left.
     */
    static int[] trimPunctuation(String text, int start, int end) {
        while (start < end && !Character.isLetterOrDigit(text.charAt(start))) {
            start++;
        }
        while (end > start) {
            char c = text.charAt(end - 1);
            if (Character.isLetterOrDigit(c) || c == '.' || c == ')' || c == '\'' || c == '’') {
                break;
            }
            end--;
        }
        return new int[]{start, end};
    }

    /**
     * The end of an organisation span before a trailing month name: a heading's "Department of State Daily Press
     * Briefing July 25, 2023" gave the model "… Briefing July". One-word spans are left alone.
     */
    static int trimTrailingMonth(String text, int start, int end, EntityType type) {
        if (type != EntityType.ORGANIZATION) {
            return end;
        }
        int space = text.lastIndexOf(' ', end - 1);
        if (space <= start || !MONTHS.contains(text.substring(space + 1, end))) {
            return end;
        }
        return space;
    }

    /**
     * True when an organisation span is the name of a document, a programme or a list of goals, or describes several
     * bodies at once: its last word is one of {@code heads-document.txt} ("Own Resources Decision", "Sustainable
     * Development Goals", "Department Press Briefing", "Multilateral Development Banks"). One word alone ("Plan") is
     * left to the other rules.
     */
    static boolean isDocumentOrProgramme(String text, int start, int end, EntityType type) {
        if (type != EntityType.ORGANIZATION) {
            return false;
        }
        int space = text.lastIndexOf(' ', end - 1);
        return space > start && DOCUMENT_HEADS.contains(text.substring(space + 1, end));
    }

    /**
     * True when a one-word organisation span is only the portfolio of a title that follows it: "Defence" in "Defence
     * Minister Sergei Shoigu", "Interior" in "Interior Minister". "Defence Ministry", "Ministry of Defence" (no title
     * word follows), "Security Council Secretary" (two words) and "UN Secretary-General" (an acronym) keep theirs.
     */
    static boolean isPortfolioBeforeTitle(String text, int start, int end, EntityType type) {
        String span = text.substring(start, end);
        // one ordinary word: "Security Council Secretary" and "UN Secretary-General" keep their organisation
        if (type != EntityType.ORGANIZATION || span.indexOf(' ') >= 0 || span.chars().noneMatch(Character::isLowerCase)) {
            return false;
        }
        int i = end;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (i == end) {
            return false;
        }
        int j = i;
        while (j < text.length() && Character.isLetter(text.charAt(j))) {
            j++;
        }
        return TITLE_HEADS.contains(text.substring(i, j));
    }
}
