package org.speechforum.query.export;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of a CSV export, in order; the header line carries these names. A value the document does not have is
 * an empty cell. Lists ({@code entityIds}, {@code entityNames}) are joined with {@code ;}. Documented in
 * docs/export.md and in the OpenAPI description of {@code GET /api/v1/export}.
 */
enum CsvColumns {

    ID("id", "document id (hex), as in GET /api/v1/documents/{id}", d -> text(d, "id")),
    KIND("kind", "SPEECH, POST or COMMENT", d -> text(d, "kind")),
    SOURCE("source", "where it was captured, e.g. kremlin.ru", d -> text(d, "source")),
    EXTERNAL_ID("externalId", "the source's own id", d -> text(d, "externalId")),
    URL("url", "the original address", d -> text(d, "url")),
    TITLE("title", "title (speeches, posts)", d -> text(d, "title")),
    AUTHOR_NAME("authorName", "author's name", d -> text(d.path("author"), "name")),
    AUTHOR_HANDLE("authorHandle", "forum handle", d -> text(d.path("author"), "handle")),
    AUTHOR_INSTANCE("authorInstance", "forum instance of the handle", d -> text(d.path("author"), "instance")),
    PUBLISHED_AT("publishedAt", "ISO-8601 instant", d -> text(d, "publishedAt")),
    PUBLISHED_AT_PRECISION("publishedAtPrecision",
            "how exact publishedAt is: EXACT, MINUTE, HOUR, DAY, MONTH or YEAR (MONTH and YEAR are approximate, "
                    + "e.g. \"1 year ago\")", d -> text(d, "publishedAtPrecision")),
    LANGUAGE("language", "language code, when known", d -> text(d, "language")),
    PARENT_ID("parentId", "id of the document it replies to", d -> text(d, "parentId")),
    THREAD_ROOT_ID("threadRootId", "id of its thread's root", d -> text(d.path("thread"), "rootId")),
    THREAD_DEPTH("threadDepth", "depth in the thread, 0 for the root", d -> text(d.path("thread"), "depth")),
    REPLY_COUNT("replyCount", "replies below it (thread roots)", d -> text(d.path("thread"), "replyCount")),
    UPVOTES("upvotes", "forum score up", d -> text(d, "upvotes")),
    DOWNVOTES("downvotes", "forum score down", d -> text(d, "downvotes")),
    ENTITY_IDS("entityIds", "canonical ids of the entities mentioned, ;-separated", d -> joined(d, "id")),
    ENTITY_NAMES("entityNames", "their names in the same order, ;-separated", d -> joined(d, "name")),
    TEXT("text", "the full text (line breaks kept, inside quotes)", d -> text(d, "text"));

    private final String header;
    private final String description;
    private final Function<JsonNode, String> value;

    CsvColumns(String header, String description, Function<JsonNode, String> value) {
        this.header = header;
        this.description = description;
        this.value = value;
    }

    String header() {
        return header;
    }

    String description() {
        return description;
    }

    /** One row: a value per column, empty where the document has none. */
    static List<String> row(ObjectNode document) {
        List<String> row = new ArrayList<>(values().length);
        for (CsvColumns column : values()) {
            String v = column.value.apply(document);
            row.add(v == null ? "" : v);
        }
        return row;
    }

    /** "name: description" per column, one a line, for the API description. */
    static String describe() {
        StringBuilder text = new StringBuilder();
        for (CsvColumns column : values()) {
            text.append("- `").append(column.header).append("`: ").append(column.description).append('\n');
        }
        return text.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asString();
    }

    private static String joined(JsonNode document, String field) {
        JsonNode entities = document.path("entities");
        if (!entities.isArray() || entities.isEmpty()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode entity : entities) {
            String v = text(entity, field);
            values.add(v == null ? "" : v.replace(';', ','));
        }
        return String.join(";", values);
    }
}
