package org.speechforum.ingest.activitypub;

import org.speechforum.contracts.Author;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.TimePrecision;
import org.speechforum.ingest.canonical.CanonicalDocumentReader;
import org.speechforum.ingest.format.DocumentRefused;
import org.speechforum.ingest.format.DocumentRefused.Reason;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * ActivityStreams 2.0 as fediverse servers publish it → canonical documents. Objects Note, Page, Article and
 * Question become documents; Create and Update carry one (Update replaces it: same id); Delete, and a bare
 * Tombstone, become a tombstone ({@code deleted = true}) that removes the document downstream; Announce is
 * unwrapped. Everything else is refused with the reason why it carries no document. Create, Update, Delete, Undo
 * and Announce are taken only from the object's origin ({@link OriginRules}).
 *
 * <p>The document id is {@code DocumentIds.of(host of the object id, object id)}, so a scraper sending the
 * same object as canonical JSON with {@code source} = that host and {@code externalId} = the object id gets
 * the same document, and {@code inReplyTo} maps to the parent's id the same way.
 */
public class ActivityPubMapper {

    public static final String STRUCTURE = "ACTIVITYPUB";
    private static final Set<String> DOCUMENT_TYPES = Set.of("Note", "Page", "Article", "Question");
    private static final Set<String> ACTOR_TYPES = Set.of("Person", "Group", "Service", "Application",
            "Organization");
    private static final Set<String> PUBLIC = Set.of("https://www.w3.org/ns/activitystreams#Public",
            "as:Public", "Public");
    private static final int MAX_ANNOUNCE_DEPTH = 3;
    /** Activities that act on something (votes, follows, moderation) and carry no document themselves. */
    private static final Set<String> ACTIVITY_TYPES = Set.of("Accept", "Add", "Arrive", "Block", "Dislike", "Flag",
            "Follow", "Ignore", "Invite", "Join", "Leave", "Like", "Listen", "Move", "Offer", "Reject", "Read",
            "Remove", "TentativeReject", "TentativeAccept", "Travel", "View", "EmojiReact",
            "Lock", "Resolve", "Warn");

    /** What an ActivityPub payload became: its documents and whether they are new, replaced or deleted. */
    public record Mapped(List<Document> documents, String status) {
    }

    private final Clock clock;

    public ActivityPubMapper(Clock clock) {
        this.clock = clock;
    }

    public Mapped map(JsonNode node) {
        return map(node, 0);
    }

    private Mapped map(JsonNode node, int depth) {
        if (!node.isObject()) {
            throw refused("An ActivityPub payload must be a JSON object", "/");
        }
        String type = type(node);
        if (type == null) {
            throw new DocumentRefused(Reason.MISSING_FIELD, "Missing required field 'type'", "/type");
        }
        return switch (type) {
            case "Note", "Page", "Article", "Question" -> new Mapped(List.of(document(node, node, "")), "accepted");
            case "Create", "Update" -> {
                JsonNode object = node.get("object");
                if (object == null || object.isNull()) {
                    throw new DocumentRefused(Reason.MISSING_FIELD, type + " without an object", "/object");
                }
                if (!object.isObject()) {
                    throw refused(type + " names its object only by URL; send the object itself", "/object");
                }
                String objectType = type(object);
                if (objectType == null || !DOCUMENT_TYPES.contains(objectType)) {
                    throw refused(type + " of " + describe(objectType) + " carries no document", "/object/type");
                }
                OriginRules.checkChange(type, node, object, "");
                yield new Mapped(List.of(document(object, node, "/object")),
                        type.equals("Update") ? "updated" : "accepted");
            }
            case "Delete" -> new Mapped(List.of(tombstone(node)), "deleted");
            case "Tombstone" -> new Mapped(List.of(tombstoneOf(text(node, "id"), text(node, "formerType"), "/id")),
                    "deleted");
            case "Announce" -> {
                JsonNode object = node.get("object");
                if (object == null || !object.isObject()) {
                    throw refused("Announce names its object only by URL; send the object itself", "/object");
                }
                if (depth >= MAX_ANNOUNCE_DEPTH) {
                    throw refused("Announce nested more than " + MAX_ANNOUNCE_DEPTH + " levels", "/object");
                }
                if (!object.has("actor")) {
                    OriginRules.checkAnnouncedObject(node, object);
                }
                yield map(object, depth + 1);
            }
            case "ChatMessage" -> throw refused("ChatMessage objects are private chats and are not ingested", "/type");
            case "OrderedCollection", "Collection", "OrderedCollectionPage", "CollectionPage" ->
                    throw refused(type + ": send the items one by one", "/type");
            case "Undo" -> {
                OriginRules.checkUndo(node);
                throw refused("Undo activities carry no document", "/type");
            }
            default -> {
                if (ACTOR_TYPES.contains(type)) {
                    throw refused(type + " objects are actors, not documents", "/type");
                }
                if (ACTIVITY_TYPES.contains(type) || node.has("actor") && node.has("object")) {
                    throw refused(type + " activities carry no document", "/type");
                }
                throw refused("Unsupported ActivityPub object type " + type
                        + " (supported: Note, Page, Article, Question)", "/type");
            }
        };
    }

    private Document document(JsonNode object, JsonNode activity, String pointer) {
        String id = text(object, "id");
        if (id == null || id.isBlank()) {
            throw new DocumentRefused(Reason.MISSING_FIELD, "The object has no id", pointer + "/id");
        }
        limit(id, pointer + "/id");
        if (!isPublic(object, activity)) {
            throw refused("Direct (non-public) messages are not ingested", pointer + "/to");
        }
        String type = type(object);
        JsonNode inReplyTo = object.get("inReplyTo");
        String replyTo = inReplyTo == null ? null : firstId(inReplyTo);
        String source = host(id, pointer + "/id");
        Instant published = instant(object, "published", pointer);
        Instant updated = instant(object, "updated", pointer);
        String text = content(object);
        String title = text(object, "name");
        if (title == null) {
            title = text(object, "summary") != null && type.equals("Article") ? text(object, "summary") : null;
        }
        if (text.isBlank()) {
            text = title != null ? title : url(object);
        }
        if (text == null || text.isBlank()) {
            throw new DocumentRefused(Reason.NO_CONTENT, "The " + type + " has no content, name or url",
                    pointer + "/content");
        }
        limit(title, pointer + "/name");
        if (text.length() > CanonicalDocumentReader.MAX_TEXT_CHARS) {
            throw new DocumentRefused(Reason.FIELD_TOO_LONG, "content is longer than "
                    + CanonicalDocumentReader.MAX_TEXT_CHARS + " characters", pointer + "/content");
        }
        DocumentKind kind = type.equals("Note") && replyTo != null ? DocumentKind.COMMENT : DocumentKind.POST;
        String context = text(object, "context");
        if (context == null) {
            context = text(object, "conversation");
        }
        JsonNode sensitive = object.get("sensitive");
        return Document.builder()
                .id(DocumentIds.of(source, id))
                .kind(kind)
                .source(source)
                .externalId(id)
                .url(url(object))
                .title(title)
                .author(author(object.get("attributedTo") != null ? object.get("attributedTo")
                        : activity.get("actor")))
                .publishedAt(published)
                .publishedAtPrecision(published == null ? null : TimePrecision.EXACT)
                .updatedAt(updated)
                .language(language(object))
                .text(text)
                .parentId(replyTo == null ? null : DocumentIds.of(host(replyTo, pointer + "/inReplyTo"), replyTo))
                .context(context)
                .audience(firstId(object.get("audience")))
                .tags(tags(object))
                .sensitive(sensitive != null && sensitive.isBoolean() ? sensitive.booleanValue() : null)
                .structure(STRUCTURE)
                .ingestedAt(clock.instant())
                .schemaVersion(Document.SCHEMA_VERSION)
                .build();
    }

    private Document tombstone(JsonNode delete) {
        JsonNode object = delete.get("object");
        if (object == null || object.isNull()) {
            throw new DocumentRefused(Reason.MISSING_FIELD, "Delete without an object", "/object");
        }
        String objectId = firstId(object);
        String actor = firstId(delete.get("actor"));
        if (objectId != null && objectId.equals(actor)) {
            throw refused("Delete of an actor (account deletion) carries no document", "/object");
        }
        if (object.isObject() && ACTOR_TYPES.contains(String.valueOf(type(object)))) {
            throw refused("Delete of an actor (account deletion) carries no document", "/object");
        }
        OriginRules.checkDelete(delete, object);
        String formerType = object.isObject() ? text(object, "formerType") : null;
        if (formerType == null && object.isObject() && DOCUMENT_TYPES.contains(String.valueOf(type(object)))) {
            formerType = type(object);
        }
        return tombstoneOf(objectId, formerType, "/object");
    }

    private Document tombstoneOf(String objectId, String formerType, String pointer) {
        if (objectId == null || objectId.isBlank()) {
            throw new DocumentRefused(Reason.MISSING_FIELD, "The deleted object has no id", pointer);
        }
        limit(objectId, pointer);
        String source = host(objectId, pointer);
        return Document.builder()
                .id(DocumentIds.of(source, objectId))
                // A Delete rarely says what it deleted; the kind of a tombstone is a best guess.
                .kind("Note".equals(formerType) ? DocumentKind.COMMENT : DocumentKind.POST)
                .source(source)
                .externalId(objectId)
                .text("")
                .deleted(true)
                .structure(STRUCTURE)
                .ingestedAt(clock.instant())
                .schemaVersion(Document.SCHEMA_VERSION)
                .build();
    }

    private static String content(JsonNode object) {
        String html = text(object, "content");
        if (html == null && object.path("contentMap").isObject()) {
            var values = object.get("contentMap").values().iterator();
            html = values.hasNext() ? values.next().asString() : null;
        }
        String mediaType = text(object, "mediaType");
        if (html != null && mediaType != null && mediaType.equals("text/markdown")) {
            return HtmlText.fromMarkdown(html);
        }
        if (html != null && !html.isBlank()) {
            return HtmlText.fromHtml(html);
        }
        JsonNode source = object.get("source");
        if (source != null && source.isObject() && text(source, "content") != null) {
            String sourceType = text(source, "mediaType");
            return sourceType == null || sourceType.equals("text/markdown")
                    ? HtmlText.fromMarkdown(text(source, "content"))
                    : HtmlText.fromHtml(text(source, "content"));
        }
        return "";
    }

    private static boolean isPublic(JsonNode object, JsonNode activity) {
        boolean addressed = false;
        for (JsonNode holder : List.of(object, activity)) {
            for (String field : List.of("to", "cc", "audience")) {
                JsonNode value = holder.get(field);
                if (value == null || value.isNull()) {
                    continue;
                }
                addressed = true;
                for (JsonNode item : value.isArray() ? value : List.of(value)) {
                    String address = item.isString() ? item.asString() : firstId(item);
                    if (address != null && PUBLIC.contains(address)) {
                        return true;
                    }
                }
            }
            if (holder == activity && object == activity) {
                break;
            }
        }
        // An object that names no audience at all (Discourse, some WordPress) is taken as public;
        // Lemmy and Mastodon address everything public to the Public collection or to a community.
        return !addressed || addressedToGroup(object);
    }

    /** Lemmy addresses posts and comments to the community (a Group) instead of Public. */
    private static boolean addressedToGroup(JsonNode object) {
        return object.hasNonNull("audience") || object.path("to").toString().contains("/c/");
    }

    private static Author author(JsonNode attributedTo) {
        if (attributedTo == null || attributedTo.isNull()) {
            return null;
        }
        if (attributedTo.isArray()) {
            for (JsonNode item : attributedTo) {
                if (!item.isObject() || "Person".equals(type(item))) {
                    return author(item);
                }
            }
            return attributedTo.isEmpty() ? null : author(attributedTo.get(0));
        }
        String url = firstId(attributedTo);
        if (url == null) {
            return null;
        }
        String name = attributedTo.isObject() ? text(attributedTo, "name") : null;
        try {
            URI uri = URI.create(url);
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
            String handle = path.substring(path.lastIndexOf('/') + 1).replaceFirst("^@", "");
            if (attributedTo.isObject() && text(attributedTo, "preferredUsername") != null) {
                handle = text(attributedTo, "preferredUsername");
            }
            return new Author(name, handle.isEmpty() ? null : handle,
                    uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT), null, url);
        } catch (IllegalArgumentException e) {
            return new Author(name, null, null, null, url);
        }
    }

    private static String language(JsonNode object) {
        JsonNode language = object.get("language");
        if (language != null && language.isObject() && text(language, "identifier") != null) {
            return text(language, "identifier");
        }
        if (language != null && language.isString()) {
            return language.asString();
        }
        JsonNode contentMap = object.get("contentMap");
        if (contentMap != null && contentMap.isObject() && contentMap.size() >= 1) {
            return contentMap.propertyNames().iterator().next();
        }
        return null;
    }

    private static List<String> tags(JsonNode object) {
        JsonNode tag = object.get("tag");
        if (tag == null || tag.isNull()) {
            return null;
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode item : tag.isArray() ? tag : List.of(tag)) {
            if (item.isObject() && "Hashtag".equals(type(item)) && text(item, "name") != null) {
                String name = text(item, "name").replaceFirst("^#", "");
                if (!name.isBlank() && !tags.contains(name)) {
                    tags.add(name);
                }
            }
        }
        return tags.isEmpty() ? null : tags;
    }

    private static String url(JsonNode object) {
        JsonNode url = object.get("url");
        if (url == null || url.isNull()) {
            return text(object, "id");
        }
        if (url.isArray()) {
            for (JsonNode item : url) {
                String href = item.isString() ? item.asString() : text(item, "href");
                if (href != null && (!item.isObject() || text(item, "mediaType") == null
                        || "text/html".equals(text(item, "mediaType")))) {
                    return href;
                }
            }
            return text(object, "id");
        }
        return url.isString() ? url.asString() : text(url, "href");
    }

    private Instant instant(JsonNode object, String field, String pointer) {
        String value = text(object, field);
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new DocumentRefused(Reason.INVALID_DATE, "Invalid value " + value + " for " + field
                    + ": expected an ISO-8601 date-time", pointer + "/" + field);
        }
        if (instant.isAfter(clock.instant().plus(CanonicalDocumentReader.ALLOWED_CLOCK_SKEW))) {
            throw new DocumentRefused(Reason.FUTURE_DATE, field + " " + value + " is in the future",
                    pointer + "/" + field);
        }
        return instant;
    }

    private static String host(String id, String pointer) {
        try {
            String host = URI.create(id).getHost();
            if (host != null) {
                return host.toLowerCase(Locale.ROOT);
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to the refusal
        }
        throw new DocumentRefused(Reason.INVALID_DOCUMENT, "Not an absolute URL: " + abbreviate(id), pointer);
    }

    private static void limit(String value, String pointer) {
        if (value != null && value.length() > CanonicalDocumentReader.MAX_SHORT_FIELD_CHARS) {
            throw new DocumentRefused(Reason.FIELD_TOO_LONG, "Field is longer than "
                    + CanonicalDocumentReader.MAX_SHORT_FIELD_CHARS + " characters", pointer);
        }
    }

    static String type(JsonNode node) {
        JsonNode type = node.get("type");
        if (type == null) {
            return null;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (t.isString()) {
                    return t.asString().replaceFirst("^as:", "");
                }
            }
            return null;
        }
        return type.isString() ? type.asString().replaceFirst("^as:", "") : null;
    }

    static String firstId(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isArray()) {
            return node.isEmpty() ? null : firstId(node.get(0));
        }
        if (node.isObject()) {
            String id = text(node, "id");
            return id != null ? id : text(node, "href");
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static String describe(String type) {
        return type == null ? "an object without type" : type;
    }

    private static String abbreviate(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }

    private static DocumentRefused refused(String message, String field) {
        return new DocumentRefused(Reason.UNSUPPORTED_ACTIVITYPUB, message, field);
    }
}
