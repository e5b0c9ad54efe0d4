package org.speechforum.enrich.entities;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Entity;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The general measures found on the spent held-out sets' error lists, on the third set's pages
 * ({@code entities/heldout/pages-third-*.txt}, docs/entities.md "Held-out real pages"), each on the sentence of the page where the model proposed the span (the
 * model's span is given, so the test needs no model; the rules run as in the default configuration).
 */
class ThirdSetRepairsTest {

    private static EntityPipeline rules;

    @BeforeAll
    static void load() {
        rules = EntityPipeline.createRulesOnly();
    }

    /** Spans the model proposes: "TYPE surface" each, at the surface's first occurrence. */
    private static List<String> tagWithModel(String text, String... spans) {
        Recogniser model = at -> {
            List<Candidate> out = new ArrayList<>();
            for (String span : spans) {
                int sp = span.indexOf(' ');
                EntityType type = EntityType.valueOf(span.substring(0, sp));
                String surface = span.substring(sp + 1);
                int start = text.indexOf(surface);
                out.add(new Candidate(start, start + surface.length(), type, null, null,
                        Candidate.Source.STATISTICAL));
            }
            return out;
        };
        return new EntityPipeline(rules.segmenter(), rules.gazetteer(), List.of(model))
                .tag(text, false, ThreadContext.NONE).stream().map(e -> e.type() + " " + e.name()).toList();
    }

    @Test
    void aModelOrganisationOfSeveralWordsWithoutSupportIsDropped() {
        // ca-gould-sahel-news-release: the portfolio of a minister's title, proposed by the model alone
        String text = "During a virtual ministerial round table on the humanitarian situation in the Central Sahel,"
                + " the Honourable Karina Gould, Minister of International Development, pledged to increase"
                + " Canada’s international assistance in the region.";
        assertThat(tagWithModel(text, "ORGANIZATION International Development"))
                .doesNotContain("ORGANIZATION International Development");
        // ec-news-team-europe-stock-take: an investment strategy, not an organisation
        String strategy = "For example, the Team Europe approach has been the main delivery mechanism of the EU's"
                + " Global Gateway investment strategy.";
        assertThat(tagWithModel(strategy, "ORGANIZATION Global Gateway"))
                .doesNotContain("ORGANIZATION Global Gateway");
    }

    @Test
    void aModelOrganisationWithAHeadWordAnAcronymOrOneWordIsKept() {
        // a voa page of the second set: "White House" has its head word; a single word is left to the model
        String text = "FILE - President Donald Trump waves as he leaves the White House in Washington, Oct.";
        assertThat(tagWithModel(text, "ORGANIZATION White House")).contains("ORGANIZATION White House");
        // ukgov-sunak-oman (second set)
        String hamas = "That would require Israel’s security to be guaranteed, Hamas no longer in charge in Gaza, and a"
                + " bolstered Palestinian Authority.";
        assertThat(tagWithModel(hamas, "ORGANIZATION Hamas")).contains("ORGANIZATION Hamas");
        assertThat(EntityPipeline.dropUnsupportedModelOrganisations("the Ford Foundation said",
                List.of(new Candidate(4, 19, EntityType.ORGANIZATION, null, null, Candidate.Source.STATISTICAL))))
                .hasSize(1);
    }

    @Test
    void aSpeakerLabelInCapitalsReadsOnPastAMiddleInitial() {
        // dod-austin-nato-ministerial-briefing (second set): the model stopped at "JOHN F"
        String text = "PRESS SECRETARY JOHN F. KIRBY: Good afternoon, ladies and gentlemen.";
        assertThat(tagWithModel(text, "PERSON JOHN F")).contains("PERSON JOHN F. KIRBY")
                .doesNotContain("PERSON JOHN F");
        // dod-waldhauser-africom-briefing (third set): the model stopped after "THOMAS D."
        String label = "GENERAL THOMAS D. WALDHAUSER:  Good afternoon everybody it's -- it's Friday afternoon";
        assertThat(tagWithModel(label, "PERSON THOMAS D.")).contains("PERSON THOMAS D. WALDHAUSER");
    }

    @Test
    void aSpeakerLabelInCapitalsIsThePersonNamedInFull() {
        // dod-austin-laos-briefing (second set): the label below the full name in the page's title
        String text = "Secretary of Defense Lloyd J. Austin III Holds an On-Camera, On-the-Record Press Briefing in"
                + " Laos\n\nSECRETARY OF DEFENSE LLOYD AUSTIN: It's great to be back at the ADMM-Plus for my fourth"
                + " time as Secretary.";
        List<String> tagged = tagWithModel(text, "PERSON Lloyd J. Austin III", "PERSON LLOYD AUSTIN");
        assertThat(tagged).contains("PERSON Lloyd J. Austin III").doesNotContain("PERSON LLOYD AUSTIN");
    }

    @Test
    void aPersonSpanWithAHeadingOrEventWordIsNoPerson() {
        // treasury-yellen-musokotwane (third set)
        String text = "It’s a pleasure to see you again following the Finance Ministers Dinner that I hosted at the"
                + " U.S. Treasury in October.";
        assertThat(tagWithModel(text, "PERSON Ministers Dinner")).doesNotContain("PERSON Ministers Dinner");
        // dod-waldhauser-africom-briefing (third set): the heading; the general is kept
        String heading = "Department of Defense Press Briefing on U.S. Africa Command by General Thomas D. Waldhauser";
        assertThat(tagWithModel(heading, "PERSON Press Briefing", "PERSON Thomas D. Waldhauser"))
                .doesNotContain("PERSON Press Briefing").contains("PERSON Thomas D. Waldhauser");
    }
}
