package org.speechforum.ingest.activitypub;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.TimePrecision;
import org.speechforum.ingest.canonical.CanonicalDocumentReader;
import org.speechforum.ingest.format.DocumentRefused;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActivityPubMapperTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private final ActivityPubMapper mapper = new ActivityPubMapper(Clock.fixed(NOW, ZoneOffset.UTC));

    private ActivityPubMapper.Mapped map(String json) {
        return mapper.map(CanonicalDocumentReader.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    private ActivityPubMapper.Mapped fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/activitypub/" + name)) {
            return mapper.map(CanonicalDocumentReader.parse(in.readAllBytes()));
        }
    }

    @Test
    void aLemmyCommentMapsEveryField() throws IOException {
        Document d = fixture("lemmy/objects/comment.json").documents().getFirst();

        assertThat(d.kind()).isEqualTo(DocumentKind.COMMENT);
        assertThat(d.source()).isEqualTo("enterprise.lemmy.ml");
        assertThat(d.externalId()).isEqualTo("https://enterprise.lemmy.ml/comment/38741");
        assertThat(d.id()).isEqualTo(DocumentIds.of("enterprise.lemmy.ml", "https://enterprise.lemmy.ml/comment/38741"));
        assertThat(d.parentId()).isEqualTo(DocumentIds.of("enterprise.lemmy.ml", "https://enterprise.lemmy.ml/post/55143"));
        assertThat(d.author().handle()).isEqualTo("picard");
        assertThat(d.author().instance()).isEqualTo("enterprise.lemmy.ml");
        assertThat(d.text()).isEqualTo("first comment!");
        assertThat(d.language()).isEqualTo("fr");
        assertThat(d.publishedAt()).isEqualTo(Instant.parse("2021-03-01T13:42:43.966208Z"));
        assertThat(d.publishedAtPrecision()).isEqualTo(TimePrecision.EXACT);
        assertThat(d.updatedAt()).isEqualTo(Instant.parse("2021-03-01T13:43:03.955787Z"));
        assertThat(d.context()).isEqualTo("https://enterprise.lemmy.ml/comment/38741/context");
        assertThat(d.audience()).isEqualTo("https://enterprise.lemmy.ml/c/tenforward");
    }

    @Test
    void mastodonMentionsStayInTheTextAndTheConversationIsKept() throws IOException {
        Document d = fixture("mastodon/objects/note_1.json").documents().getFirst();

        assertThat(d.text()).startsWith("@retiolus i have never been disappointed by a thinkpad.");
        assertThat(d.context()).startsWith("tag:mamot.fr,2021-11-05");
        assertThat(d.sensitive()).isFalse();
        assertThat(d.author().handle()).isEqualTo("felix");
        assertThat(d.author().instance()).isEqualTo("mastodon.madrid");
    }

    @Test
    void anUpdateKeepsTheIdOfTheCreatedObject() throws IOException {
        Document created = fixture("lemmy/activities/create_or_update/create_page.json").documents().getFirst();
        ActivityPubMapper.Mapped updated = fixture("lemmy/activities/create_or_update/update_page.json");

        assertThat(updated.status()).isEqualTo("updated");
        assertThat(updated.documents().getFirst().id()).isEqualTo(created.id());
    }

    @Test
    void aDeleteIsATombstoneWithTheDeletedObjectsId() throws IOException {
        ActivityPubMapper.Mapped deleted = fixture("lemmy/activities/deletion/delete_page.json");

        assertThat(deleted.status()).isEqualTo("deleted");
        assertThat(deleted.documents()).singleElement().satisfies(d -> {
            assertThat(d.deleted()).isTrue();
            assertThat(d.text()).isEmpty();
            assertThat(d.id()).isEqualTo(DocumentIds.of(d.source(), d.externalId()));
        });
    }

    @Test
    void htmlIsCleanedScriptsDroppedLinksAndHashtagsKept() {
        Document d = map("""
                {"id":"https://example.social/notes/1","type":"Note","attributedTo":"https://example.social/users/bob",
                 "content":"<p>Hello <script>alert('x')</script><a href=\\"https://kremlin.ru/events\\">the speech</a> \
                <a href=\\"https://example.social/tags/brics\\" class=\\"hashtag\\">#BRICS</a></p><p>Second<br>line</p>",
                 "tag":[{"type":"Hashtag","name":"#BRICS"}],"sensitive":true}""").documents().getFirst();

        assertThat(d.text()).isEqualTo("Hello the speech (https://kremlin.ru/events) #BRICS\n\nSecond\nline")
                .doesNotContain("alert", "<");
        assertThat(d.tags()).containsExactly("BRICS");
        assertThat(d.sensitive()).isTrue();
        assertThat(d.kind()).isEqualTo(DocumentKind.POST);
    }

    @Test
    void markdownSourceIsUsedWhenThereIsNoHtml() {
        Document d = map("""
                {"id":"https://lemmy.example/post/1","type":"Page","name":"Title",
                 "source":{"content":"**bold** and [a link](https://example.org)","mediaType":"text/markdown"}}""")
                .documents().getFirst();

        assertThat(d.text()).isEqualTo("bold and a link (https://example.org)");
        assertThat(d.title()).isEqualTo("Title");
    }

    @Test
    void refusalsSayWhy() {
        assertThatThrownBy(() -> map("{\"type\":\"Follow\",\"actor\":\"https://a.example/u/x\",\"object\":\"https://b.example/c/y\"}"))
                .isInstanceOfSatisfying(DocumentRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(DocumentRefused.Reason.UNSUPPORTED_ACTIVITYPUB))
                .hasMessage("Follow activities carry no document");
        assertThatThrownBy(() -> map("{\"id\":\"https://a.example/n/1\",\"type\":\"Note\",\"content\":\"x\",\"published\":\"yesterday\"}"))
                .isInstanceOfSatisfying(DocumentRefused.class, e -> assertThat(e.field()).isEqualTo("/published"));
        assertThatThrownBy(() -> map("{\"id\":\"https://a.example/n/1\",\"type\":\"Note\",\"content\":\"x\",\"published\":\"2099-01-01T00:00:00Z\"}"))
                .isInstanceOfSatisfying(DocumentRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(DocumentRefused.Reason.FUTURE_DATE));
        assertThatThrownBy(() -> map("{\"type\":\"Note\",\"content\":\"x\"}"))
                .isInstanceOfSatisfying(DocumentRefused.class, e -> assertThat(e.field()).isEqualTo("/id"));
    }
}
