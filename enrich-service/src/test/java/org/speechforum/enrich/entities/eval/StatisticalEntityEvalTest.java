package org.speechforum.enrich.entities.eval;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.speechforum.enrich.entities.EntityPipeline;
import org.speechforum.enrich.entities.StatisticalRecogniser;
import org.speechforum.nlp4j.Nlp4jModel;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Quality floors for the configuration with the statistical layer on (enrich.entities.statistical.enabled=true).
 * Runs only where the NLP4J model is on the classpath, i.e. with the Maven profile statistical-ner (CI uses it);
 * loading the model takes 30-70 s and ~1.5 GB. Floors only ever rise; figures are in docs/entities.md.
 */
class StatisticalEntityEvalTest {

    private static EntityPipeline pipeline;

    @BeforeAll
    static void load() {
        assumeTrue(Nlp4jModel.available(), "NLP4J model not on the classpath: run with -P statistical-ner");
        pipeline = EntityPipeline.createWithStatistical(StatisticalRecogniser.NAME_TYPES);
    }

    @Test
    void seedKeepsItsFiguresWithTheModelOn() {
        EntityEval.Report r = EntityEval.evaluate(pipeline, GoldCorpus.SEED);
        r.print(System.out, "seed, statistical layer on");
        for (String type : List.of("PERSON", "ORGANIZATION", "LOCATION")) {
            assertThat(r.documentF1(type)).as("seed document-level F1 " + type).isGreaterThanOrEqualTo(0.95);
        }
        assertThat(r.documentF1("ALL")).isGreaterThanOrEqualTo(0.99);
        assertThat(r.strictF1("ALL")).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void ownGoldTextsGainFromTheModel() {
        EntityEval.Report r = EntityEval.evaluate(pipeline, GoldCorpus.OWN);
        r.print(System.out, "own, statistical layer on");
        for (String type : List.of("PERSON", "ORGANIZATION", "LOCATION")) {
            assertThat(r.documentF1(type)).as("own document-level F1 " + type).isGreaterThanOrEqualTo(0.95);
        }
        assertThat(r.documentF1("ALL")).isGreaterThanOrEqualTo(0.98);
        assertThat(r.strictF1("ALL")).isGreaterThanOrEqualTo(0.98);
    }
}
