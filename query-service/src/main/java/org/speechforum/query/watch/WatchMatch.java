package org.speechforum.query.watch;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.speechforum.contracts.DocumentIds;
import tools.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One new match, as published on {@code watches.matches.v1} (key = watch id) and sent as an event's data.
 *
 * @param matchId   the same for the same watch, document and content (its {@code contentHash}): a consumer that
 *                  sees a match id twice (a batch delivered again) can drop the second
 * @param indexedAt when the document's batch had been written to the index and was matched
 * @param author    the author's name, or the forum handle
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WatchMatch(String matchId, String watchId, String watchName, String documentId, String kind,
                         String source, String title, String author, String url, String publishedAt,
                         Instant indexedAt) {

    /** The match id of a watch, a document id and the document's content hash (or its text's). */
    public static String id(String watchId, String documentId, String contentHash) {
        return DocumentIds.sha256(watchId + "\n" + documentId + "\n" + (contentHash == null ? "" : contentHash))
                .substring(0, 32);
    }

    /** From a hit's stored fields (the summary the search shows). */
    static WatchMatch of(Watch watch, JsonNode doc, Instant indexedAt) {
        String documentId = text(doc, "id");
        JsonNode author = doc.get("author");
        String authorName = author == null ? null : text(author, "name") != null ? text(author, "name")
                : text(author, "handle");
        return new WatchMatch(id(watch.id(), documentId, text(doc, "contentHash")), watch.id(), watch.name(),
                documentId, text(doc, "kind"), text(doc, "source"), text(doc, "title"), authorName,
                text(doc, "url"), text(doc, "publishedAt"), indexedAt);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
