package org.speechforum.ingest.activitypub;

import org.speechforum.ingest.format.DocumentRefused;
import org.speechforum.ingest.format.DocumentRefused.Reason;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who may create, change, delete or undo what, as fediverse servers decide it for activities they receive: an
 * activity about an object is taken only from the object's own origin. The actor's host must equal the host of
 * the object's id, and when the object names its author ({@code attributedTo}) the actor must be that author or
 * the server actor of the same host (the instance itself, e.g. a moderator's removal published by Lemmy's site
 * actor). A Delete from {@code evil.example} of a note on {@code mastodon.social} is refused, so is an Update by
 * another user of the same host.
 *
 * <ul>
 *   <li>Create, Update: the embedded object's origin as above.</li>
 *   <li>Delete: the deleted object's id (embedded or a URL) as above; an embedded object's author as above.</li>
 *   <li>Undo: only the actor of the undone activity (or its host's server actor) may undo it.</li>
 *   <li>Announce: anyone may share anything, but an Announce cannot vouch for content it did not publish: an
 *       embedded activity is checked on its own rules, an embedded bare object must come from the announcer's
 *       host.</li>
 * </ul>
 *
 * <p>What these rules cannot see: an activity whose actor and object are both forged consistently. Checking that
 * needs the origin's HTTP signature, which the inbox a scraper runs verifies before passing the activity on; the
 * API key says which client did.
 */
final class OriginRules {

    /**
     * Paths at which servers publish their instance (server) actor: Lemmy's site actor at {@code /}, Mastodon's
     * {@code /actor}, Pleroma and Akkoma's {@code /internal/fetch}, PeerTube's {@code /accounts/peertube},
     * Misskey's {@code /actor}, Friendica's {@code /friendica}.
     */
    private static final Set<String> SERVER_ACTOR_PATHS = Set.of("", "/", "/actor", "/internal/fetch",
            "/accounts/peertube", "/friendica", "/i/actor", "/instance/actor");

    private OriginRules() {
    }

    /** Create or Update of an embedded object: the actor must be the object's origin. */
    static void checkChange(String type, JsonNode activity, JsonNode object, String pointer) {
        String actor = actor(type, activity, pointer);
        String objectId = ActivityPubMapper.firstId(object);
        if (objectId == null) {
            return; // the mapper refuses an object without id with its own reason
        }
        sameHost(type, actor, objectId, pointer + "/object/id");
        author(type, actor, object.get("attributedTo"), pointer + "/object/attributedTo");
    }

    /** Delete of an object given by URL or embedded (often as a Tombstone without author). */
    static void checkDelete(JsonNode delete, JsonNode object) {
        String actor = actor("Delete", delete, "");
        String objectId = ActivityPubMapper.firstId(object);
        if (objectId == null) {
            return;
        }
        sameHost("Delete", actor, objectId, "/object");
        if (object.isObject()) {
            author("Delete", actor, object.get("attributedTo"), "/object/attributedTo");
        }
    }

    /** Undo: only who did an activity (or its server) may undo it. */
    static void checkUndo(JsonNode undo) {
        String actor = actor("Undo", undo, "");
        JsonNode object = undo.get("object");
        String undoneId = ActivityPubMapper.firstId(object);
        if (object != null && object.isObject() && object.hasNonNull("actor")) {
            String undoneActor = ActivityPubMapper.firstId(object.get("actor"));
            if (undoneActor != null && !undoneActor.equals(actor) && !isServerActorOf(actor, undoneActor)) {
                throw forbidden("Undo by " + abbreviate(actor) + " of an activity by " + abbreviate(undoneActor)
                        + ": only who did an activity may undo it", "/actor");
            }
        } else if (undoneId != null) {
            sameHost("Undo", actor, undoneId, "/object");
        }
    }

    /** Announce of an embedded bare object (not an activity): the object must come from the announcer's host. */
    static void checkAnnouncedObject(JsonNode announce, JsonNode object) {
        String actor = actor("Announce", announce, "");
        String objectId = ActivityPubMapper.firstId(object);
        if (objectId != null) {
            sameHost("Announce", actor, objectId, "/object/id");
        }
    }

    private static String actor(String type, JsonNode activity, String pointer) {
        String actor = ActivityPubMapper.firstId(activity.get("actor"));
        if (actor == null || actor.isBlank()) {
            throw new DocumentRefused(Reason.MISSING_FIELD, type + " without an actor: its origin cannot be checked",
                    pointer + "/actor");
        }
        if (host(actor) == null) {
            throw new DocumentRefused(Reason.INVALID_DOCUMENT, "The actor of a " + type + " must be an absolute URL",
                    pointer + "/actor");
        }
        return actor;
    }

    private static void sameHost(String type, String actor, String objectId, String pointer) {
        String actorHost = host(actor);
        String objectHost = host(objectId);
        if (objectHost == null) {
            return; // the mapper refuses an id that is not an absolute URL with its own reason
        }
        if (!objectHost.equals(actorHost)) {
            throw forbidden(type + " by an actor on " + actorHost + " of an object on " + objectHost
                    + ": only the object's own server may do that", pointer);
        }
    }

    private static void author(String type, String actor, JsonNode attributedTo, String pointer) {
        List<String> authors = ids(attributedTo);
        if (authors.isEmpty() || authors.contains(actor)) {
            return;
        }
        for (String author : authors) {
            if (isServerActorOf(actor, author)) {
                return;
            }
        }
        throw forbidden(type + " by " + abbreviate(actor) + " of an object attributed to "
                + abbreviate(authors.getFirst()) + ": only its author or its server may do that", pointer);
    }

    /** True when {@code actor} is the instance actor of the host that {@code other} lives on. */
    static boolean isServerActorOf(String actor, String other) {
        String host = host(actor);
        if (host == null || !host.equals(host(other))) {
            return false;
        }
        String path = URI.create(actor).getRawPath();
        return path == null || SERVER_ACTOR_PATHS.contains(path);
    }

    private static List<String> ids(JsonNode node) {
        List<String> ids = new ArrayList<>();
        if (node == null || node.isNull()) {
            return ids;
        }
        for (JsonNode item : node.isArray() ? node : List.of(node)) {
            String id = ActivityPubMapper.firstId(item);
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }

    private static DocumentRefused forbidden(String message, String field) {
        return new DocumentRefused(Reason.FOREIGN_ORIGIN, message, field);
    }
}
