package org.speechforum.ingest.uploads.transcript;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Annotation;
import org.speechforum.contracts.Author;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.TimePrecision;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TranscriptParserTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private final TranscriptParser parser = new TranscriptParser();

    private Document parse(String text) {
        return parser.parse(List.of(text.split("\n", -1)), "kremlin.ru", NOW).speech();
    }

    private static List<String> speakers(Document speech) {
        return speech.speakers().stream().map(SpeakerLabels::display).toList();
    }

    @Test
    void aWholePageCopyGivesTitleDateLeadAndTurns() {
        Document speech = parse("""
                Meeting with Government members

                Vladimir Putin held a meeting with Government members.

                March 11, 2022
                11:15
                The Kremlin, Moscow

                * * *

                President of Russia Vladimir Putin:
                Good afternoon, colleagues.

                Defence Minister Sergei Shoigu: Mr President,

                Vladimir Putin: Go ahead, please.
                """);

        assertThat(speech.title()).isEqualTo("Meeting with Government members");
        assertThat(speech.publishedAt()).isEqualTo(Instant.parse("2022-03-11T08:15:00Z"));
        assertThat(speech.publishedAtPrecision()).isEqualTo(TimePrecision.MINUTE);
        assertThat(speakers(speech)).containsExactly("Vladimir Putin", "Sergei Shoigu");
        assertThat(speech.speakers().get(1).role()).isEqualTo("Defence Minister");
        assertThat(speech.text()).startsWith("Vladimir Putin held a meeting with Government members.")
                .contains("Good afternoon, colleagues.\n\nMr President,\n\nGo ahead, please.")
                .doesNotContain("* * *", "Sergei Shoigu:", "11:15");
        assertThat(speech.annotations()).filteredOn(a -> a.type().equals(Annotation.SPEAKER))
                .extracting(Annotation::text).containsExactly("Vladimir Putin", "Sergei Shoigu", "Vladimir Putin");
        Annotation shoigu = speech.annotations().stream().filter(a -> "Sergei Shoigu".equals(a.text())).findFirst()
                .orElseThrow();
        assertThat(speech.text().substring(shoigu.offset())).startsWith("\n\nMr President,");
    }

    @Test
    void unnamedInterlocutorsAndStageDirectionsOfAnyKind() {
        Document speech = parse("""
                Vladimir Putin: Good afternoon.
                Question: Mr President, a question about airports.
                (Laughter.)
                Vladimir Putin: Yes.
                Remark: And the roads?
                (A minute of silence.)
                Reply: Roads too.
                <…>
                """);

        assertThat(speakers(speech)).containsExactly("Vladimir Putin", "Question", "Remark", "Reply");
        assertThat(speech.speakers().get(1)).isEqualTo(new Author(null, null, null, "Question", null));
        assertThat(speech.annotations()).filteredOn(a -> a.type().equals(Annotation.STAGE_DIRECTION))
                .extracting(Annotation::text).containsExactly("(Laughter.)", "(A minute of silence.)");
        assertThat(speech.annotations()).filteredOn(a -> a.type().equals(TranscriptParser.ELISION)).hasSize(1);
        assertThat(speech.text()).doesNotContain("(Laughter.)", "<…>", "Question:");
    }

    @Test
    void aLongRoleWithDashesAndCommasKeepsTheNameAtItsEnd() {
        Document speech = parse("""
                Deputy Chief of Staff of the Presidential Executive Office – Presidential Press Secretary Dmitry Peskov: Good afternoon everyone.
                Minister of Labour, Employment and Social Protection Anton Kotyakov: Thank you.
                Direct Line programme host Kirill Kleymenov: Welcome.
                """);

        assertThat(speakers(speech)).containsExactly("Dmitry Peskov", "Anton Kotyakov", "Kirill Kleymenov");
        assertThat(speech.author().role())
                .isEqualTo("Deputy Chief of Staff of the Presidential Executive Office – Presidential Press Secretary");
        assertThat(speech.speakers().get(1).role()).isEqualTo("Minister of Labour, Employment and Social Protection");
    }

    @Test
    void sentencesEndingInAColonAreNotSpeakers() {
        assertThat(SpeakerLabels.label("I will be frank: certainly, before coming here today.")).isNull();
        assertThat(SpeakerLabels.label("The telegram reads, in part:")).isNull();
        assertThat(SpeakerLabels.label("We agreed with Alexander Lukashenko: we will revise the treaty.")).isNull();
        assertThat(SpeakerLabels.label("In Moscow: snow.")).isNull();
        assertThat(SpeakerLabels.label("Show HN: A diff viewer for transcripts")).isNull();
        assertThat(parse("Just a note.\nNothing here: really.")).isNull();
    }

    @Test
    void aPrintCopyAndAWholePageCopyOfTheSameSpeechAreTheSameDocument() {
        Document print = parse("""
                Vladimir Putin: Colleagues,
                Let us begin.
                """);
        Document page = parse("""
                View settings
                Official website of the President of Russia
                News   /
                Meeting with Government members

                July 17, 2014, 20:00, The Kremlin, Moscow

                Vladimir Putin: Colleagues,

                Let us begin.
                """);

        assertThat(page.id()).isEqualTo(print.id());
        assertThat(page.title()).isEqualTo("Meeting with Government members");
        assertThat(page.text()).isEqualTo(print.text());
    }

    @Test
    void aDoubledCaptionLineIsAnAnnotationNotSpeech() {
        Document speech = parse("""
                Vladimir Putin:
                First paragraph.
                Russian President Vladimir Putin.
                Russian President Vladimir Putin.
                Second paragraph.
                """);

        assertThat(speech.text()).isEqualTo("First paragraph.\n\nSecond paragraph.");
        assertThat(speech.annotations()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(TranscriptParser.CAPTION);
            assertThat(a.offset()).isEqualTo("First paragraph.".length());
        });
    }

    @Test
    void russianLabelsWithInitialsAndUnnamedRemarksAreSpeakers() {
        Document speech = parse("""
                Версия для слабовидящих
                6 июня 2011
                Председатель Правительства В.В.Путин встретился в Сочи со стройотрядом
                Стенограмма:
                В.В.Путин: Здравствуйте!
                Реплика: Мы сейчас споём.
                В.В.Путин: Давайте.
                Д. Песков: Спасибо.
                """);

        assertThat(speakers(speech)).containsExactly("В.В.Путин", "Реплика", "Д. Песков");
        assertThat(speech.publishedAt()).isEqualTo(Instant.parse("2011-06-06T00:00:00Z"));
        assertThat(speech.title()).isEqualTo("Председатель Правительства В.В.Путин встретился в Сочи со стройотрядом");
        assertThat(speech.text()).isEqualTo("Здравствуйте!\n\nМы сейчас споём.\n\nДавайте.\n\nСпасибо.");
    }

    @Test
    void aLabelWithoutSpacesAfterItsCommaIsStillAName() {
        assertThat(SpeakerLabels.author("Smith,Jones", List.of()).name()).isEqualTo("Smith,Jones");
    }

    @Test
    void aTranslatorsRemarkAfterTheLabelIsNotPartOfTheName() {
        Document speech = parse("""
                President of Finland Sauli Niinisto (retranslated): Welcome!
                Vladimir Putin (via interpreter): Thank you.
                """);

        assertThat(speakers(speech)).containsExactly("Sauli Niinisto", "Vladimir Putin");
        assertThat(speech.text()).isEqualTo("Welcome!\n\nThank you.");
    }

    @Test
    void aSidebarHeadingOverABulletedListIsNeitherSpeakerNorTitle() {
        Document speech = parse("""
                Saker Message:
                  • No current Saker Message.
                Tag "annual news conference"
                Annual news conference (full text)
                President of Russia Vladimir Putin: Friends and colleagues.
                """);

        assertThat(speakers(speech)).containsExactly("Vladimir Putin");
        assertThat(speech.title()).isEqualTo("Annual news conference (full text)");
    }
}
