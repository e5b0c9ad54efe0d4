package org.speechforum.enrich.entities;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules for what no list can hold: people after a title ("Prime Minister Narendra Modi"), capitalised names ending
 * in a head noun ("Russia-Latin America International Parliamentary Conference" is an EVENT, "Bank of Ghana" an
 * ORGANIZATION, "Mekong River" a LOCATION), and figures (PERCENT, MONEY, DATE). Unlinked; the pipeline links them
 * to a curated entity when their text is a curated alias, else gives them a slug id.
 */
public final class PatternRecogniser implements Recogniser {

    static final Set<String> TITLES = WordLists.load("titles");
    private static final Set<String> PARTICLES = WordLists.load("name-particles");
    static final Map<String, EntityType> HEADS = heads();
    private static final Set<String> CONNECTORS = WordLists.load("name-connectors");
    /** Capitalised only because a sentence starts with them, or never part of a name. */
    private static final Set<String> NOT_NAMES = WordLists.load("not-names");

    private static final String MONTH = "(?:January|February|March|April|May|June|July|August|September|October|"
            + "November|December)";
    private static final Pattern PERCENT = Pattern.compile(
            "(?<![\\w.])\\d+(?:[.,]\\d+)?(?:\\s?%|\\s(?:percent|per cent)\\b)");
    private static final Pattern MONEY = Pattern.compile(
            "(?:(?<![\\w])(?:US\\$|[$€£¥₹])\\s?\\d[\\d,.]*(?:\\s?(?:million|billion|trillion|bn|m)\\b)?"
                    + "|(?<![\\w.])\\d[\\d,.]*(?:\\s(?:million|billion|trillion))?\\s(?:dollars|euros|roubles|rubles|"
                    + "pounds|yuan|rupees|reais|pesos|rand|naira|shillings|yen)\\b)");
    private static final Pattern DATE = Pattern.compile(
            "\\b(?:\\d{1,2}\\s" + MONTH + "(?:,?\\s\\d{4})?|" + MONTH + "\\s\\d{1,2}(?:,\\s\\d{4})?|" + MONTH
                    + "\\s\\d{4}|(?:1[6-9]|20)\\d0s|(?:1[6-9]|20)\\d\\d(?![\\d%])|(?<=\\s|^)['’]?[1-9]0s)\\b");

    private static Map<String, EntityType> heads() {
        Map<String, EntityType> m = new java.util.HashMap<>();
        for (String h : WordLists.load("heads-organization")) {
            m.put(h, EntityType.ORGANIZATION);
        }
        for (String h : WordLists.load("heads-event")) {
            m.put(h, EntityType.EVENT);
        }
        for (String h : WordLists.load("heads-location")) {
            m.put(h, EntityType.LOCATION);
        }
        return Map.copyOf(m);
    }

    @Override
    public List<Candidate> recognise(AnalysedText at) {
        List<Candidate> out = new ArrayList<>();
        figures(at.text(), out);
        titledPeople(at, out);
        headNounNames(at, out);
        return out;
    }

    private static void figures(String text, List<Candidate> out) {
        add(out, PERCENT.matcher(text), EntityType.PERCENT);
        add(out, MONEY.matcher(text), EntityType.MONEY);
        add(out, DATE.matcher(text), EntityType.DATE);
    }

    private static void add(List<Candidate> out, Matcher m, EntityType type) {
        while (m.find()) {
            String s = m.group();
            out.add(new Candidate(m.start(), m.end(), type, null, s, Candidate.Source.PATTERN));
        }
    }

    private static boolean isNameToken(String t) {
        return Text.isCapitalised(t) && t.chars().anyMatch(Character::isLowerCase) && !NOT_NAMES.contains(t)
                && !TITLES.contains(t) && !HEADS.containsKey(t) && t.chars().allMatch(c -> Character.isLetter(c)
                || c == '-' || c == '\'' || c == '’' || c == '.');
    }

    /** Title, optional "of <place>", then a capitalised name: the name is the PERSON. */
    private static void titledPeople(AnalysedText at, List<Candidate> out) {
        int n = at.tokens().length;
        for (int i = 0; i < n; i++) {
            if (!TITLES.contains(at.token(i)) || (i > 0 && TITLES.contains(at.token(i - 1)))) {
                continue;
            }
            int j = i;
            while (j < n && TITLES.contains(at.token(j))) {
                j++;
            }
            boolean ofPlace = false;
            if (j < n && at.token(j).equals("of")) {
                ofPlace = true;
                j++;
                if (j < n && at.token(j).equals("the")) {
                    j++;
                }
            }
            int first = j;
            int k = j;
            // The name ends where its sentence or paragraph ends: "Governor Viktor Nazarov⏎⏎May …" is two lines.
            while (k < n && !at.startsSentence(k) && (isNameToken(at.token(k))
                    || (k > first && PARTICLES.contains(at.token(k)) && k + 1 < n && !at.startsSentence(k + 1)
                    && isNameToken(at.token(k + 1))))) {
                k++;
                if (isPossessive(at.token(k - 1))) {
                    break; // "Secretary Blinken’s Call with …": the name ends at its possessive
                }
            }
            if (ofPlace) {
                // "President of Russia Vladimir Putin": the place comes first, the last two names are the person
                int names = 0;
                int s = k;
                while (s > first && names < 2) {
                    s--;
                    if (!PARTICLES.contains(at.token(s))) {
                        names++;
                    }
                }
                if (k - first < 3) {
                    continue;
                }
                first = s;
            }
            if (k > first && k - first <= 5) {
                int start = at.tokens()[first].getStart();
                int end = at.tokens()[k - 1].getEnd();
                out.add(new Candidate(start, end, EntityType.PERSON, null, at.text().substring(start, end),
                        Candidate.Source.PATTERN));
            }
            i = Math.max(i, k - 1);
        }
    }

    /** A run of capitalised words ending in a head noun, optionally followed by "of/for <capitalised words>". */
    private static void headNounNames(AnalysedText at, List<Candidate> out) {
        int n = at.tokens().length;
        for (int i = 0; i < n; i++) {
            EntityType type = HEADS.get(at.token(i));
            if (type == null) {
                continue;
            }
            int s = i;
            // a name does not reach back over a line break: "The White House⏎⏎Office of the Press Secretary"
            while (s > 0 && !at.startsSentence(s) && !lineBreakBefore(at, s)
                    && isPhraseWord(at.token(s - 1), at, s - 1)) {
                s--;
            }
            while (s < i && (CONNECTORS.contains(at.token(s)) || NOT_NAMES.contains(at.token(s))
                    || TITLES.contains(at.token(s)))) {
                s++;
            }
            int e = i + 1;
            if (e + 1 < n && (at.token(e).equals("of") || at.token(e).equals("for"))) {
                int k = e + 1;
                if (at.token(k).equals("the")) {
                    k++;
                }
                int last = -1;
                // nor on over one: "Office of the Press Secretary⏎⏎April 17, 2017"
                while (k < n && !lineBreakBefore(at, k)
                        && (isCapWord(at.token(k)) || (CONNECTORS.contains(at.token(k)) && last >= 0))) {
                    if (isCapWord(at.token(k))) {
                        last = k;
                    }
                    k++;
                }
                if (last >= 0) {
                    e = last + 1;
                }
            }
            if (e - s < 2) {
                continue;
            }
            int start = at.tokens()[s].getStart();
            int end = at.tokens()[e - 1].getEnd();
            if (at.text().substring(start, end).contains("\n")) {
                continue;
            }
            out.add(new Candidate(start, end, type, null, at.text().substring(start, end), Candidate.Source.PATTERN));
            i = e - 1;
        }
    }

    /** True when a line break stands between token {@code k - 1} and token {@code k}. */
    private static boolean lineBreakBefore(AnalysedText at, int k) {
        if (k == 0) {
            return false;
        }
        String text = at.text();
        for (int c = at.tokens()[k - 1].getEnd(); c < at.tokens()[k].getStart(); c++) {
            if (text.charAt(c) == '\n') {
                return true;
            }
        }
        return false;
    }

    private static boolean isPossessive(String token) {
        return token.endsWith("'s") || token.endsWith("’s");
    }

    private static boolean isCapWord(String token) {
        // the UD tokenizer splits "Russia-Latin" as "Russia" "-Latin"
        String t = token.length() > 1 && token.charAt(0) == '-' ? token.substring(1) : token;
        return Text.isCapitalised(t) && !NOT_NAMES.contains(t) && !t.equals("I")
                && t.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '’' || c == '\'');
    }

    private static boolean isPhraseWord(String t, AnalysedText at, int index) {
        if (isCapWord(t) && !t.toLowerCase(Locale.ROOT).equals("'s") && !t.equals("’s")) {
            return true;
        }
        // a connector only inside a name: "Bank of Ghana", "Community of Latin American and Caribbean States"
        return CONNECTORS.contains(t) && index > 0 && isCapWord(at.token(index - 1)) && !t.equals("the");
    }
}
