package org.speechforum.ingest.activitypub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.speechforum.ingest.canonical.CanonicalDocumentReader;
import org.speechforum.ingest.format.DocumentRefused;
import org.speechforum.ingest.format.DocumentRefused.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Real fixtures are taken from their origin; the same fixtures with a forged actor (another host, another user
 * of the same host) are refused with 403 {@code foreign-origin}.
 */
class OriginRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private final ActivityPubMapper mapper = new ActivityPubMapper(Clock.fixed(NOW, ZoneOffset.UTC));

    private static String fixture(String name) throws IOException {
        try (InputStream in = OriginRulesTest.class.getResourceAsStream("/activitypub/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private ActivityPubMapper.Mapped map(String json) {
        return mapper.map(CanonicalDocumentReader.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    private DocumentRefused refusal(String json) {
        return catchThrowableOfType(DocumentRefused.class, () -> map(json));
    }

    @ParameterizedTest(name = "{0} forged by {1}")
    @CsvSource({
            // real fixture,                               real actor,                             forged actor
            "lemmy/activities/deletion/delete_page.json,   http://ds9.lemmy.ml/u/lemmy_alpha,      https://evil.example/u/mallory",
            "mastodon/activities/delete.json,              https://mastodon.madrid/users/felix,    https://evil.example/users/felix",
            "pleroma/activities/delete.json,               https://greenish.red/users/vpzom,       https://evil.example/users/vpzom",
            "lotide/activities/delete_note.json,           https://narwhal.city/users/3,           https://evil.example/users/3",
            "friendica/activities/delete.json,             https://pirati.ca/profile/heluecht,     https://evil.example/profile/heluecht",
            "friendica/activities/update_note.json,        https://pirati.ca/profile/heluecht,     https://evil.example/profile/heluecht",
            "lemmy/activities/create_or_update/update_page.json, http://ds9.lemmy.ml/u/lemmy_alpha, http://ds9.lemmy.ml.evil.example/u/lemmy_alpha",
            "lemmy/activities/create_or_update/create_page.json, http://ds9.lemmy.ml/u/lemmy_alpha, https://evil.example/u/lemmy_alpha",
            "lemmy/activities/deletion/undo_delete_page.json, http://ds9.lemmy.ml/u/lemmy_alpha,    https://evil.example/u/lemmy_alpha",
    })
    void theRealFixtureIsTakenAndTheSameOneFromAnotherHostIsRefused(String name, String actor, String forged)
            throws IOException {
        String real = fixture(name);
        assertThat(real).contains(actor);
        if (!name.contains("undo")) {
            assertThat(map(real).documents()).hasSize(1);
        }

        // Only the activity's own actor is forged; the object (and its author) stays on its origin.
        String forgedJson = real.replaceFirst("\"actor\":\\s*\"" + java.util.regex.Pattern.quote(actor) + "\"",
                "\"actor\": \"" + forged + "\"");
        assertThat(forgedJson).isNotEqualTo(real);
        DocumentRefused refused = refusal(forgedJson);

        assertThat(refused).as(name).isNotNull();
        assertThat(refused.reason()).isEqualTo(Reason.FOREIGN_ORIGIN);
        assertThat(refused.reason().status()).isEqualTo(403);
        assertThat(refused.getMessage()).contains("only");
    }

    @Test
    void anotherUserOfTheSameHostMayNotUpdateSomeonesPost() throws IOException {
        String forged = fixture("lemmy/activities/create_or_update/update_page.json")
                .replaceFirst("\"actor\": \"http://ds9.lemmy.ml/u/lemmy_alpha\"", "\"actor\": \"http://ds9.lemmy.ml/u/mallory\"");

        DocumentRefused refused = refusal(forged);

        assertThat(refused.reason()).isEqualTo(Reason.FOREIGN_ORIGIN);
        assertThat(refused.getMessage()).contains("attributed to http://ds9.lemmy.ml/u/lemmy_alpha");
        assertThat(refused.field()).isEqualTo("/object/attributedTo");
    }

    @Test
    void theServerActorOfTheObjectsHostMayDeleteOrUpdateIt() throws IOException {
        String byServer = fixture("lemmy/activities/create_or_update/update_page.json")
                .replaceFirst("\"actor\": \"http://ds9.lemmy.ml/u/lemmy_alpha\"", "\"actor\": \"http://ds9.lemmy.ml/\"");

        assertThat(map(byServer).status()).isEqualTo("updated");
        assertThat(OriginRules.isServerActorOf("https://mastodon.social/actor", "https://mastodon.social/users/a"))
                .isTrue();
        assertThat(OriginRules.isServerActorOf("https://evil.example/actor", "https://mastodon.social/users/a"))
                .isFalse();
        assertThat(OriginRules.isServerActorOf("https://mastodon.social/users/b", "https://mastodon.social/users/a"))
                .isFalse();
    }

    @Test
    void aDeleteOfAnEmbeddedObjectByAnotherAuthorOfTheSameHostIsRefused() {
        DocumentRefused refused = refusal("""
                {"type":"Delete","actor":"https://a.example/u/mallory",
                 "object":{"id":"https://a.example/notes/1","type":"Note","attributedTo":"https://a.example/u/alice"}}""");

        assertThat(refused.reason()).isEqualTo(Reason.FOREIGN_ORIGIN);
    }

    @Test
    void anActivityWithoutActorCannotBeCheckedAndIsRefused() {
        DocumentRefused refused = refusal("""
                {"type":"Delete","object":"https://a.example/notes/1"}""");

        assertThat(refused.reason()).isEqualTo(Reason.MISSING_FIELD);
        assertThat(refused.field()).isEqualTo("/actor");
        assertThatThrownBy(() -> map("""
                {"type":"Update","actor":"not a url","object":{"id":"https://a.example/notes/1","type":"Note","content":"x"}}"""))
                .isInstanceOf(DocumentRefused.class).hasMessageContaining("absolute URL");
    }

    @Test
    void onlyWhoDidAnActivityMayUndoIt() throws IOException {
        String real = fixture("lemmy/activities/deletion/undo_delete_page.json");
        // the outer actor forged, the undone Delete still by lemmy_alpha
        String forged = real.replaceFirst("\"actor\": \"http://ds9.lemmy.ml/u/lemmy_alpha\"",
                "\"actor\": \"http://ds9.lemmy.ml/u/mallory\"");

        assertThat(refusal(real).reason()).isEqualTo(Reason.UNSUPPORTED_ACTIVITYPUB);
        assertThat(refusal(forged).reason()).isEqualTo(Reason.FOREIGN_ORIGIN);
        assertThat(refusal(forged).getMessage()).contains("only who did an activity may undo it");
    }

    @Test
    void anAnnounceCannotVouchForAnObjectOfAnotherHost() {
        String note = """
                {"id":"https://victim.example/notes/1","type":"Note","content":"<p>forged words</p>",
                 "attributedTo":"https://victim.example/u/alice"}""";

        DocumentRefused refused = refusal("{\"type\":\"Announce\",\"actor\":\"https://evil.example/u/m\",\"object\":"
                + note + "}");
        ActivityPubMapper.Mapped sameHost = map("{\"type\":\"Announce\",\"actor\":\"https://victim.example/c/main\","
                + "\"object\":" + note + "}");

        assertThat(refused.reason()).isEqualTo(Reason.FOREIGN_ORIGIN);
        assertThat(sameHost.documents()).hasSize(1);
    }

    @Test
    void anAnnouncedActivityIsCheckedOnItsOwnRules() throws IOException {
        String real = fixture("lemmy/activities/community/announce_create_page.json");
        String forgedInner = real.replace("\"actor\": \"http://enterprise.lemmy.ml/u/lemmy_beta\"",
                "\"actor\": \"https://evil.example/u/lemmy_beta\"");
        String announcedDelete = """
                {"type":"Announce","actor":"https://lemmy.example/c/main",
                 "object":{"type":"Delete","actor":"https://evil.example/u/m","object":"https://victim.example/post/1"}}""";

        assertThat(map(real).documents()).hasSize(1);
        assertThat(refusal(forgedInner).reason()).isEqualTo(Reason.FOREIGN_ORIGIN);
        assertThat(refusal(announcedDelete).reason()).isEqualTo(Reason.FOREIGN_ORIGIN);
    }
}
