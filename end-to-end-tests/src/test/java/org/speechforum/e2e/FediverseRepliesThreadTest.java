package org.speechforum.e2e;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.speechforum.e2e.RunningPipeline.JSON;

/**
 * Real fediverse objects (the ActivityPub fixtures copied from the Lemmy project): where a fixture set holds a
 * reply and the post it replies to, both go through ingest, and the thread endpoint shows the reply under it,
 * whatever server published the reply (a Pleroma note replying to a Lemmy page joins that page's thread).
 */
class FediverseRepliesThreadTest {

    private static final Path FIXTURES = Path.of(System.getProperty("project.root"),
            "ingest-service/src/test/resources/activitypub");

    private final RunningPipeline pipeline = RunningPipeline.get();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void repliesFromLemmyPleromaLotideAndGnuSocialThreadOntoTheirParents() throws Exception {
        String lemmyPage = post("lemmy/objects/page.json");
        String lemmyComment = post("lemmy/objects/comment.json");
        String pleromaNote = post("pleroma/objects/note.json");
        String lotidePage = post("lotide/objects/page.json");
        String lotideNote = post("lotide/objects/note.json");
        String gnuPage = post("gnusocial/objects/page.json");
        String gnuNote = post("gnusocial/objects/note.json");

        assertThat(childrenOf(lemmyPage, 2)).contains(lemmyComment, pleromaNote);
        assertThat(childrenOf(lotidePage, 1)).containsExactly(lotideNote);
        assertThat(childrenOf(gnuPage, 1)).containsExactly(gnuNote);
    }

    /** Posts one fixture as it is and returns the id of the document it became. */
    private String post(String fixture) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(pipeline.ingest("/api/v1/activitypub"))
                .header("Content-Type", "application/activity+json")
                .header("X-API-Key", RunningPipeline.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(FIXTURES.resolve(fixture))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(fixture + ": " + answer.body()).isEqualTo(202);
        return JSON.readTree(answer.body()).get("documents").get(0).get("id").asString();
    }

    /** Waits until the thread of {@code rootId} has at least {@code expected} direct replies and returns their ids. */
    private List<String> childrenOf(String rootId, int expected) throws Exception {
        URI uri = pipeline.query("/api/v1/threads/" + rootId);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> children = List.of();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = pipeline.get(uri);
            if (answer.statusCode() == 200) {
                JsonNode root = JSON.readTree(answer.body()).get("root");
                List<String> found = new ArrayList<>();
                root.get("children").forEach(c -> found.add(c.get("id").asString()));
                children = found;
                if (children.size() >= expected) {
                    return children;
                }
            }
            Thread.sleep(300);
        }
        return children;
    }
}
