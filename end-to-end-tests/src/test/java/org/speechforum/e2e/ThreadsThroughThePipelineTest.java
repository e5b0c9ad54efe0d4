package org.speechforum.e2e;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.DocumentIds;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.speechforum.e2e.RunningPipeline.JSON;

/**
 * Threads decided in enrich-service and served by query-service, through all three services: the seed's copied
 * thread comes back as speech → c1 → (c2 → c3), c4; a discussion quoting a speech is linked to it whether the
 * speech arrives before or after.
 */
class ThreadsThroughThePipelineTest {

    private final RunningPipeline pipeline = RunningPipeline.get();

    @Test
    void theSeedThreadComesBackAsSpeechThenCommentsNested() throws Exception {
        RunningPipeline.SeedIds seed = pipeline.seed();
        List<String> c = seed.comments();

        JsonNode thread = pipeline.awaitThread(seed.speech(), t -> t.get("size").asInt() == 5 && t.get("replyCount").asInt() == 4);

        assertThat(shape(thread.get("root"), seed)).isEqualTo("speech(c1(c2(c3),c4))");
        assertThat(thread.get("speech").get("id").asString()).isEqualTo(seed.speech());
        assertThat(thread.get("participantCount").asInt()).isEqualTo(4);
        assertThat(thread.get("root").get("kind").asString()).isEqualTo("SPEECH");
        JsonNode c3 = JSON.readTree(pipeline.get(pipeline.query("/api/v1/documents/" + c.get(2))).body());
        assertThat(c3.get("thread").get("path")).hasSize(4);
        assertThat(c3.get("thread").get("rootId").asString()).isEqualTo(seed.speech());
    }

    @Test
    void aDiscussionQuotingASpeechIsLinkedToItInEitherArrivalOrder() throws Exception {
        for (boolean speechFirst : new boolean[]{true, false}) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            String source = "links-" + run;
            String passage = "Latin Americans have always strived for independence, and the history of your continent"
                    + " is full of the most notable examples " + source;
            String speech = """
                    {"kind":"SPEECH","source":"%1$s","externalId":"speech","title":"Speech","url":"http://en.kremlin.ru/events/%2$s",
                     "text":"Let me note that views on international issues traditionally have a lot in common. %3$s. This happened during the period of struggle against colonialism.","author":{"name":"Vladimir Putin"},
                     "publishedAt":"2024-06-01T09:00:00Z"}""".formatted(source, run, passage);
            String discussion = """
                    [{"kind":"POST","source":"%1$s","externalId":"post","text":"Putin on the Arctic: http://en.kremlin.ru/events/%2$s",
                      "author":{"handle":"op","instance":"lemmy.example"},"publishedAt":"2024-06-01T11:00:00Z"},
                     {"kind":"COMMENT","source":"%1$s","externalId":"q","parentExternalId":"post",
                      "text":"He said: latin americans have always strived for independance and the history of your continent is full of the most notable examples %1$s - rich, coming from him.",
                      "author":{"handle":"reader","instance":"lemmy.example"},"publishedAt":"2024-06-01T11:05:00Z"}]
                    """.formatted(source, run);
            String speechId = DocumentIds.of(source, "speech");
            String postId = DocumentIds.of(source, "post");
            if (speechFirst) {
                post(speech);
                pipeline.awaitThread(speechId, t -> t.get("size").asInt() == 1);
                post(discussion);
            } else {
                post(discussion);
                pipeline.awaitThread(postId, t -> t.get("size").asInt() == 2);
                post(speech);
            }

            // The speech most linked from the thread: the URL's DISCUSSES counts double (a similar speech from the
            // other round may be quoted too).
            JsonNode thread = pipeline.awaitThread(postId, t -> t.get("size").asInt() == 2 && !t.get("speech").isNull()
                    && speechId.equals(t.get("speech").get("id").asString()));
            assertThat(thread.get("speech").get("id").asString()).as(speechFirst ? "speech first" : "speech last")
                    .isEqualTo(speechId);
            JsonNode quoting = JSON.readTree(pipeline.get(pipeline.query("/api/v1/documents/"
                    + DocumentIds.of(source, "q"))).body());
            JsonNode quote = null;
            for (JsonNode link : quoting.path("links")) {
                if ("QUOTES".equals(link.get("type").asString()) && speechId.equals(link.get("targetId").asString())) {
                    quote = link;
                }
            }
            assertThat(quote).as("a QUOTES link to the speech in " + quoting).isNotNull();
            String quoted = quoting.get("text").asString().substring(quote.get("start").asInt(), quote.get("end").asInt());
            assertThat(quoted).startsWith("latin americans").endsWith(source);
        }
    }

    private void post(String json) throws Exception {
        HttpResponse<String> answer = pipeline.postJson(pipeline.ingest("/api/v1/documents"), json);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    private static String shape(JsonNode node, RunningPipeline.SeedIds seed) {
        String id = node.get("id").asString();
        String label = id.equals(seed.speech()) ? "speech" : "c" + (seed.comments().indexOf(id) + 1);
        List<String> children = new ArrayList<>();
        node.get("children").forEach(child -> children.add(shape(child, seed)));
        children.sort(null); // siblings come oldest first; the seed's copied comments share one date
        return children.isEmpty() ? label : label + "(" + String.join(",", children) + ")";
    }
}
