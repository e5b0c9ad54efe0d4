package org.speechforum.ingest.uploads;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Annotation;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.TimePrecision;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextUploadParserTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Instant A_YEAR_AGO = Instant.parse("2025-11-28T12:00:00Z");
    private final TextUploadParser parser = new TextUploadParser(Clock.fixed(NOW, ZoneOffset.UTC));

    static String seed() throws IOException {
        try (InputStream in = TextUploadParserTest.class.getResourceAsStream("/samples/seed.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theSeedIsOneSpeechAndFourCommentsInTheirReplyTree() throws IOException {
        List<Document> docs = parser.parse(seed(), "upload");

        assertThat(docs).extracting(Document::kind).containsExactly(DocumentKind.SPEECH, DocumentKind.COMMENT,
                DocumentKind.COMMENT, DocumentKind.COMMENT, DocumentKind.COMMENT);
        Document speech = docs.get(0);
        Document c1 = docs.get(1);
        Document c2 = docs.get(2);
        Document c3 = docs.get(3);
        Document c4 = docs.get(4);
        assertThat(speech.parentId()).isNull();
        assertThat(c1.parentId()).isEqualTo(speech.id());
        assertThat(c2.parentId()).isEqualTo(c1.id());
        assertThat(c3.parentId()).isEqualTo(c2.id());
        assertThat(c4.parentId()).isEqualTo(c1.id());
        assertThat(docs).extracting(Document::id).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).hasSize(32));
    }

    @Test
    void theSpeechHasItsSpeakerAndKeepsStageDirectionsAsAnnotations() throws IOException {
        Document speech = parser.parse(seed(), "upload").getFirst();

        assertThat(speech.author().name()).isEqualTo("Vladimir Putin");
        assertThat(speech.author().role()).isEqualTo("President of Russia");
        assertThat(speech.speakers()).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("Vladimir Putin"));
        assertThat(speech.text()).startsWith("Ladies and gentlemen, friends.")
                .doesNotContain("(Applause.)", "President of Russia Vladimir Putin:", "cfgaussian", "arrow-up");
        assertThat(speech.annotations()).hasSize(2).allSatisfy(a -> {
            assertThat(a.type()).isEqualTo(Annotation.STAGE_DIRECTION);
            assertThat(a.text()).isEqualTo("(Applause.)");
            assertThat(a.offset()).isBetween(1, speech.text().length());
        });
        // The first applause follows the paragraph on Simon Bolivar's time.
        Annotation first = speech.annotations().getFirst();
        assertThat(speech.text().substring(0, first.offset())).contains("Simon Bolivar");
        assertThat(speech.text().substring(first.offset())).startsWith("\n\nI have to say that this applause");
        assertThat(speech.structure()).isEqualTo(TextUploadParser.SPEECH_TRANSCRIPT);
    }

    @Test
    void commentsCarryAuthorOpVotesEditsAndAnApproximateDate() throws IOException {
        List<Document> c = parser.parse(seed(), "upload").subList(1, 5);

        assertThat(c).extracting(d -> d.author().handle() + "@" + d.author().instance())
                .containsExactly("cfgaussian@lemmygrad.ml", "lil_tank@lemmygrad.ml", "CamaradaD@lemmygrad.ml",
                        "cfgaussian@lemmygrad.ml");
        assertThat(c).extracting(Document::op).containsExactly(true, false, false, true);
        assertThat(c).extracting(Document::upvotes).containsExactly(34, 16, 8, 12);
        assertThat(c).extracting(Document::downvotes).containsExactly(1, 0, 0, 1);
        assertThat(c).extracting(Document::edits).containsExactly(1, 0, 0, 1);
        assertThat(c).allSatisfy(d -> {
            assertThat(d.publishedAt()).isEqualTo(A_YEAR_AGO);
            assertThat(d.publishedAtPrecision()).isEqualTo(TimePrecision.YEAR);
        });
        assertThat(c.get(0).text()).startsWith("Yeah, i mean it should be pretty obvious")
                .doesNotContain("arrow-up", "fedilink", "lil_tank@lemmygrad.ml");
        assertThat(c.get(1).text()).startsWith("Given his past record of trying to get into NATO");
        assertThat(c.get(2).text()).startsWith("After getting turned down so many times");
        assertThat(c.get(3).text()).startsWith("You’re right, the word “opportunist” is not quite");
        assertThat(c).allSatisfy(d -> assertThat(d.text()).doesNotStartWith(" "));
    }

    @Test
    void theSameUploadTwiceYieldsTheSameIdsAndAnEditedCommentKeepsItsId() throws IOException {
        String seed = seed();
        List<Document> first = parser.parse(seed, "upload");
        List<Document> later = new TextUploadParser(Clock.fixed(NOW.plusSeconds(86_400), ZoneOffset.UTC))
                .parse(seed, "upload");
        List<Document> edited = parser.parse(seed.replace("Given his past record", "Given his long record"), "upload");

        assertThat(later).extracting(Document::id).containsExactlyElementsOf(first.stream().map(Document::id).toList());
        assertThat(edited).extracting(Document::id).containsExactlyElementsOf(first.stream().map(Document::id).toList());
        assertThat(edited.get(2).text()).startsWith("Given his long record");
    }

    @Test
    void unclassifiableTextIsOneDocumentOfUnknownStructure() {
        List<Document> docs = parser.parse("just some notes\n\nwithout any structure: really.", "upload");

        assertThat(docs).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DocumentKind.POST);
            assertThat(d.structure()).isEqualTo(TextUploadParser.UNKNOWN);
            assertThat(d.text()).isEqualTo("just some notes\n\nwithout any structure: really.");
        });
        assertThat(parser.parse("just some notes", "upload").getFirst().id())
                .isEqualTo(parser.parse("just some notes", "upload").getFirst().id());
    }

    @Test
    void aThreadWithoutTranscriptRepliesToThePostAboveIt() {
        String text = """
                Title of a post
                Some body text.

                  • alice@lemmy.world
                    arrow-up
                    3
                    ·
                    2 days ago

                    First!
                """;

        List<Document> docs = parser.parse(text, "lemmy.world");

        assertThat(docs).extracting(Document::kind).containsExactly(DocumentKind.POST, DocumentKind.COMMENT);
        assertThat(docs.get(1).parentId()).isEqualTo(docs.get(0).id());
        assertThat(docs.get(1).publishedAtPrecision()).isEqualTo(TimePrecision.DAY);
        assertThat(docs.get(1).text()).isEqualTo("First!");
        assertThat(docs.get(1).op()).isFalse();
    }

    @Test
    void aForcedFormatThatFindsNothingSaysSoOnceAndKeepsTheTextWhole() {
        TextUploadParser.Upload upload = parser.read("Vladimir Putin: Good afternoon.", "upload", "discourse");

        assertThat(upload.format()).isEqualTo(TextUploadParser.PLAIN_TEXT);
        assertThat(upload.documents()).singleElement().satisfies(d -> assertThat(d.structure()).isEqualTo(TextUploadParser.UNKNOWN));
        assertThat(upload.notes()).containsExactly(
                "format discourse was asked for, but the text holds none of its comment headers");
    }

    @Test
    void aTranscriptAboveAMastodonThreadIsWhatTheFirstStatusRepliesTo() {
        String text = """
                Vladimir Putin: Good afternoon.
                Ann
                @ann@mastodon.social
                Mar 3
                He said good afternoon.
                Bo
                @bo@mastodon.social
                Mar 3, 2025, 10:41
                @ann indeed.
                """;

        TextUploadParser.Upload upload = parser.read(text, "upload", null);

        assertThat(upload.format()).isEqualTo("transcript+mastodon");
        List<Document> docs = upload.documents();
        assertThat(docs).extracting(Document::kind).containsExactly(DocumentKind.SPEECH, DocumentKind.COMMENT,
                DocumentKind.COMMENT);
        assertThat(docs.get(1).parentId()).isEqualTo(docs.get(0).id());
        assertThat(docs.get(2).parentId()).isEqualTo(docs.get(1).id());
    }

    @Test
    void theLinesAboveADiscourseTopicGiveItsTitleAndTheRestIsNoted() {
        String text = """
                Parsing speaker labels
                Data Wrangling
                nlp

                ann
                Feb 10

                Topic text.

                bo
                Feb 11

                Answer.
                """;

        TextUploadParser.Upload upload = parser.read(text, "forum", null);

        assertThat(upload.documents().getFirst().title()).isEqualTo("Parsing speaker labels");
        assertThat(upload.documents().getFirst().text()).isEqualTo("Topic text.");
        assertThat(upload.notes()).anySatisfy(n -> assertThat(n).contains("2 other lines above it"));
    }
}
