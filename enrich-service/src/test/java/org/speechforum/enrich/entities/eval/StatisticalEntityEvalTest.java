package org.speechforum.enrich.entities.eval;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.speechforum.enrich.entities.EntityPipeline;
import org.speechforum.nlp4j.Nlp4jModel;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quality floors for the configuration users run (statistical layer on, enrich-service's default). The model is
 * loaded once per test JVM (30-70 s, ~1.5 GB) and shared with EnrichmentFlowTest. Floors only ever rise; figures are
 * in docs/entities.md.
 */
class StatisticalEntityEvalTest {

    private static EntityPipeline pipeline;

    @BeforeAll
    static void load() {
        assertThat(Nlp4jModel.available()).as("NLP4J model on enrich-service's classpath").isTrue();
        pipeline = EntityPipeline.createDefault();
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
