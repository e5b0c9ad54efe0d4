package org.speechforum.ingest.documents;

import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.ingest.documents.DocumentRefused.Reason;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns our canonical JSON into validated documents ready to publish: checks required fields and limits,
 * assigns the deterministic id, settles {@code parentId} (from {@code parentSource} + {@code parentExternalId} when
 * the sender did not know the parent's document id, see {@link DocumentIds#parentOf}) and stamps {@code ingestedAt}. Whatever a client sends in enrichment fields is
 * dropped: those belong to enrich-service.
 */
public class CanonicalDocumentReader {

    public static final int MAX_TEXT_CHARS = 1_000_000;
    public static final int MAX_SHORT_FIELD_CHARS = 2_000;
    /** Clocks drift; a little future is tolerated, a date days ahead is a bug in the sender. */
    public static final Duration ALLOWED_CLOCK_SKEW = Duration.ofMinutes(5);

    private final Clock clock;

    public CanonicalDocumentReader(Clock clock) {
        this.clock = clock;
    }

    /** One document or a JSON array of them; any invalid item refuses the whole request. */
    public List<Document> read(byte[] body) {
        JsonNode root = parse(body);
        List<Document> documents = new ArrayList<>();
        if (root.isArray()) {
            if (root.isEmpty()) {
                throw new DocumentRefused(Reason.EMPTY_BODY, "The array holds no documents", "/");
            }
            for (int i = 0; i < root.size(); i++) {
                documents.add(toDocument(root.get(i), "/" + i));
            }
        } else {
            documents.add(toDocument(root, ""));
        }
        return documents;
    }

    /** Parses JSON with the shared limits (duplicate keys, nesting depth), refusing with a precise reason. */
    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new DocumentRefused(Reason.EMPTY_BODY, "The request body is empty", null);
        }
        try {
            JsonNode node = DocumentJson.mapper().readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new DocumentRefused(Reason.EMPTY_BODY, "The body holds no JSON value", null);
            }
            return node;
        } catch (JacksonException e) {
            throw refusal(e);
        }
    }

    /** A JSON parsing failure as a refusal: malformed, duplicate key or too deep, with the line where known. */
    public static DocumentRefused refusal(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        Integer line = location != null && location.getLineNr() > 0 ? location.getLineNr() : null;
        String where = location != null && location.getLineNr() > 0
                ? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "";
        String message = String.valueOf(e.getOriginalMessage());
        if (e instanceof StreamConstraintsException) {
            if (message.toLowerCase().contains("nesting depth")) {
                return new DocumentRefused(Reason.TOO_DEEPLY_NESTED, "JSON nested deeper than "
                        + DocumentJson.MAX_NESTING_DEPTH + " levels" + where, null, line);
            }
            return new DocumentRefused(Reason.FIELD_TOO_LONG, "JSON value over the parser's limits: " + message
                    + where, null, line);
        }
        if (message.startsWith("Duplicate")) {
            return new DocumentRefused(Reason.DUPLICATE_KEY, message + where, null, line);
        }
        if (message.contains("Invalid UTF-8")) {
            return new DocumentRefused(Reason.INVALID_ENCODING, message + where, null, line);
        }
        return new DocumentRefused(Reason.MALFORMED_JSON, "Malformed JSON: " + message + where, null, line);
    }

    public Document toDocument(JsonNode node, String pointer) {
        if (!node.isObject()) {
            throw new DocumentRefused("A document must be a JSON object", pointer.isEmpty() ? "/" : pointer);
        }
        Document input;
        try {
            input = DocumentJson.mapper().treeToValue(node, Document.class);
        } catch (InvalidFormatException e) {
            Reason reason = e.getTargetType() == DocumentKind.class ? Reason.UNKNOWN_KIND
                    : e.getTargetType() == Instant.class ? Reason.INVALID_DATE : Reason.INVALID_DOCUMENT;
            throw new DocumentRefused(reason, "Invalid value " + e.getValue() + ": expected "
                    + describe(e.getTargetType()), pointer + fieldPath(e));
        } catch (MismatchedInputException e) {
            throw new DocumentRefused("Wrong type of value: " + e.getOriginalMessage(), pointer + fieldPath(e));
        } catch (JacksonException e) {
            throw new DocumentRefused("Invalid document: " + e.getOriginalMessage(), pointer);
        }
        return validate(input, pointer);
    }

    private Document validate(Document input, String pointer) {
        Function<String, String> at = field -> pointer + "/" + field;
        if (input.kind() == null) {
            throw new DocumentRefused(Reason.MISSING_FIELD,
                    "Missing required field 'kind' (one of SPEECH, POST, COMMENT)", at.apply("kind"));
        }
        String source = required(input.source(), "source", at);
        String text = required(input.text(), "text", at);
        limit(source, MAX_SHORT_FIELD_CHARS, "source", at);
        limit(input.externalId(), MAX_SHORT_FIELD_CHARS, "externalId", at);
        limit(input.url(), MAX_SHORT_FIELD_CHARS, "url", at);
        limit(input.title(), MAX_SHORT_FIELD_CHARS, "title", at);
        limit(input.parentId(), MAX_SHORT_FIELD_CHARS, "parentId", at);
        limit(input.parentSource(), MAX_SHORT_FIELD_CHARS, "parentSource", at);
        limit(input.parentExternalId(), MAX_SHORT_FIELD_CHARS, "parentExternalId", at);
        limit(input.language(), MAX_SHORT_FIELD_CHARS, "language", at);
        limit(input.context(), MAX_SHORT_FIELD_CHARS, "context", at);
        limit(text, MAX_TEXT_CHARS, "text", at);
        Instant now = clock.instant();
        notInFuture(input.publishedAt(), now, "publishedAt", at);
        notInFuture(input.updatedAt(), now, "updatedAt", at);
        boolean hasExternalId = input.externalId() != null && !input.externalId().isBlank();
        String id = hasExternalId
                ? DocumentIds.of(source, input.externalId())
                : DocumentIds.fromContent(source, input.kind(), text);
        return input.toBuilder()
                .id(id)
                .source(source.strip())
                // Parent identity is settled here, at the door, so every later stage reads parentId alone.
                .parentId(DocumentIds.parentOf(input.toBuilder().source(source.strip()).build()))
                .ingestedAt(now)
                .schemaVersion(Document.SCHEMA_VERSION)
                .contentHash(null)
                .entities(null)
                .thread(null)
                .links(null)
                .enrichedAt(null)
                // A tombstone comes from an ActivityPub Delete, never from a client's canonical JSON.
                .deleted(null)
                .build();
    }

    private static void notInFuture(Instant value, Instant now, String field, Function<String, String> at) {
        if (value != null && value.isAfter(now.plus(ALLOWED_CLOCK_SKEW))) {
            throw new DocumentRefused(Reason.FUTURE_DATE, field + " " + value + " is in the future", at.apply(field));
        }
    }

    private static String required(String value, String field, Function<String, String> at) {
        if (value == null || value.isBlank()) {
            throw new DocumentRefused(Reason.MISSING_FIELD, "Missing required field '" + field + "'", at.apply(field));
        }
        return value;
    }

    private static void limit(String value, int max, String field, Function<String, String> at) {
        if (value != null && value.length() > max) {
            throw new DocumentRefused(Reason.FIELD_TOO_LONG,
                    "Field '" + field + "' is longer than " + max + " characters", at.apply(field));
        }
    }

    private static String fieldPath(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            path.append('/').append(reference.getPropertyName() != null
                    ? reference.getPropertyName() : String.valueOf(reference.getIndex()));
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == DocumentKind.class) {
            return "one of SPEECH, POST, COMMENT";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2024-01-01T00:00:00Z";
        }
        return type.getSimpleName();
    }
}
