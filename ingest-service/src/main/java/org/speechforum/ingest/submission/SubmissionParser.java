package org.speechforum.ingest.submission;

import org.speechforum.ingest.format.PayloadFormat;

import org.speechforum.contracts.Document;
import org.speechforum.ingest.activitypub.ActivityPubMapper;
import org.speechforum.ingest.canonical.CanonicalDocumentReader;
import org.speechforum.ingest.format.DocumentRefused;
import org.speechforum.ingest.format.DocumentRefused.Reason;
import org.speechforum.ingest.submission.ParsedSubmission.Item;
import org.speechforum.ingest.uploads.TextUploadParser;
import tools.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The one code path every submission takes, whichever way it arrived (HTTP endpoint or the scraper topic):
 * decode, parse, validate, normalise into canonical documents with deterministic ids. Plain Java.
 *
 * <p>A payload that cannot be read at all (empty, not UTF-8, malformed JSON) is refused as a whole by a
 * {@link DocumentRefused}; in a batch (JSON array, NDJSON) each item is accepted or refused on its own.
 */
public class SubmissionParser {

    /** Source of uploaded text when the uploader names none. */
    public static final String DEFAULT_UPLOAD_SOURCE = "upload";

    private final CanonicalDocumentReader canonical;
    private final TextUploadParser text;
    private final ActivityPubMapper activityPub;

    public SubmissionParser(Clock clock) {
        this.canonical = new CanonicalDocumentReader(clock);
        this.text = new TextUploadParser(clock);
        this.activityPub = new ActivityPubMapper(clock);
    }

    /** {@code source} only matters for text uploads (null: {@value #DEFAULT_UPLOAD_SOURCE}). */
    public ParsedSubmission parse(PayloadFormat format, byte[] body, String source) {
        return parse(format, body, source, null);
    }

    /**
     * {@code textFormat} forces a recogniser for text uploads ({@code transcript}, {@code mlmym}, …; null:
     * detect), see {@link TextUploadParser#formats()}; other formats ignore it.
     */
    public ParsedSubmission parse(PayloadFormat format, byte[] body, String source, String textFormat) {
        if (body == null || body.length == 0) {
            throw new DocumentRefused(Reason.EMPTY_BODY, "The body is empty", null);
        }
        String decoded = utf8(body);
        if (decoded.isBlank()) {
            throw new DocumentRefused(Reason.EMPTY_BODY, "The body holds only whitespace", null);
        }
        return switch (format) {
            case CANONICAL_JSON -> canonicalJson(body);
            case NDJSON -> ndjson(decoded);
            case TEXT -> uploadedText(decoded, source, textFormat);
            case ACTIVITYPUB -> {
                ActivityPubMapper.Mapped mapped = activityPub.map(CanonicalDocumentReader.parse(body));
                yield new ParsedSubmission(format, false, List.of(Item.accepted(0, null, mapped.documents(),
                        mapped.status())));
            }
        };
    }

    private ParsedSubmission canonicalJson(byte[] body) {
        JsonNode root = CanonicalDocumentReader.parse(body);
        if (!root.isArray()) {
            Document document = canonical.toDocument(root, "");
            return new ParsedSubmission(PayloadFormat.CANONICAL_JSON, false,
                    List.of(Item.accepted(0, null, List.of(document), "accepted")));
        }
        if (root.isEmpty()) {
            throw new DocumentRefused(Reason.EMPTY_BODY, "The array holds no documents", "/");
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            try {
                items.add(Item.accepted(i, null, List.of(canonical.toDocument(root.get(i), "/" + i)), "accepted"));
            } catch (DocumentRefused refused) {
                items.add(Item.refused(i, null, refused));
            }
        }
        return new ParsedSubmission(PayloadFormat.CANONICAL_JSON, true, items);
    }

    private ParsedSubmission ndjson(String body) {
        String[] lines = body.split("\n", -1);
        List<Item> items = new ArrayList<>();
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            int index = items.size();
            try {
                JsonNode node = CanonicalDocumentReader.parse(line.getBytes(StandardCharsets.UTF_8));
                items.add(Item.accepted(index, n + 1, List.of(canonical.toDocument(node, "")), "accepted"));
            } catch (DocumentRefused refused) {
                items.add(Item.refused(index, n + 1, refused.atLine(n + 1)));
            }
        }
        return new ParsedSubmission(PayloadFormat.NDJSON, true, items);
    }

    private ParsedSubmission uploadedText(String body, String source, String textFormat) {
        String name = source == null || source.isBlank() ? DEFAULT_UPLOAD_SOURCE : source.strip();
        if (name.length() > CanonicalDocumentReader.MAX_SHORT_FIELD_CHARS) {
            throw new DocumentRefused(Reason.FIELD_TOO_LONG, "source is longer than "
                    + CanonicalDocumentReader.MAX_SHORT_FIELD_CHARS + " characters", "source");
        }
        String forced = textFormat == null || textFormat.isBlank() ? null : textFormat.strip();
        TextUploadParser.Upload upload = text.read(body, name, forced);
        List<Document> documents = upload.documents();
        for (Document d : documents) {
            if (d.text().length() > CanonicalDocumentReader.MAX_TEXT_CHARS) {
                throw new DocumentRefused(Reason.FIELD_TOO_LONG, "A document of the upload is longer than "
                        + CanonicalDocumentReader.MAX_TEXT_CHARS + " characters", "text");
            }
        }
        return new ParsedSubmission(PayloadFormat.TEXT, false, List.of(Item.accepted(0, null, documents, "accepted")),
                upload);
    }

    /** Strict UTF-8: a malformed byte refuses the payload, naming the line and byte offset. */
    static String utf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (body[i] == '\n') {
                    line++;
                }
            }
            throw new DocumentRefused(Reason.INVALID_ENCODING, "The body is not valid UTF-8 (byte offset " + offset
                    + ", line " + line + ")", null, line);
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }
}
