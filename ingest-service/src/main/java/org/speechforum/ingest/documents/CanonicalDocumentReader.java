package org.speechforum.ingest.documents;

import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.DocumentKind;
import tools.jackson.core.JacksonException;
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
 * assigns the deterministic id and stamps {@code ingestedAt}. Whatever a client sends in enrichment fields is
 * dropped: those belong to enrich-service.
 */
public class CanonicalDocumentReader {

    static final int MAX_TEXT_CHARS = 1_000_000;
    static final int MAX_SHORT_FIELD_CHARS = 2_000;
    /** Clocks drift; a little future is tolerated, a date days ahead is a bug in the sender. */
    static final Duration ALLOWED_CLOCK_SKEW = Duration.ofMinutes(5);

    private final Clock clock;

    public CanonicalDocumentReader(Clock clock) {
        this.clock = clock;
    }

    /** One document or a JSON array of them; a malformed body refuses the whole request. */
    public List<Document> read(byte[] body) {
        JsonNode root = parse(body);
        List<Document> documents = new ArrayList<>();
        if (root.isArray()) {
            if (root.isEmpty()) {
                throw new DocumentRefused("The array holds no documents", "/");
            }
            for (int i = 0; i < root.size(); i++) {
                documents.add(toDocument(root.get(i), "/" + i));
            }
        } else {
            documents.add(toDocument(root, ""));
        }
        return documents;
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new DocumentRefused("The request body is empty", null);
        }
        try {
            return DocumentJson.mapper().readTree(body);
        } catch (JacksonException e) {
            throw new DocumentRefused("Malformed JSON: " + e.getOriginalMessage(), null);
        }
    }

    Document toDocument(JsonNode node, String pointer) {
        if (!node.isObject()) {
            throw new DocumentRefused("A document must be a JSON object", pointer.isEmpty() ? "/" : pointer);
        }
        Document input;
        try {
            input = DocumentJson.mapper().treeToValue(node, Document.class);
        } catch (InvalidFormatException e) {
            throw new DocumentRefused("Invalid value " + e.getValue() + ": expected " + describe(e.getTargetType()),
                    pointer + fieldPath(e));
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
            throw new DocumentRefused("Missing required field 'kind' (one of SPEECH, POST, COMMENT)", at.apply("kind"));
        }
        String source = required(input.source(), "source", at);
        String text = required(input.text(), "text", at);
        limit(source, MAX_SHORT_FIELD_CHARS, "source", at);
        limit(input.externalId(), MAX_SHORT_FIELD_CHARS, "externalId", at);
        limit(input.url(), MAX_SHORT_FIELD_CHARS, "url", at);
        limit(input.title(), MAX_SHORT_FIELD_CHARS, "title", at);
        limit(input.parentId(), MAX_SHORT_FIELD_CHARS, "parentId", at);
        limit(text, MAX_TEXT_CHARS, "text", at);
        Instant now = clock.instant();
        if (input.publishedAt() != null && input.publishedAt().isAfter(now.plus(ALLOWED_CLOCK_SKEW))) {
            throw new DocumentRefused("publishedAt " + input.publishedAt() + " is in the future",
                    at.apply("publishedAt"));
        }
        boolean hasExternalId = input.externalId() != null && !input.externalId().isBlank();
        String id = hasExternalId
                ? DocumentIds.of(source, input.externalId())
                : DocumentIds.fromContent(source, input.kind(), text);
        return input.toBuilder()
                .id(id)
                .source(source.strip())
                .ingestedAt(now)
                .schemaVersion(Document.SCHEMA_VERSION)
                .contentHash(null)
                .entities(null)
                .thread(null)
                .links(null)
                .enrichedAt(null)
                .build();
    }

    private static String required(String value, String field, Function<String, String> at) {
        if (value == null || value.isBlank()) {
            throw new DocumentRefused("Missing required field '" + field + "'", at.apply(field));
        }
        return value;
    }

    private static void limit(String value, int max, String field, Function<String, String> at) {
        if (value != null && value.length() > max) {
            throw new DocumentRefused("Field '" + field + "' is longer than " + max + " characters", at.apply(field));
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
