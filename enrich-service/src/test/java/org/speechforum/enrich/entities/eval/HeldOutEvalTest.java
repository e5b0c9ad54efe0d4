package org.speechforum.enrich.entities.eval;

import org.junit.jupiter.api.Test;
import org.speechforum.enrich.entities.EntityPipeline;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Floors on the held-out real pages in the configuration users run (the model is shared with the other tests of this
 * JVM). The floors hold the measured level (docs/entities.md, "Held-out real pages"); they only go up, and only
 * through changes found on other texts, never by tuning on these pages.
 */
class HeldOutEvalTest {

    @Test
    void theDefaultConfigurationKeepsItsScoresOnPagesNobodyHereWrote() {
        HeldOutEval.Scores scores = HeldOutEval.evaluate(EntityPipeline.createDefault());
        scores.print(System.out, "held-out real pages, default configuration");
        assertFloors(scores, 20, 0.92, 0.95, 0.78, 0.95);
    }

    /**
     * The dev set (tuned on, not held out: docs/entities.md "Dev set") keeps the level its fixes reached on
     * 2026-12-06 (ALL 0.911, PERSON 0.898, ORGANIZATION 0.885, LOCATION 0.939), less a margin of one entity or so.
     */
    @Test
    void theDefaultConfigurationKeepsItsScoresOnTheDevPages() {
        HeldOutEval.Scores scores = HeldOutEval.evaluate(EntityPipeline.createDefault(), HeldOutEval.DEV);
        scores.print(System.out, "dev pages, default configuration");
        assertFloors(scores, 20, 0.90, 0.88, 0.86, 0.92);
    }

    /**
     * The second held-out set (spent 2026-12-06: scored blind once at ALL 0.807, then read for fixes; docs/entities.md
     * "Held-out real pages") keeps the level its fixes reached (ALL 0.850, PERSON 0.898, ORGANIZATION 0.697,
     * LOCATION 0.928, after the model-organisation support rule, the capitals speaker labels and the heading words), less 0.01.
     */
    @Test
    void theDefaultConfigurationKeepsItsScoresOnTheSecondSet() {
        HeldOutEval.Scores scores = HeldOutEval.evaluate(EntityPipeline.createDefault(), HeldOutEval.SECOND);
        scores.print(System.out, "second held-out set (spent), default configuration");
        assertFloors(scores, 27, 0.840, 0.888, 0.687, 0.918);
    }

    /**
     * The third held-out set (spent 2026-12-06: scored blind once at ALL 0.840, then read for fixes; docs/entities.md
     * "Held-out real pages") keeps the level its fixes reached (ALL 0.870, PERSON 0.913, ORGANIZATION 0.621,
     * LOCATION 0.936), less 0.01.
     */
    @Test
    void thirdSetKeepsItsLevel() {
        HeldOutEval.Scores scores = HeldOutEval.evaluate(EntityPipeline.createDefault(), HeldOutEval.THIRD);
        assertFloors(scores, 25, 0.860, 0.903, 0.611, 0.926);
    }

    /** At least {@code pages} pages, and each document-level F1 (PERSON+ORGANIZATION+LOCATION, then by type) at its floor. */
    private static void assertFloors(HeldOutEval.Scores scores, int pages, double all, double person,
                                     double organization, double location) {
        assertThat(scores.pages()).isGreaterThanOrEqualTo(pages);
        assertThat(scores.f1("ALL")).as("document-level F1, PERSON+ORGANIZATION+LOCATION").isGreaterThanOrEqualTo(all);
        assertThat(scores.f1("PERSON")).as("PERSON F1").isGreaterThanOrEqualTo(person);
        assertThat(scores.f1("ORGANIZATION")).as("ORGANIZATION F1").isGreaterThanOrEqualTo(organization);
        assertThat(scores.f1("LOCATION")).as("LOCATION F1").isGreaterThanOrEqualTo(location);
    }
}
