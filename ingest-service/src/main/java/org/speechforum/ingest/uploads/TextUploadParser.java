package org.speechforum.ingest.uploads;

import org.speechforum.contracts.Annotation;
import org.speechforum.contracts.Author;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.TimePrecision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits raw text as people copy it from web pages into canonical documents: a speech transcript (speaker
 * header such as {@code President of Russia Vladimir Putin:}, paragraphs, stage directions such as
 * {@code (Applause.)}), a forum thread copied from a Lemmy-style page (author lines
 * {@code • cfgaussian@lemmygrad.mlOP}, vote counters, {@code edit-2}, {@code 1 year ago}, nesting by
 * indentation), or both in one text. Text it cannot classify becomes one document of structure
 * {@code UNKNOWN}: nothing is dropped.
 *
 * <p>Ids are deterministic and do not depend on the upload time: a speech is keyed by its first speaker and
 * first paragraph, a comment by its parent, its author and its place among that author's replies to the same
 * parent. Uploading the same text again yields the same ids; an edited comment body keeps its id.
 */
public class TextUploadParser {

    public static final String SPEECH_TRANSCRIPT = "SPEECH_TRANSCRIPT";
    public static final String FORUM_THREAD = "FORUM_THREAD";
    public static final String UNKNOWN = "UNKNOWN";

    /** {@code • handle@instance} with an optional {@code OP} glued to the end, as Lemmy's page copies. */
    private static final Pattern COMMENT_HEADER = Pattern.compile(
            "^(?<indent>[ \\t]*)[•*]\\s*(?<handle>[\\p{L}\\p{N}_.-]+)@(?<instance>[A-Za-z0-9.-]+?)(?<op>OP)?\\s*$");
    private static final Pattern NUMBER = Pattern.compile("^\\d+$");
    private static final Pattern AGE = Pattern.compile(
            "^(?<n>an?|\\d+)\\s+(?<unit>second|minute|hour|day|week|month|year)s?\\s+ago$", Pattern.CASE_INSENSITIVE);
    /** Icon names and separators a copied Lemmy comment carries between author line and body. */
    private static final List<String> CHROME = List.of("link", "fedilink", "·", "•", "reply", "report",
            "more-vertical", "share-2", "save", "arrow-up", "arrow-down", "edit-2");
    /** A line that only names a speaker: {@code President of Russia Vladimir Putin:}. */
    private static final Pattern SPEAKER_LINE = Pattern.compile("^(?<who>[\\p{Lu}][\\p{L}.'’ -]{1,118}):$");
    /** A turn that starts with the speaker on the same line: {@code Vladimir Putin: Thank you.} */
    private static final Pattern SPEAKER_INLINE = Pattern.compile("^(?<who>[\\p{Lu}][\\p{L}.'’ -]{1,80}?):\\s+(?<rest>.+)$",
            Pattern.DOTALL);
    private static final Pattern STAGE_DIRECTION = Pattern.compile("^\\(([^()]{1,200})\\)$");
    private static final List<String> SMALL_WORDS = List.of("of", "the", "and", "for", "de", "la", "del", "von",
            "van", "to", "on", "in");

    private final Clock clock;

    public TextUploadParser(Clock clock) {
        this.clock = clock;
    }

    /** The documents of {@code text} in the order they appear; {@code source} names where it came from. */
    public List<Document> parse(String text, String source) {
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        if (normalised.startsWith("\uFEFF")) {
            normalised = normalised.substring(1);
        }
        String[] lines = normalised.split("\n", -1);
        List<Integer> headers = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (COMMENT_HEADER.matcher(lines[i]).matches()) {
                headers.add(i);
            }
        }
        Instant now = clock.instant();
        List<Document> documents = new ArrayList<>();
        String preamble = String.join("\n", java.util.Arrays.asList(lines).subList(0,
                headers.isEmpty() ? lines.length : headers.getFirst())).strip();
        Document root = null;
        if (!preamble.isEmpty()) {
            root = speech(preamble, source, now);
            if (root == null) {
                root = headers.isEmpty() ? unknown(preamble, source, now) : threadPost(preamble, source, now);
            }
            documents.add(root);
        }
        if (headers.isEmpty()) {
            return documents;
        }
        Deque<int[]> indents = new ArrayDeque<>();   // [indent, index into documents]
        Map<String, Integer> seen = new HashMap<>();
        for (int h = 0; h < headers.size(); h++) {
            int start = headers.get(h);
            int end = h + 1 < headers.size() ? headers.get(h + 1) : lines.length;
            Matcher header = COMMENT_HEADER.matcher(lines[start]);
            header.matches();
            int indent = header.group("indent").replace("\t", "    ").length();
            while (!indents.isEmpty() && indents.peek()[0] >= indent) {
                indents.pop();
            }
            Document parent = indents.isEmpty() ? root : documents.get(indents.peek()[1]);
            Document comment = comment(lines, start, end, header, parent, source, now, seen);
            documents.add(comment);
            indents.push(new int[] {indent, documents.size() - 1});
        }
        return documents;
    }

    private Document comment(String[] lines, int start, int end, Matcher header, Document parent, String source,
                             Instant now, Map<String, Integer> seen) {
        String handle = header.group("handle");
        String instance = header.group("instance").toLowerCase(Locale.ROOT);
        Integer upvotes = null;
        Integer downvotes = null;
        int edits = 0;
        Instant published = null;
        TimePrecision precision = null;
        int i = start + 1;
        String pendingCounter = null;
        for (; i < end; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                break;
            }
            if (pendingCounter != null && NUMBER.matcher(line).matches()) {
                int value = Integer.parseInt(line);
                if (pendingCounter.equals("arrow-up")) {
                    upvotes = value;
                } else {
                    downvotes = value;
                }
                pendingCounter = null;
                continue;
            }
            pendingCounter = null;
            Matcher age = AGE.matcher(line);
            if (age.matches()) {
                Approximate approximate = approximate(age, now);
                published = approximate.instant();
                precision = approximate.precision();
            } else if (line.equals("arrow-up") || line.equals("arrow-down")) {
                pendingCounter = line;
            } else if (line.equals("edit-2")) {
                edits++;
            } else if (line.equalsIgnoreCase("just now")) {
                published = now;
                precision = TimePrecision.MINUTE;
            } else if (!CHROME.contains(line)) {
                break;   // no blank line between the counters and the body: the body starts here
            }
        }
        String body = dedent(lines, i, end);
        String parentId = parent == null ? null : parent.id();
        String who = handle + "@" + instance;
        int ordinal = seen.merge((parentId == null ? "" : parentId) + "\u0000" + who, 1, Integer::sum);
        String externalId = "comment:" + DocumentIds.sha256(
                (parentId == null ? "" : parentId) + "\n" + who + "\n" + ordinal).substring(0, 32);
        return Document.builder()
                .id(DocumentIds.of(source, externalId))
                .kind(DocumentKind.COMMENT)
                .source(source)
                .externalId(externalId)
                .author(new Author(null, handle, instance, null, null))
                .text(body.isEmpty() ? "(empty comment)" : body)
                .parentId(parentId)
                .publishedAt(published)
                .publishedAtPrecision(precision)
                // Lemmy's page shows the down-vote counter only when there are down votes.
                .upvotes(upvotes == null ? 0 : upvotes)
                .downvotes(downvotes == null ? 0 : downvotes)
                // The page shows one edit marker whether the comment was edited once or more: a lower bound.
                .edits(edits)
                .op(header.group("op") != null)
                .structure(FORUM_THREAD)
                .ingestedAt(now)
                .schemaVersion(Document.SCHEMA_VERSION)
                .build();
    }

    private Document speech(String preamble, String source, Instant now) {
        List<String> paragraphs = paragraphs(preamble);
        Speaker first = speaker(paragraphs.getFirst());
        if (first == null) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        List<Annotation> annotations = new ArrayList<>();
        List<Author> speakers = new ArrayList<>();
        String firstParagraph = null;
        for (int p = 0; p < paragraphs.size(); p++) {
            String paragraph = paragraphs.get(p);
            Speaker turn = speaker(paragraph);
            if (turn != null) {
                if (speakers.stream().noneMatch(s -> s.name().equals(turn.author().name()))) {
                    speakers.add(turn.author());
                }
                if (p > 0) {
                    annotations.add(new Annotation(Annotation.SPEAKER, turn.author().name(), text.length(), p));
                }
                if (turn.rest() == null) {
                    continue;
                }
                paragraph = turn.rest();
            }
            Matcher stage = STAGE_DIRECTION.matcher(paragraph);
            if (stage.matches()) {
                annotations.add(new Annotation(Annotation.STAGE_DIRECTION, paragraph, text.length(), p));
                continue;
            }
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(paragraph);
            if (firstParagraph == null) {
                firstParagraph = paragraph;
            }
        }
        if (text.isEmpty()) {
            return null;
        }
        Author speaker = first.author();
        String externalId = "transcript:" + DocumentIds.sha256(speaker.name() + "\n" + firstParagraph)
                .substring(0, 32);
        return Document.builder()
                .id(DocumentIds.of(source, externalId))
                .kind(DocumentKind.SPEECH)
                .source(source)
                .externalId(externalId)
                .author(speaker)
                .speakers(speakers)
                .annotations(annotations.isEmpty() ? null : annotations)
                .text(text.toString())
                .structure(SPEECH_TRANSCRIPT)
                .ingestedAt(now)
                .schemaVersion(Document.SCHEMA_VERSION)
                .build();
    }

    /** The text above a copied thread that is no transcript: the post the thread discusses. */
    private Document threadPost(String preamble, String source, Instant now) {
        String externalId = "post:" + DocumentIds.sha256(paragraphs(preamble).getFirst()).substring(0, 32);
        return Document.builder()
                .id(DocumentIds.of(source, externalId))
                .kind(DocumentKind.POST)
                .source(source)
                .externalId(externalId)
                .text(preamble)
                .structure(FORUM_THREAD)
                .ingestedAt(now)
                .schemaVersion(Document.SCHEMA_VERSION)
                .build();
    }

    private Document unknown(String text, String source, Instant now) {
        return Document.builder()
                .id(DocumentIds.fromContent(source, DocumentKind.POST, text))
                .kind(DocumentKind.POST)
                .source(source)
                .text(text)
                .structure(UNKNOWN)
                .ingestedAt(now)
                .schemaVersion(Document.SCHEMA_VERSION)
                .build();
    }

    private record Speaker(Author author, String rest) {
    }

    /** A speaker header, alone on its paragraph or opening it; null when the paragraph starts otherwise. */
    static Speaker speaker(String paragraph) {
        Matcher alone = SPEAKER_LINE.matcher(paragraph);
        if (alone.matches() && looksLikeName(alone.group("who"))) {
            return new Speaker(author(alone.group("who").strip()), null);
        }
        Matcher inline = SPEAKER_INLINE.matcher(paragraph);
        if (inline.matches() && looksLikeName(inline.group("who"))) {
            return new Speaker(author(inline.group("who").strip()), inline.group("rest").strip());
        }
        return null;
    }

    /** Capitalised words, with the small words of titles ("of", "the") allowed between them. */
    private static boolean looksLikeName(String who) {
        String[] words = who.strip().split("\\s+");
        if (words.length < 2 || words.length > 12) {
            return false;
        }
        for (String word : words) {
            if (!Character.isUpperCase(word.codePointAt(0)) && !SMALL_WORDS.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** "President of Russia Vladimir Putin" → role "President of Russia", name "Vladimir Putin". */
    private static Author author(String who) {
        String[] words = who.split("\\s+");
        if (words.length <= 3) {
            return new Author(who, null, null, null, null);
        }
        String name = words[words.length - 2] + " " + words[words.length - 1];
        String role = String.join(" ", java.util.Arrays.copyOf(words, words.length - 2));
        return new Author(name, null, null, role, null);
    }

    private static List<String> paragraphs(String text) {
        List<String> paragraphs = new ArrayList<>();
        for (String block : text.split("\\n\\s*\\n")) {
            String paragraph = block.strip();
            if (!paragraph.isEmpty()) {
                paragraphs.add(paragraph);
            }
        }
        return paragraphs;
    }

    /** Lines {@code from..to} without the indentation they share, paragraphs kept, outer blank lines dropped. */
    private static String dedent(String[] lines, int from, int to) {
        int common = Integer.MAX_VALUE;
        for (int i = from; i < to; i++) {
            if (!lines[i].isBlank()) {
                int indent = 0;
                while (indent < lines[i].length() && Character.isWhitespace(lines[i].charAt(indent))) {
                    indent++;
                }
                common = Math.min(common, indent);
            }
        }
        StringBuilder body = new StringBuilder();
        for (int i = from; i < to; i++) {
            String line = lines[i].isBlank() ? "" : lines[i].substring(common).stripTrailing();
            body.append(line).append('\n');
        }
        return body.toString().strip().replaceAll("\\n{3,}", "\n\n");
    }

    private record Approximate(Instant instant, TimePrecision precision) {
    }

    /** "1 year ago" → now minus one year, precision YEAR; "3 hours ago" → HOUR, and so on. */
    private static Approximate approximate(Matcher age, Instant now) {
        String n = age.group("n").toLowerCase(Locale.ROOT);
        long amount = n.startsWith("a") ? 1 : Long.parseLong(n);
        var at = now.atZone(ZoneOffset.UTC);
        return switch (age.group("unit").toLowerCase(Locale.ROOT)) {
            case "second" -> new Approximate(now.minus(Duration.ofSeconds(amount)), TimePrecision.MINUTE);
            case "minute" -> new Approximate(now.minus(Duration.ofMinutes(amount)), TimePrecision.MINUTE);
            case "hour" -> new Approximate(now.minus(Duration.ofHours(amount)), TimePrecision.HOUR);
            case "day" -> new Approximate(now.minus(Duration.ofDays(amount)), TimePrecision.DAY);
            case "week" -> new Approximate(now.minus(Duration.ofDays(7 * amount)), TimePrecision.DAY);
            case "month" -> new Approximate(at.minusMonths(amount).toInstant(), TimePrecision.MONTH);
            default -> new Approximate(at.minusYears(amount).toInstant(), TimePrecision.YEAR);
        };
    }
}
