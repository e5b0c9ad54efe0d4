package org.speechforum.ingest.uploads.transcript;

import org.speechforum.contracts.Author;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Speaker labels of transcripts: alone on their line ({@code President of Russia Vladimir Putin:}) or opening
 * it ({@code Vladimir Putin: Go ahead, please.}); roles of any length, with commas and dashes
 * ({@code Deputy Chief of Staff of the Presidential Executive Office – Presidential Press Secretary Dmitry
 * Peskov:}); unnamed interlocutors ({@code Question:}, {@code Reply:}, {@code Remark:}). A label must end
 * with a name of at least two capitalised words, and any lower-case word in it must be a small word of
 * titles or a word of office, so that an ordinary sentence ending in a colon is not taken for a speaker.
 */
public final class SpeakerLabels {

    /** A label and the rest of its line ({@code null} when the label stands alone). */
    public record Label(String label, String rest) {
    }

    private static final Pattern ALONE = Pattern.compile("^(?<who>[^:]{2,300}):$");
    private static final Pattern INLINE = Pattern.compile("^(?<who>[^:]{2,300}?):\\s+(?<rest>\\S.*)$", Pattern.DOTALL);
    /** Interlocutors transcripts leave unnamed. */
    static final Set<String> UNNAMED = Set.of("Question", "Questions", "Reply", "Replies", "Remark", "Remarks", "Answer",
            "Response", "Comment", "Voice", "Voices", "Voice from the audience", "Audience", "Interpreter",
            "Moderator", "Host", "Correspondent", "Journalist", "Вопрос", "Реплика", "Ответ", "Голос из зала");
    private static final Set<String> SMALL = Set.of("of", "the", "and", "for", "de", "la", "del", "von", "van", "der",
            "to", "on", "in", "at", "with", "from", "da", "di", "le", "el", "y", "bin", "al", "&");
    /** Lower-case words of office seen in transcript labels ("Direct Line programme host Kirill Kleymenov"). */
    private static final Set<String> OFFICE = Set.of("host", "hosts", "presenter", "correspondent", "programme",
            "program", "anchor", "moderator", "member", "members", "head", "chairman", "chairwoman", "chair", "deputy",
            "minister", "secretary", "speaker", "governor", "director", "adviser", "advisor", "aide", "aides",
            "spokesman", "spokeswoman", "spokesperson", "representative", "president", "prime", "envoy",
            "ambassador", "acting", "first", "chief", "executive", "war", "news", "presidential", "general",
            "special", "senior", "editor-in-chief", "editor", "officer", "commander", "mayor", "rector",
            "student", "pupil", "teacher", "worker", "farmer", "resident", "participant", "veteran", "interpreter");
    /** Words that start a title before a name ("President Vladimir Putin"), never a name of their own. */
    private static final Set<String> TITLES = Set.of("President", "Prime", "Minister", "Chancellor", "Governor", "Mr",
            "Mr.", "Ms", "Ms.", "Mrs", "Mrs.", "Dr", "Dr.", "King", "Queen", "Premier", "Secretary", "Senator",
            "Ambassador", "Mayor", "General", "Admiral", "Marshal", "Patriarch", "Metropolitan", "Father", "Professor",
            "Academician", "Sheikh", "Emir", "Sultan", "Crown", "Prince", "Princess", "Speaker", "Chairman",
            "Vice", "Deputy", "Acting", "Head", "Director", "Moderator", "Host");
    private static final Pattern NAME_WORD = Pattern.compile("^(?:\\p{Lu}[\\p{L}'’-]*\\.?|\\p{Lu}\\.)$");
    /** Initials and surname, Russian style: {@code В.Путин}, {@code В.В.Путин}, {@code Д. Песков}. */
    private static final Pattern INITIALS_SURNAME = Pattern.compile("^(?:\\p{Lu}\\.\\s?){1,2}\\p{Lu}[\\p{L}’'-]+$");
    private static final Pattern TRAILING_REMARK = Pattern.compile(
            "\\s*\\((?:retranslated|re-translated|via (?:an )?interpreter|through (?:an )?interpreter|in \\p{L}+|"
                    + "speaking \\p{L}+|translated|interpretation)\\)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTENCE_STOP = Pattern.compile("[.?!;\"“”«»()\\[\\]]");

    private SpeakerLabels() {
    }

    /** The label opening {@code paragraph}, or null when the paragraph starts otherwise. */
    public static Label label(String paragraph) {
        Matcher alone = ALONE.matcher(paragraph);
        if (alone.matches() && isLabel(bare(alone.group("who")))) {
            return new Label(bare(alone.group("who")), null);
        }
        Matcher inline = INLINE.matcher(paragraph);
        if (inline.matches() && isLabel(bare(inline.group("who")))) {
            return new Label(bare(inline.group("who")), inline.group("rest").strip());
        }
        return null;
    }

    /** The label without a translator's remark: "President of Finland Sauli Niinisto (retranslated)". */
    private static String bare(String who) {
        return TRAILING_REMARK.matcher(who.strip()).replaceFirst("").strip();
    }

    static boolean isLabel(String who) {
        if (UNNAMED.contains(who) || INITIALS_SURNAME.matcher(who).matches()) {
            return true;
        }
        if (who.chars().anyMatch(Character::isDigit)) {
            return false;
        }
        // Initials ("A. Suvorova") are the only full stops a label may hold.
        if (SENTENCE_STOP.matcher(who.replaceAll("(?<!\\p{L})\\p{Lu}\\.", "").replaceAll("(?<!\\p{L})(?:Mr|Ms|Mrs|Dr)\\.", ""))
                .find()) {
            return false;
        }
        String[] words = who.replace(",", " ").split("\\s+");
        if (words.length < 2 || words.length > 30) {
            return false;
        }
        for (String nameWord : List.of(words[words.length - 2], words[words.length - 1])) {
            // "In Moscow: snow." — a capitalised small word is no part of a name.
            // "Show HN: …", "PSA: …": short all-capital words are abbreviations, not names.
            boolean abbreviation = nameWord.length() <= 3 && nameWord.equals(nameWord.toUpperCase(Locale.ROOT))
                    && !nameWord.endsWith(".");
            if (!NAME_WORD.matcher(nameWord).matches() || SMALL.contains(nameWord.toLowerCase(Locale.ROOT))
                    || abbreviation) {
                return false;
            }
        }
        if (!Character.isUpperCase(words[0].codePointAt(0))) {
            return false;
        }
        for (String word : words) {
            if (word.equals("–") || word.equals("-") || word.equals("—")) {
                continue;
            }
            if (!Character.isUpperCase(word.codePointAt(0)) && !SMALL.contains(word) && !OFFICE.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Role and name of {@code label}. {@code known} are the other labels of the same transcript: a long label
     * ending with a short one ("Defence Minister Sergei Shoigu" and later "Sergei Shoigu") splits there;
     * otherwise the name is the last two words and the rest the role. Unnamed interlocutors get no name and
     * the label as role.
     */
    public static Author author(String label, Collection<String> known) {
        if (UNNAMED.contains(label)) {
            return new Author(null, null, null, label, null);
        }
        if (INITIALS_SURNAME.matcher(label).matches()) {
            return new Author(label, null, null, null, null);
        }
        for (String other : known) {
            if (!other.equals(label) && label.endsWith(" " + other) && isShortName(other)) {
                return new Author(other, null, null, role(label.substring(0, label.length() - other.length())), null);
            }
        }
        String[] words = label.split("\\s+");
        if (words.length <= 3 && !TITLES.contains(words[0]) && isShortName(label)) {
            return new Author(label, null, null, null, null);
        }
        if (words.length <= 2) {
            return new Author(label, null, null, null, null);
        }
        int nameWords = 2;
        if (words.length > 3 && SMALL.contains(words[words.length - 3]) && words[words.length - 3].length() <= 3) {
            nameWords = 3;   // "Ursula von Leyen", "Luiz da Silva"
        }
        String name = String.join(" ", Arrays.copyOfRange(words, words.length - nameWords, words.length));
        String role = String.join(" ", Arrays.copyOfRange(words, 0, words.length - nameWords));
        return new Author(name, null, null, role(role), null);
    }

    private static String role(String role) {
        String r = role.strip().replaceAll("[,–—-]+$", "").strip();
        return r.isEmpty() ? null : r;
    }

    private static boolean isShortName(String label) {
        List<String> words = List.of(label.split("\\s+"));
        return words.size() >= 2 && words.size() <= 3 && words.stream().allMatch(w -> NAME_WORD.matcher(w).matches());
    }

    /** How the corpus and the annotations name a speaker: the name, or the role of an unnamed one. */
    public static String display(Author author) {
        return author.name() != null ? author.name() : author.role();
    }
}
