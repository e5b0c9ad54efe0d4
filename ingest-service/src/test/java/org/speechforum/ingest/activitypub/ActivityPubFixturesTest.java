package org.speechforum.ingest.activitypub;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.ingest.canonical.CanonicalDocumentReader;
import org.speechforum.ingest.format.DocumentRefused;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every fixture under {@code activitypub/} (real payloads of 14 fediverse servers, see the README there)
 * and asserts its specific outcome: accepted with its documents' status and kinds, or refused with its reason.
 */
class ActivityPubFixturesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private final ActivityPubMapper mapper = new ActivityPubMapper(Clock.fixed(NOW, ZoneOffset.UTC));

    /** fixture → "status KIND,KIND" when accepted, "refused: <start of the reason>" when refused. */
    static final Map<String, String> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("discourse/objects/group.json", "refused: Group objects are actors, not documents"),
            Map.entry("discourse/objects/page.json", "accepted POST"),
            Map.entry("discourse/objects/person.json", "refused: Person objects are actors, not documents"),
            Map.entry("friendica/activities/create_note.json", "accepted COMMENT"),
            Map.entry("friendica/activities/create_page_1.json", "accepted POST"),
            Map.entry("friendica/activities/create_page_2.json", "accepted POST"),
            Map.entry("friendica/activities/delete.json", "deleted POST"),
            Map.entry("friendica/activities/dislike_page.json", "refused: Dislike activities carry no document"),
            Map.entry("friendica/activities/like_page.json", "refused: Like activities carry no document"),
            Map.entry("friendica/activities/undo_dislike_page.json", "refused: Undo activities carry no document"),
            Map.entry("friendica/activities/update_note.json", "updated COMMENT"),
            Map.entry("friendica/objects/note_1.json", "accepted COMMENT"),
            Map.entry("friendica/objects/note_2.json", "accepted COMMENT"),
            Map.entry("friendica/objects/page_1.json", "accepted POST"),
            Map.entry("friendica/objects/page_2.json", "accepted POST"),
            Map.entry("friendica/objects/person_1.json", "refused: Person objects are actors, not documents"),
            Map.entry("friendica/objects/person_2.json", "refused: Organization objects are actors, not documents"),
            Map.entry("gnusocial/activities/create_note.json", "accepted COMMENT"),
            Map.entry("gnusocial/activities/create_page.json", "accepted POST"),
            Map.entry("gnusocial/activities/like_note.json", "refused: Like activities carry no document"),
            Map.entry("gnusocial/objects/group.json", "refused: Group objects are actors, not documents"),
            Map.entry("gnusocial/objects/note.json", "accepted COMMENT"),
            Map.entry("gnusocial/objects/page.json", "accepted POST"),
            Map.entry("gnusocial/objects/person.json", "refused: Person objects are actors, not documents"),
            Map.entry("lemmy/activities/block/block_user.json", "refused: Block activities carry no document"),
            Map.entry("lemmy/activities/block/undo_block_user.json", "refused: Undo activities carry no document"),
            Map.entry("lemmy/activities/community/add_featured_post.json", "refused: Add activities carry no document"),
            Map.entry("lemmy/activities/community/add_mod.json", "refused: Add activities carry no document"),
            Map.entry("lemmy/activities/community/announce_create_page.json", "accepted POST"),
            Map.entry("lemmy/activities/community/lock_note.json", "refused: Lock activities carry no document"),
            Map.entry("lemmy/activities/community/lock_page.json", "refused: Lock activities carry no document"),
            Map.entry("lemmy/activities/community/remove_featured_post.json", "refused: Remove activities carry no document"),
            Map.entry("lemmy/activities/community/remove_mod.json", "refused: Remove activities carry no document"),
            Map.entry("lemmy/activities/community/report_page.json", "refused: Flag activities carry no document"),
            Map.entry("lemmy/activities/community/resolve_report_page.json", "refused: Resolve activities carry no document"),
            Map.entry("lemmy/activities/community/undo_lock_note.json", "refused: Undo activities carry no document"),
            Map.entry("lemmy/activities/community/undo_lock_page.json", "refused: Undo activities carry no document"),
            Map.entry("lemmy/activities/community/update_community.json", "refused: Update of Group carries no document"),
            Map.entry("lemmy/activities/community/warn.json", "refused: Warn activities carry no document"),
            Map.entry("lemmy/activities/create_or_update/create_comment.json", "accepted COMMENT"),
            Map.entry("lemmy/activities/create_or_update/create_page.json", "accepted POST"),
            Map.entry("lemmy/activities/create_or_update/create_private_message.json", "refused: Direct (non-public) messages are not ingested"),
            Map.entry("lemmy/activities/create_or_update/create_private_message_0.19.json", "refused: Create of ChatMessage carries no document"),
            Map.entry("lemmy/activities/create_or_update/update_page.json", "updated POST"),
            Map.entry("lemmy/activities/deletion/delete_page.json", "deleted POST"),
            Map.entry("lemmy/activities/deletion/delete_private_message.json", "deleted POST"),
            Map.entry("lemmy/activities/deletion/delete_user.json", "refused: Delete of an actor (account deletion) carries no document"),
            // A moderator on enterprise.lemmy.ml deleting a comment of ds9.lemmy.ml: not the comment's origin.
            Map.entry("lemmy/activities/deletion/remove_note.json",
                    "refused: Delete by an actor on enterprise.lemmy.ml of an object on ds9.lemmy.ml"),
            Map.entry("lemmy/activities/deletion/undo_delete_page.json", "refused: Undo activities carry no document"),
            Map.entry("lemmy/activities/deletion/undo_delete_private_message.json", "refused: Undo activities carry no document"),
            Map.entry("lemmy/activities/deletion/undo_remove_note.json", "refused: Undo activities carry no document"),
            Map.entry("lemmy/activities/following/accept.json", "refused: Accept activities carry no document"),
            Map.entry("lemmy/activities/following/follow.json", "refused: Follow activities carry no document"),
            Map.entry("lemmy/activities/following/undo_follow.json", "refused: Undo activities carry no document"),
            Map.entry("lemmy/activities/voting/dislike_page.json", "refused: Dislike activities carry no document"),
            Map.entry("lemmy/activities/voting/like_note.json", "refused: Like activities carry no document"),
            Map.entry("lemmy/activities/voting/undo_dislike_page.json", "refused: Undo activities carry no document"),
            Map.entry("lemmy/activities/voting/undo_like_note.json", "refused: Undo activities carry no document"),
            Map.entry("lemmy/collections/group_featured_posts.json", "refused: OrderedCollection: send the items one by one"),
            Map.entry("lemmy/collections/group_followers.json", "refused: Collection: send the items one by one"),
            Map.entry("lemmy/collections/group_moderators.json", "refused: OrderedCollection: send the items one by one"),
            Map.entry("lemmy/collections/group_outbox.json", "refused: OrderedCollection: send the items one by one"),
            Map.entry("lemmy/collections/person_outbox.json", "refused: OrderedCollection: send the items one by one"),
            Map.entry("lemmy/objects/comment.json", "accepted COMMENT"),
            Map.entry("lemmy/objects/group.json", "refused: Group objects are actors, not documents"),
            Map.entry("lemmy/objects/instance.json", "refused: Application objects are actors, not documents"),
            Map.entry("lemmy/objects/page.json", "accepted POST"),
            Map.entry("lemmy/objects/page_image_and_link.json", "accepted POST"),
            Map.entry("lemmy/objects/person.json", "refused: Person objects are actors, not documents"),
            Map.entry("lemmy/objects/private_message.json", "refused: Direct (non-public) messages are not ingested"),
            Map.entry("lemmy/objects/tombstone.json", "deleted POST"),
            Map.entry("lotide/activities/create_note_reply.json", "accepted COMMENT"),
            Map.entry("lotide/activities/create_page.json", "accepted POST"),
            Map.entry("lotide/activities/create_page_image.json", "accepted POST"),
            Map.entry("lotide/activities/delete_note.json", "deleted POST"),
            Map.entry("lotide/activities/follow.json", "refused: Follow activities carry no document"),
            Map.entry("lotide/objects/group.json", "refused: Group objects are actors, not documents"),
            Map.entry("lotide/objects/note.json", "accepted COMMENT"),
            Map.entry("lotide/objects/page.json", "accepted POST"),
            Map.entry("lotide/objects/person.json", "refused: Person objects are actors, not documents"),
            Map.entry("lotide/objects/tombstone.json", "deleted POST"),
            Map.entry("mastodon/activities/create_note.json", "accepted COMMENT"),
            Map.entry("mastodon/activities/delete.json", "deleted POST"),
            Map.entry("mastodon/activities/flag.json", "refused: Flag activities carry no document"),
            Map.entry("mastodon/activities/follow.json", "refused: Follow activities carry no document"),
            Map.entry("mastodon/activities/like_page.json", "refused: Like activities carry no document"),
            Map.entry("mastodon/activities/private_message.json", "refused: Direct (non-public) messages are not ingested"),
            Map.entry("mastodon/activities/undo_follow.json", "refused: Undo activities carry no document"),
            Map.entry("mastodon/activities/undo_like_page.json", "refused: Undo activities carry no document"),
            Map.entry("mastodon/collections/featured.json", "refused: OrderedCollection: send the items one by one"),
            Map.entry("mastodon/objects/note_1.json", "accepted COMMENT"),
            Map.entry("mastodon/objects/note_2.json", "accepted COMMENT"),
            Map.entry("mastodon/objects/page.json", "accepted POST"),
            Map.entry("mastodon/objects/person.json", "refused: Person objects are actors, not documents"),
            Map.entry("mbin/activities/accept.json", "refused: Accept activities carry no document"),
            Map.entry("mbin/activities/flag.json", "refused: Flag activities carry no document"),
            Map.entry("mbin/objects/instance.json", "refused: Application objects are actors, not documents"),
            Map.entry("mitra/activities/accept.json", "refused: Accept activities carry no document"),
            Map.entry("mitra/activities/create_post.json", "accepted POST"),
            Map.entry("mobilizon/objects/event.json", "refused: Unsupported ActivityPub object type Event"),
            Map.entry("mobilizon/objects/group.json", "refused: Group objects are actors, not documents"),
            Map.entry("mobilizon/objects/person.json", "refused: Person objects are actors, not documents"),
            Map.entry("nodebb/objects/group.json", "refused: Group objects are actors, not documents"),
            Map.entry("nodebb/objects/page.json", "accepted POST"),
            Map.entry("nodebb/objects/person.json", "refused: Person objects are actors, not documents"),
            Map.entry("peertube/activities/announce_video.json", "refused: Announce names its object only by URL; send the object itself"),
            Map.entry("peertube/objects/group.json", "refused: Group objects are actors, not documents"),
            Map.entry("peertube/objects/note.json", "accepted COMMENT"),
            Map.entry("peertube/objects/person.json", "refused: Person objects are actors, not documents"),
            Map.entry("peertube/objects/video.json", "refused: Unsupported ActivityPub object type Video (supported: Note, Page, Article, Question)"),
            Map.entry("pleroma/activities/create_note.json", "accepted COMMENT"),
            Map.entry("pleroma/activities/delete.json", "deleted POST"),
            Map.entry("pleroma/activities/follow.json", "refused: Follow activities carry no document"),
            Map.entry("pleroma/objects/chat_message.json", "refused: ChatMessage objects are private chats and are not ingested"),
            Map.entry("pleroma/objects/note.json", "accepted COMMENT"),
            Map.entry("pleroma/objects/person.json", "refused: Person objects are actors, not documents"),
            Map.entry("smithereen/activities/create_note.json", "accepted COMMENT"),
            Map.entry("smithereen/objects/note.json", "accepted COMMENT"),
            Map.entry("smithereen/objects/person.json", "refused: Person objects are actors, not documents"),
            Map.entry("wordpress/activities/announce.json", "updated POST"),
            Map.entry("wordpress/objects/group.json", "refused: Group objects are actors, not documents"),
            Map.entry("wordpress/objects/note.json", "accepted COMMENT"),
            Map.entry("wordpress/objects/page.json", "accepted POST"),
            Map.entry("wordpress/objects/person.json", "refused: Person objects are actors, not documents")
    ));

    @Test
    void everyFixtureHasItsAssertedOutcome() throws Exception {
        Map<String, String> actual = new TreeMap<>();
        for (Path fixture : fixtures()) {
            actual.put(name(fixture), outcome(Files.readAllBytes(fixture)));
        }
        assertThat(actual.keySet()).as("every fixture has an expectation").containsExactlyElementsOf(EXPECTED.keySet());
        for (var entry : EXPECTED.entrySet()) {
            assertThat(actual.get(entry.getKey())).as(entry.getKey()).startsWith(entry.getValue());
        }
    }

    String outcome(byte[] json) {
        try {
            ActivityPubMapper.Mapped mapped = mapper.map(CanonicalDocumentReader.parse(json));
            List<String> kinds = new ArrayList<>();
            for (Document d : mapped.documents()) {
                assertThat(d.id()).hasSize(32);
                assertThat(d.text()).isNotNull();
                kinds.add(d.kind().name());
            }
            return mapped.status() + " " + String.join(",", kinds);
        } catch (DocumentRefused refused) {
            return "refused: " + refused.getMessage();
        }
    }

    static List<Path> fixtures() throws IOException, URISyntaxException {
        Path root = Path.of(ActivityPubFixturesTest.class.getResource("/activitypub").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static String name(Path fixture) throws URISyntaxException {
        Path root = Path.of(ActivityPubFixturesTest.class.getResource("/activitypub").toURI());
        return root.relativize(fixture).toString().replace('\\', '/');
    }
}
