package org.speechforum.ingest.uploads;

import org.speechforum.contracts.Author;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.ingest.format.DocumentRefused;
import org.speechforum.ingest.uploads.thread.Header;
import org.speechforum.ingest.uploads.thread.PageDates;
import org.speechforum.ingest.uploads.thread.RawComment;
import org.speechforum.ingest.uploads.thread.ThreadFormats;
import org.speechforum.ingest.uploads.thread.ThreadReading;
import org.speechforum.ingest.uploads.transcript.TranscriptParser;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Splits raw text as people copy it from web pages into canonical documents: a speech transcript
 * ({@link TranscriptParser}), a forum thread copied from one of the front-ends in {@link ThreadFormats}
 * (lemmy-ui, Hexbear, mlmym, old and new Reddit, Hacker News, Mastodon, Discourse, a generic fallback), or
 * both in one text: the thread then replies to the speech. Text above a thread that is no transcript becomes
 * the POST the thread replies to. Text it cannot classify becomes one document of structure
 * {@code UNKNOWN}: nothing is dropped.
 *
 * <p>Ids are deterministic and do not depend on the upload time: a speech is keyed by its first speaker and
 * first paragraph, a comment by its parent, its author and its place among that author's replies to the same
 * parent. Uploading the same text again yields the same ids; an edited comment body keeps its id.
 */
public class TextUploadParser {

    public static final String SPEECH_TRANSCRIPT = TranscriptParser.STRUCTURE;
    public static final String FORUM_THREAD = "FORUM_THREAD";
    public static final String UNKNOWN = "UNKNOWN";
    /** {@code format=} value for the transcript recogniser. */
    public static final String TRANSCRIPT = "transcript";
    /** {@code format=} value that stores the text as one document, unparsed. */
    public static final String PLAIN_TEXT = "text";

    /**
     * What an upload was understood as: the recognised format ({@code transcript}, a thread format such as
     * {@code mlmym}, {@code transcript+lemmy-ui} for both, or {@code text}), the documents, and notes on what
     * was guessed or could not be structured.
     */
    public record Upload(String format, List<Document> documents, List<String> notes) {
    }

    private final Clock clock;
    private final TranscriptParser transcripts = new TranscriptParser();

    public TextUploadParser(Clock clock) {
        this.clock = clock;
    }

    /** Every value {@code format=} takes. */
    public static List<String> formats() {
        List<String> all = new ArrayList<>(List.of(TRANSCRIPT));
        all.addAll(ThreadFormats.names());
        all.add(PLAIN_TEXT);
        return all;
    }

    /** The documents of {@code text} in the order they appear; {@code source} names where it came from. */
    public List<Document> parse(String text, String source) {
        return read(text, source, null).documents();
    }

    /**
     * Reads {@code text}; {@code format} (null: detect) forces one recogniser: {@code transcript}, a thread
     * format, or {@code text}. An unknown format is refused with the list of known ones.
     */
    public Upload read(String text, String source, String format) {
        if (format != null && !formats().contains(format)) {
            throw new DocumentRefused("Unknown format '" + format + "'; use one of " + String.join(", ", formats())
                    + ", or leave format out to have it detected", "format");
        }
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        if (normalised.startsWith("\uFEFF")) {
            normalised = normalised.substring(1);
        }
        String[] lines = normalised.split("\n", -1);
        Instant now = clock.instant();
        List<String> notes = new ArrayList<>();
        if (PLAIN_TEXT.equals(format)) {
            return new Upload(PLAIN_TEXT, List.of(unknown(normalised.strip(), source, now)), notes);
        }
        Optional<ThreadReading> thread = thread(lines, format, notes);
        thread.ifPresent(t -> notes.addAll(t.notes()));
        int start = thread.map(ThreadReading::start).orElse(lines.length);
        List<String> above = Arrays.asList(lines).subList(0, start);
        String preamble = String.join("\n", above).strip();
        Document speech = null;
        if (!preamble.isEmpty() && (format == null || TRANSCRIPT.equals(format) || thread.isPresent())) {
            TranscriptParser.Result transcript = transcripts.parse(above, source, now);
            speech = transcript.speech();
            if (speech != null) {
                notes.addAll(transcript.notes());
            }
        }
        if (thread.isEmpty()) {
            if (speech != null) {
                return new Upload(TRANSCRIPT, List.of(speech), notes);
            }
            if (notes.isEmpty()) {
                notes.add(TRANSCRIPT.equals(format)
                        ? "format transcript was asked for, but no line starts with a speaker label such as 'Vladimir Putin:'"
                        : "no speaker label (such as 'Vladimir Putin:') and no comment header of a known forum front-end "
                        + "was found: the text is stored as one document");
            }
            return new Upload(PLAIN_TEXT, List.of(unknown(normalised.strip(), source, now)), notes);
        }
        ThreadReading reading = thread.get();
        List<Document> documents = new ArrayList<>();
        Document root = speech;
        String title = null;
        if (root == null && !preamble.isEmpty()) {
            if (reading.firstIsPost()) {
                // Mastodon, Discourse: the thread's first status or post is the POST; the line above it is its title.
                List<String> heading = preamble.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
                title = heading.getFirst();
                if (heading.size() > 1) {
                    notes.add(reading.format() + ": the first line above the thread is the post's title; the "
                            + (heading.size() - 1) + " other line" + (heading.size() == 2 ? "" : "s")
                            + " above it (category, tags) were left out");
                }
            } else {
                root = threadPost(preamble, source, now);
            }
        }
        if (root != null) {
            documents.add(root);
        }
        documents.addAll(comments(reading, root, title, source, now));
        return new Upload(speech != null ? TRANSCRIPT + "+" + reading.format() : reading.format(), documents, notes);
    }

    /** The thread reading: the best one when {@code format} is null, the forced recogniser's otherwise. */
    private static Optional<ThreadReading> thread(String[] lines, String format, List<String> notes) {
        if (format == null) {
            return ThreadFormats.best(lines);
        }
        if (TRANSCRIPT.equals(format)) {
            return Optional.empty();
        }
        ThreadReading reading = ThreadFormats.named(format).orElseThrow().read(lines);
        if (reading.isEmpty()) {
            notes.add("format " + format + " was asked for, but the text holds none of its comment headers");
            return Optional.empty();
        }
        return Optional.of(reading);
    }

    private List<Document> comments(ThreadReading reading, Document root, String title, String source, Instant now) {
        List<Document> made = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<RawComment> raw = reading.comments();
        for (int c = 0; c < raw.size(); c++) {
            RawComment comment = raw.get(c);
            Document parent = comment.parent() < 0 ? root : made.get(comment.parent());
            if (c == 0 && reading.firstIsPost() && root == null) {
                made.add(authoredPost(comment, title, source, now));
                continue;
            }
            made.add(comment(comment, parent, source, now, seen));
        }
        return made;
    }

    private Document comment(RawComment raw, Document parent, String source, Instant now, Map<String, Integer> seen) {
        Header header = raw.header();
        String parentId = parent == null ? null : parent.id();
        String who = header.who();
        int ordinal = seen.merge((parentId == null ? "" : parentId) + "\u0000" + who, 1, Integer::sum);
        String externalId = "comment:" + DocumentIds.sha256(
                (parentId == null ? "" : parentId) + "\n" + who + "\n" + ordinal).substring(0, 32);
        PageDates.Approximate published = header.age() == null ? null : PageDates.parse(header.age(), now);
        return Document.builder()
                .id(DocumentIds.of(source, externalId))
                .kind(DocumentKind.COMMENT)
                .source(source)
                .externalId(externalId)
                .author(new Author(header.name(), header.handle(), header.instance(), header.role(), null))
                .text(raw.body().isEmpty() ? "(empty comment)" : raw.body())
                .parentId(parentId)
                .publishedAt(published == null ? null : published.instant())
                .publishedAtPrecision(published == null ? null : published.precision())
                .upvotes(header.upvotes())
                .downvotes(header.downvotes())
                // Pages show one edit marker whether the comment was edited once or more: a lower bound.
                .edits(header.edits())
                .op(header.op())
                .structure(FORUM_THREAD)
                .ingestedAt(now)
                .schemaVersion(Document.SCHEMA_VERSION)
                .build();
    }

    /** The opening status or topic post of a Mastodon or Discourse thread: a POST with its author. */
    private Document authoredPost(RawComment raw, String title, String source, Instant now) {
        Header header = raw.header();
        String externalId = "post:" + DocumentIds.sha256(header.who() + "\n" + raw.body()).substring(0, 32);
        PageDates.Approximate published = header.age() == null ? null : PageDates.parse(header.age(), now);
        return Document.builder()
                .id(DocumentIds.of(source, externalId))
                .kind(DocumentKind.POST)
                .source(source)
                .externalId(externalId)
                .title(title)
                .author(new Author(header.name(), header.handle(), header.instance(), header.role(), null))
                .text(raw.body().isEmpty() ? "(empty post)" : raw.body())
                .publishedAt(published == null ? null : published.instant())
                .publishedAtPrecision(published == null ? null : published.precision())
                .structure(FORUM_THREAD)
                .ingestedAt(now)
                .schemaVersion(Document.SCHEMA_VERSION)
                .build();
    }

    /** The text above a copied thread that is no transcript: the post the thread discusses. */
    private Document threadPost(String preamble, String source, Instant now) {
        String firstParagraph = preamble.split("\\n\\s*\\n")[0].strip();
        String externalId = "post:" + DocumentIds.sha256(firstParagraph).substring(0, 32);
        return Document.builder()
                .id(DocumentIds.of(source, externalId))
                .kind(DocumentKind.POST)
                .source(source)
                .externalId(externalId)
                .title(preamble.lines().findFirst().map(String::strip).orElse(null))
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
}
