package org.speechforum.ingest.uploads.transcript;

import org.speechforum.contracts.Annotation;
import org.speechforum.contracts.Author;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.TimePrecision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A speech transcript as people paste it: a whole-page copy (chrome, title, date and place, lead,
 * participants, {@code * * *}, then the turns), a print-page copy (one paragraph per line, no blank lines), or
 * a copy that opens with a note or a broadcast line. Each non-blank line is a paragraph. Turns start with a
 * speaker label ({@link SpeakerLabels}); stage directions in parentheses ({@code (Applause.)},
 * {@code (A minute of silence.)}), elisions ({@code <…>}) and photo captions (a line the copy doubles) become
 * annotations with their character offset in the text instead of text. The lead stays at the start of the
 * text, the title and date become the speech's.
 *
 * <p>The id is keyed by the first speaker and the first paragraph of the first turn, so a whole-page copy and
 * a print copy of the same speech are the same document.
 */
public final class TranscriptParser {

    public static final String STRUCTURE = "SPEECH_TRANSCRIPT";
    public static final String ELISION = Annotation.ELISION;
    public static final String CAPTION = Annotation.CAPTION;

    private static final Pattern STAGE_DIRECTION = Pattern.compile("^\\(([^()]{1,200})\\)$");
    private static final Pattern ELIDED = Pattern.compile("^<(?:…|\\.\\.\\.)>$");

    /** The speech, and notes on what was guessed; {@code speech} null when the text holds no speaker turn. */
    public record Result(Document speech, List<String> notes) {
    }

    public Result parse(List<String> lines, String source, Instant now) {
        List<String> paragraphs = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                paragraphs.add(line.strip());
            }
        }
        int first = -1;
        Set<String> labels = new LinkedHashSet<>();
        for (int p = 0; p < paragraphs.size(); p++) {
            SpeakerLabels.Label label = label(paragraphs, p);
            if (label != null) {
                labels.add(label.label());
                if (first < 0) {
                    first = p;
                }
            }
        }
        List<String> notes = new ArrayList<>();
        if (first < 0) {
            return new Result(null, notes);
        }
        // The heading: chrome dropped, title and date taken, the rest (lead, participants) kept as text.
        String title = null;
        TranscriptHeading.Dated date = null;
        StringBuilder text = new StringBuilder();
        List<Annotation> annotations = new ArrayList<>();
        int chrome = 0;
        for (int p = 0; p < first; p++) {
            String paragraph = paragraphs.get(p);
            if (TranscriptHeading.isChrome(paragraph) || TranscriptHeading.isSeparator(paragraph)) {
                chrome++;
                continue;
            }
            TranscriptHeading.Dated dated = date == null
                    ? TranscriptHeading.date(paragraph, p + 1 < first ? paragraphs.get(p + 1) : null) : null;
            if (dated != null) {
                date = dated;
                if (dated.precision() == TimePrecision.MINUTE && p + 1 < first
                        && TranscriptHeading.isTimeAlone(paragraphs.get(p + 1))) {
                    p++;
                }
                continue;
            }
            if (title == null && !TranscriptHeading.isNoTitle(paragraph)) {
                title = paragraph;
                continue;
            }
            if (p + 1 < first && paragraph.equals(paragraphs.get(p + 1))) {
                annotations.add(new Annotation(CAPTION, paragraph, text.length(), p));
                p++;
                continue;
            }
            append(text, paragraph);
        }
        if (chrome > 0) {
            notes.add("transcript: " + chrome + " line" + (chrome == 1 ? "" : "s") + " of page chrome or separators "
                    + "above the first turn were left out");
        }
        if (date != null && date.precision() == TimePrecision.MINUTE) {
            notes.add("transcript: the time on the date line was read as Moscow time");
        }
        List<Author> speakers = new ArrayList<>();
        Author firstSpeaker = null;
        String firstParagraph = null;
        for (int p = first; p < paragraphs.size(); p++) {
            String paragraph = paragraphs.get(p);
            SpeakerLabels.Label label = label(paragraphs, p);
            if (label != null) {
                Author speaker = SpeakerLabels.author(label.label(), labels);
                String shown = SpeakerLabels.display(speaker);
                if (speakers.stream().noneMatch(s -> SpeakerLabels.display(s).equals(shown))) {
                    speakers.add(speaker);
                }
                if (firstSpeaker == null) {
                    firstSpeaker = speaker;
                }
                if (!text.isEmpty()) {
                    annotations.add(new Annotation(Annotation.SPEAKER, shown, text.length(), p));
                }
                if (label.rest() == null) {
                    continue;
                }
                paragraph = label.rest();
            }
            if (STAGE_DIRECTION.matcher(paragraph).matches()) {
                annotations.add(new Annotation(Annotation.STAGE_DIRECTION, paragraph, text.length(), p));
            } else if (ELIDED.matcher(paragraph).matches()) {
                annotations.add(new Annotation(ELISION, paragraph, text.length(), p));
            } else if (TranscriptHeading.isSeparator(paragraph)) {
                continue;
            } else if (p + 1 < paragraphs.size() && paragraph.equals(paragraphs.get(p + 1))) {
                annotations.add(new Annotation(CAPTION, paragraph, text.length(), p));
                p++;
            } else {
                append(text, paragraph);
                if (firstParagraph == null) {
                    firstParagraph = paragraph;
                }
            }
        }
        if (firstParagraph == null) {
            return new Result(null, notes);
        }
        for (Author speaker : speakers) {
            if (speaker.name() != null && speaker.role() != null && !labels.contains(speaker.name())) {
                notes.add("transcript: speaker label '" + speaker.role() + " " + speaker.name() + "' was split into role '"
                        + speaker.role() + "' and name '" + speaker.name() + "' by its last words");
            }
        }
        String externalId = "transcript:" + DocumentIds.sha256(SpeakerLabels.display(firstSpeaker) + "\n" + firstParagraph)
                .substring(0, 32);
        Document speech = Document.builder()
                .id(DocumentIds.of(source, externalId))
                .kind(DocumentKind.SPEECH)
                .source(source)
                .externalId(externalId)
                .title(title)
                .publishedAt(date == null ? null : date.instant())
                .publishedAtPrecision(date == null ? null : date.precision())
                .author(firstSpeaker)
                .speakers(speakers)
                .annotations(annotations.isEmpty() ? null : annotations)
                .text(text.toString())
                .structure(STRUCTURE)
                .ingestedAt(now)
                .schemaVersion(Document.SCHEMA_VERSION)
                .build();
        return new Result(speech, notes);
    }

    private static final Pattern BULLET = Pattern.compile("^[•·▪◦*-]\\s+\\S.*");

    /**
     * The speaker label opening paragraph {@code p}; a label alone on its line over a bulleted list is a
     * sidebar or menu heading ("Saker Message:" over "• No current Saker Message."), not a speaker.
     */
    private static SpeakerLabels.Label label(List<String> paragraphs, int p) {
        SpeakerLabels.Label label = SpeakerLabels.label(paragraphs.get(p));
        if (label != null && label.rest() == null && p + 1 < paragraphs.size()
                && BULLET.matcher(paragraphs.get(p + 1)).matches()) {
            return null;
        }
        return label;
    }

    private static void append(StringBuilder text, String paragraph) {
        if (!text.isEmpty()) {
            text.append("\n\n");
        }
        text.append(paragraph);
    }
}
