package org.speechforum.e2e;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.speechforum.e2e.RunningPipeline.JSON;

/** The real sample end to end: uploaded as copied text, parsed, tagged, indexed, then asked for as a dashboard would. */
class SeedThroughThePipelineTest {

    private final RunningPipeline pipeline = RunningPipeline.get();

    @Test
    void theSeedBecomesOneSpeechAndFourCommentsSearchableByTextAndEntity() throws Exception {
        RunningPipeline.SeedIds seed = pipeline.seed();
        assertThat(seed.comments()).hasSize(4);

        JsonNode speech = json("/api/v1/documents/" + seed.speech());
        assertThat(speech.get("kind").asString()).isEqualTo("SPEECH");

        JsonNode brics = json("/api/v1/search?q=BRICS&source=seed-e2e");
        assertThat(brics.get("hits").get(0).get("id").asString()).isEqualTo(seed.speech());
        assertThat(brics.get("hits").get(0).get("highlight").toString()).contains("<mark>BRICS</mark>");

        JsonNode castro = json("/api/v1/search?entity=Q11256&source=seed-e2e");
        assertThat(ids(castro.get("hits"))).containsExactly(seed.speech());

        // Putin speaks the speech (ingest takes his header line out of the text): it is on his entity filter,
        // and the speech's entity Q7747 says he spoke it, with his role.
        JsonNode putinSpoke = json("/api/v1/search?entity=Q7747&kind=SPEECH&source=seed-e2e");
        assertThat(ids(putinSpoke.get("hits"))).containsExactly(seed.speech());
        JsonNode speaker = null;
        for (JsonNode e : speech.get("entities")) {
            if (e.get("id").asString().equals("Q7747")) {
                speaker = e;
            }
        }
        assertThat(speaker).as("Q7747 among the speech's entities").isNotNull();
        assertThat(speaker.get("spoken").asBoolean()).isTrue();
        assertThat(speaker.get("role").asString()).isEqualTo("President of Russia");

        JsonNode lenin = json("/api/v1/entities/Q1394");
        List<String> leninDocuments = ids(lenin.get("documents"));
        assertThat(leninDocuments).isNotEmpty().allMatch(seed.comments()::contains);

        JsonNode putin = json("/api/v1/stats/mentions?entity=Q7747&interval=year");
        assertThat(putin.get("series").get(0).get("points")).isNotEmpty();
        assertThat(json("/api/v1/stats/top-entities?type=PERSON")).isNotEmpty();
        assertThat(json("/api/v1/stats/activity?by=source&interval=year").get("series").toString())
                .contains("seed-e2e");
    }

    private JsonNode json(String path) throws Exception {
        var answer = pipeline.get(pipeline.query(path));
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static List<String> ids(JsonNode nodes) {
        List<String> ids = new ArrayList<>();
        nodes.forEach(n -> ids.add(n.get("id").asString()));
        return ids;
    }
}
