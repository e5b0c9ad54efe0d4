package org.speechforum.ingest.canonical;

import org.speechforum.ingest.format.DocumentRefused;

import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.ingest.format.DocumentRefused.Reason;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** Fields a client may send but the pipeline owns; see {@link #withoutPipelineFields}. */
    private static final List<String> PIPELINE_FIELDS = List.of("contentHash", "entities", "thread", "links",
            "enrichedAt", "deleted", "languageConfidence", "tagging", "taggerVersion");
    private static final List<String> DATE_FIELDS = List.of("publishedAt", "updatedAt");
    private static final Pattern QUOTED = Pattern.compile("[\"'`]([^\"'`]{1,80})[\"'`]");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9 _.:+\\-]{1,40}");

    private final Clock clock;

    public CanonicalDocumentReader(Clock clock) {
        this.clock = clock;
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

    /**
     * A JSON parsing failure as a refusal: malformed, duplicate key, too deep or not UTF-8, with the line and
     * column where known. The message is ours: Jackson's own text (class names, feature flags) never reaches
     * the client.
     */
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
            return new DocumentRefused(Reason.FIELD_TOO_LONG, "A JSON value (a string, a number or a key) is "
                    + "longer than the parser takes" + where, null, line);
        }
        if (message.startsWith("Duplicate")) {
            Matcher name = QUOTED.matcher(message);
            return new DocumentRefused(Reason.DUPLICATE_KEY, (name.find() && SAFE.matcher(name.group(1)).matches()
                    ? "The key '" + name.group(1) + "' appears" : "A key appears")
                    + " twice in the same object" + where, null, line);
        }
        if (message.contains("Invalid UTF-8")) {
            return new DocumentRefused(Reason.INVALID_ENCODING, "The body is not valid UTF-8" + where, null, line);
        }
        return new DocumentRefused(Reason.MALFORMED_JSON, "Malformed JSON" + where + ": " + hint(message), null,
                line);
    }

    /** What a JSON syntax error means, in words. */
    private static String hint(String message) {
        String m = message.toLowerCase();
        if (m.contains("end-of-input") || m.contains("unexpected end")) {
            return "the JSON ends before it is complete";
        }
        if (m.contains("unrecognized token") || m.contains("unquoted")) {
            return "a word that is not a JSON value (strings need double quotes)";
        }
        if (m.contains("control character") || m.contains("illegal character")) {
            return "a control character inside a string (escape it)";
        }
        if (m.contains("numeric") || m.contains("leading zero") || m.contains("number")) {
            return "an invalid number";
        }
        if (m.contains("trailing")) {
            return "more after the JSON value has ended";
        }
        return "a character that is not allowed there";
    }

    public Document toDocument(JsonNode node, String pointer) {
        if (!node.isObject()) {
            throw new DocumentRefused("A document must be a JSON object", pointer.isEmpty() ? "/" : pointer);
        }
        for (String field : DATE_FIELDS) {
            // Jackson would read a number as epoch seconds; the contract says ISO-8601 text.
            if (node.hasNonNull(field) && !node.get(field).isString()) {
                throw new DocumentRefused(Reason.INVALID_DATE, "Invalid value for " + field + ": expected "
                        + describe(Instant.class), pointer + "/" + field);
            }
        }
        Document input;
        try {
            input = DocumentJson.mapper().treeToValue(withoutPipelineFields(node), Document.class);
        } catch (InvalidFormatException e) {
            Reason reason = e.getTargetType() == DocumentKind.class ? Reason.UNKNOWN_KIND
                    : e.getTargetType() == Instant.class ? Reason.INVALID_DATE : Reason.INVALID_DOCUMENT;
            throw new DocumentRefused(reason, "Invalid value" + quote(e.getValue()) + ": expected "
                    + describe(e.getTargetType()), pointer + fieldPath(e));
        } catch (MismatchedInputException e) {
            throw new DocumentRefused("Wrong type of value: expected " + describe(e.getTargetType()),
                    pointer + fieldPath(e));
        } catch (JacksonException e) {
            throw new DocumentRefused("The document cannot be read as a canonical document", pointer);
        }
        return validate(input, pointer);
    }

    /**
     * Enrichment fields and {@code deleted} belong to the pipeline and are dropped unread, so whatever shape a
     * client gives them never refuses a document.
     */
    private static JsonNode withoutPipelineFields(JsonNode node) {
        if (PIPELINE_FIELDS.stream().noneMatch(node::has)) {
            return node;
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        PIPELINE_FIELDS.forEach(copy::remove);
        return copy;
    }

    /** A value from the input in a message only when it is short and plain (an enum name, a date). */
    private static String quote(Object value) {
        String text = String.valueOf(value);
        return value != null && SAFE.matcher(text).matches() ? " '" + text + "'" : "";
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
        if (type == null) {
            return "another type of value";
        }
        if (type == DocumentKind.class) {
            return "one of SPEECH, POST, COMMENT";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2024-01-01T00:00:00Z";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(java.util.stream.Collectors.joining(", "));
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
