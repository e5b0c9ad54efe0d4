package org.speechforum.enrich.entities.eval;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.speechforum.enrich.entities.EntityPipeline;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quality floors: the build fails if tagging gets worse. Raise the floors when the figures rise (they only ever go
 * up); current figures are in docs/entities.md.
 */
class EntityEvalTest {

    private static EntityPipeline pipeline;

    @BeforeAll
    static void load() {
        pipeline = EntityPipeline.createRulesOnly();
    }

    @Test
    void seedMeetsTheIssueTargets() {
        EntityEval.Report r = EntityEval.evaluate(pipeline, GoldCorpus.SEED);
        r.print(System.out, "seed");
        for (String type : List.of("PERSON", "ORGANIZATION", "LOCATION")) {
            assertThat(r.documentF1(type)).as("seed document-level F1 " + type).isGreaterThanOrEqualTo(0.95);
        }
        assertThat(r.documentF1("ALL")).isGreaterThanOrEqualTo(0.99);
        assertThat(r.strictF1("ALL")).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void ownGoldTextsMeetTheFloor() {
        EntityEval.Report r = EntityEval.evaluate(pipeline, GoldCorpus.OWN);
        r.print(System.out, "own");
        for (String type : List.of("PERSON", "ORGANIZATION", "LOCATION")) {
            assertThat(r.documentF1(type)).as("own document-level F1 " + type).isGreaterThanOrEqualTo(0.90);
        }
        assertThat(r.documentF1("ALL")).isGreaterThanOrEqualTo(0.96);
        assertThat(r.strictF1("ALL")).isGreaterThanOrEqualTo(0.96);
    }

    @Test
    void theCommentsLinkToTheSpeechesIds() {
        var docs = GoldCorpus.load("seed.gold.txt");
        var speech = pipeline.tag(docs.getFirst().text(), false, org.speechforum.enrich.entities.ThreadContext.NONE);
        var speechIds = speech.stream().map(org.speechforum.contracts.Entity::id).toList();
        assertThat(speechIds).contains("Q7747");
        var ids = new java.util.HashMap<String, String>();
        for (var doc : docs.subList(1, docs.size())) {
            for (var e : pipeline.tag(doc.text(), true, org.speechforum.enrich.entities.ThreadContext.NONE)) {
                e.mentions().forEach(m -> ids.put(m.text(), e.id()));
            }
        }
        assertThat(ids).containsEntry("Putin", "Q7747").containsEntry("Kremlin", "sf:organization:kremlin")
                .containsEntry("NATO", "Q7184").containsEntry("EU", "Q458").containsEntry("Lenin", "Q1394")
                .containsEntry("Stalin", "Q855").containsEntry("Khrushchev", "Q35452")
                .containsEntry("Latin America", "Q12585");
    }
}
