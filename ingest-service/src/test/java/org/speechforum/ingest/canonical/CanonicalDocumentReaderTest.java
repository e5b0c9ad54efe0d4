package org.speechforum.ingest.canonical;

import org.speechforum.ingest.format.PayloadFormat;
import org.speechforum.ingest.submission.ParsedSubmission;
import org.speechforum.ingest.submission.SubmissionParser;

import org.speechforum.ingest.format.DocumentRefused;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentKind;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalDocumentReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private final SubmissionParser parser = new SubmissionParser(Clock.fixed(NOW, ZoneOffset.UTC));

    /** Through the production path: the first refused item's refusal, else the accepted documents. */
    private List<Document> read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    private List<Document> read(byte[] body) {
        ParsedSubmission parsed = parser.parse(PayloadFormat.CANONICAL_JSON, body, null);
        if (!parsed.refused().isEmpty()) {
            throw parsed.refused().getFirst().refusal();
        }
        return parsed.acceptedDocuments();
    }

    @Test
    void theSmallestValidDocumentGetsADeterministicIdAndIngestTime() {
        String json = """
                {"kind":"SPEECH","source":"example","externalId":"1","title":"T","text":"Some text.",\
                "publishedAt":"2024-01-01T00:00:00Z"}""";

        Document first = read(json).getFirst();

        assertThat(first.kind()).isEqualTo(DocumentKind.SPEECH);
        assertThat(first.id()).hasSize(32).isEqualTo(read(json).getFirst().id());
        assertThat(first.ingestedAt()).isEqualTo(NOW);
        assertThat(first.schemaVersion()).isEqualTo(1);
    }

    @Test
    void theSameExternalIdFromTheSameSourceIsTheSameDocumentWhateverItsText() {
        Document v1 = read("{\"kind\":\"POST\",\"source\":\"Lemmy\",\"externalId\":\"42\",\"text\":\"v1\"}").getFirst();
        Document v2 = read("{\"kind\":\"POST\",\"source\":\"lemmy\",\"externalId\":\"42\",\"text\":\"v2\"}").getFirst();
        Document other = read("{\"kind\":\"POST\",\"source\":\"mastodon\",\"externalId\":\"42\",\"text\":\"v1\"}")
                .getFirst();

        assertThat(v1.id()).isEqualTo(v2.id()).isNotEqualTo(other.id());
    }

    @Test
    void anArrayYieldsItsDocumentsInOrder() {
        List<Document> documents = read("""
                [{"kind":"SPEECH","source":"s","externalId":"a","text":"A"},
                 {"kind":"COMMENT","source":"s","externalId":"b","text":"B"}]""");

        assertThat(documents).extracting(Document::text).containsExactly("A", "B");
    }

    @Test
    void enrichmentFieldsFromClientsAreDropped() {
        Document d = read("""
                {"kind":"POST","source":"s","text":"x","contentHash":"forged",\
                "entities":[{"id":"Q1","name":"n","type":"PERSON","count":1}]}""").getFirst();

        assertThat(d.contentHash()).isNull();
        assertThat(d.entities()).isNull();
    }

    @Test
    void theParentIsSettledAtTheDoorFromTheIdsItsSourceUses() {
        Document parent = read("{\"kind\":\"POST\",\"source\":\"lemmy\",\"externalId\":\"1\",\"text\":\"p\"}")
                .getFirst();
        Document sameSource = read("""
                {"kind":"COMMENT","source":"Lemmy","externalId":"2","parentExternalId":"1","text":"x"}""")
                .getFirst();
        Document otherSource = read("""
                {"kind":"COMMENT","source":"forum","externalId":"3","parentSource":"kremlin.ru",\
                "parentExternalId":"75000","text":"x"}""").getFirst();
        Document fediverse = read("""
                {"kind":"COMMENT","source":"forum","externalId":"4",\
                "parentExternalId":"https://Lemmy.ml/comment/9","text":"x"}""").getFirst();
        Document explicit = read("""
                {"kind":"COMMENT","source":"forum","externalId":"5","parentId":"given","parentExternalId":"1",\
                "text":"x"}""").getFirst();

        assertThat(sameSource.parentId()).isEqualTo(parent.id());
        assertThat(otherSource.parentId()).isEqualTo(DocumentIds.of("kremlin.ru", "75000"));
        assertThat(fediverse.parentId()).isEqualTo(DocumentIds.of("lemmy.ml", "https://Lemmy.ml/comment/9"));
        assertThat(explicit.parentId()).isEqualTo("given");
        assertThat(parent.parentId()).isNull();
        assertRefused("{\"kind\":\"POST\",\"source\":\"s\",\"text\":\"x\",\"parentExternalId\":\""
                + "p".repeat(2001) + "\"}", "/parentExternalId", "longer");
    }

    @Test
    void refusalsNameTheOffendingField() {
        assertRefused("{\"source\":\"s\",\"text\":\"x\"}", "/kind", "kind");
        assertRefused("{\"kind\":\"TWEET\",\"source\":\"s\",\"text\":\"x\"}", "/kind", "SPEECH, POST, COMMENT");
        assertRefused("{\"kind\":\"POST\",\"text\":\"x\"}", "/source", "source");
        assertRefused("{\"kind\":\"POST\",\"source\":\"s\",\"text\":\"  \"}", "/text", "text");
        assertRefused("{\"kind\":\"POST\",\"source\":\"s\",\"text\":\"x\",\"publishedAt\":\"yesterday\"}",
                "/publishedAt", "ISO-8601");
        assertRefused("{\"kind\":\"POST\",\"source\":\"s\",\"text\":\"x\",\"publishedAt\":\"2027-01-01T00:00:00Z\"}",
                "/publishedAt", "future");
        assertRefused("[{\"kind\":\"POST\",\"source\":\"s\",\"text\":\"x\"},{\"kind\":\"POST\",\"text\":\"y\"}]",
                "/1/source", "source");
    }

    @Test
    void malformedDuplicateOrTooDeepJsonIsRefusedAsAWhole() {
        assertThatThrownBy(() -> read("{\"kind\":")).isInstanceOf(DocumentRefused.class)
                .hasMessageContaining("Malformed JSON");
        assertThatThrownBy(() -> read("{\"kind\":\"POST\",\"kind\":\"SPEECH\",\"source\":\"s\",\"text\":\"x\"}"))
                .isInstanceOf(DocumentRefused.class).hasMessageContaining("The key 'kind' appears twice");
        assertThatThrownBy(() -> read("[".repeat(100) + "]".repeat(100))).isInstanceOf(DocumentRefused.class);
        assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(DocumentRefused.class)
                .hasMessageContaining("empty");
    }

    @Test
    void refusalsAreWrittenForAPersonNotInJacksonsWords() {
        assertRefused("{\"kind\":\"POST\",\"source\":\"s\",\"text\":\"x\",\"upvotes\":\"many\"}", "/upvotes",
                "Wrong type of value: expected a number");
        assertRefused("{\"kind\":\"POST\",\"source\":\"s\",\"text\":\"x\",\"author\":[1]}", "/author",
                "expected an object");
        assertRefused("{\"kind\":\"POST\",\"source\":\"s\",\"text\":\"x\",\"speakers\":{\"a\":1}}", "/speakers",
                "expected an array");
        assertThatThrownBy(() -> read("{\"kind\": POST}")).hasMessage(
                "Malformed JSON (line 1, column 10): a word that is not a JSON value (strings need double quotes)");
        assertThatThrownBy(() -> read("{\"kind\":\"POST\"")).hasMessageContaining("ends before it is complete");
        for (String json : List.of("{\"kind\":\"POST\",\"source\":\"s\",\"text\":\"x\",\"op\":\"yes\"}",
                "{\"kind\":\"<script>\",\"source\":\"s\",\"text\":\"x\"}", "{\"kind\": @}", "[1,2")) {
            assertThatThrownBy(() -> read(json)).isInstanceOfSatisfying(DocumentRefused.class, e ->
                    assertThat(e.getMessage()).doesNotContain("Cannot", "`", "Feature", "tools.jackson", "java.",
                            "<script>", "token", "code "));
        }
    }

    @Test
    void whateverShapeAClientGivesThePipelinesFieldsTheyAreDroppedUnread() {
        Document d = read("{\"kind\":\"POST\",\"source\":\"s\",\"text\":\"x\",\"entities\":[{\"count\":null}],"
                + "\"thread\":\"x\",\"links\":1,\"deleted\":\"yes\",\"contentHash\":[],\"enrichedAt\":\"soon\"}").getFirst();

        assertThat(d.entities()).isNull();
        assertThat(d.thread()).isNull();
        assertThat(d.deleted()).isNull();
    }

    private void assertRefused(String json, String field, String messagePart) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOfSatisfying(DocumentRefused.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(messagePart);
    }
}
