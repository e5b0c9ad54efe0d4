package org.speechforum.query.watch;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.query.QueryServiceIntegrationTest;
import org.speechforum.query.QueryTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.speechforum.query.QueryTestClient.JSON;
import static org.speechforum.query.QueryTestClient.enriched;
import static org.speechforum.query.QueryTestClient.send;

/**
 * A watch on the real stack: created over HTTP, followed with a real SSE client, fed through
 * {@code documents.enriched.v1} into Elasticsearch; only the matching document is announced; delete removes it.
 */
@QueryServiceIntegrationTest
class WatchesTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Test
    void aWatchAnnouncesOnlyTheMatchingDocumentOverServerSentEventsAndCanBeDeleted() throws Exception {
        String word = "watched" + UUID.randomUUID().toString().replace("-", "");
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(uri("/api/v1/watches"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Test watch\",\"q\":\"" + word + "\",\"filters\":{\"kind\":[\"SPEECH\"]}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asString();
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/api/v1/watches/" + id);

        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = http.sendAsync(
                HttpRequest.newBuilder(uri("/api/v1/watches/" + id + "/events"))
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> events = stream.get(10, TimeUnit.SECONDS);
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                events.body().forEach(lines::add);
            } catch (RuntimeException e) {
                // closed at the end of the test
            }
        });
        // The comment ":watching <id>" says the stream is registered before anything is published.
        assertThat(lines.poll(10, TimeUnit.SECONDS)).contains("watching " + id);

        String otherWord = "unwatched" + UUID.randomUUID().toString().replace("-", "");
        Document other = enriched(otherWord, "A speech about " + otherWord + " and nothing else.");
        Document matching = enriched(word + "-match", "The partners discussed " + word + " at the summit.");
        long sent = System.nanoTime();
        send(other, matching);

        List<JsonNode> matches = new ArrayList<>();
        List<String> names = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (matches.isEmpty() && System.nanoTime() < deadline) {
            collect(lines, 200, matches, names);
        }
        // Publish to the topic -> indexed -> matched -> watches.matches.v1 -> SSE; printed for docs/watches.md.
        System.out.printf("watch-latency-ms=%d%n", (System.nanoTime() - sent) / 1_000_000);
        new QueryTestClient(port).awaitHits(otherWord, 1); // the other document was indexed too
        collect(lines, 3000, matches, names); // anything further, e.g. the other document, would arrive by now
        assertThat(matches).as("match events").hasSize(1);
        JsonNode match = matches.get(0);
        assertThat(match.get("watchId").asString()).isEqualTo(id);
        assertThat(match.get("documentId").asString()).isEqualTo(matching.id());
        assertThat(match.get("title").asString()).isEqualTo(matching.title());
        assertThat(names).containsOnly("match");

        JsonNode list = JSON.readTree(get("/api/v1/watches").body());
        assertThat(list.get("watches").toString()).contains(id, "Test watch", word);

        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(uri("/api/v1/watches/" + id)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(204);
        HttpResponse<String> gone = get("/api/v1/watches/" + id);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(get("/api/v1/watches").body()).get("watches").toString()).doesNotContain(id);
        // The open stream is told and closed.
        List<String> after = new ArrayList<>();
        collect(lines, 3000, new ArrayList<>(), after);
        assertThat(after).contains("deleted");
        reader.interrupt();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads SSE lines for up to {@code millis}: the data of each event 'match', and every event's name. */
    private static void collect(BlockingQueue<String> lines, long millis, List<JsonNode> matches, List<String> names)
            throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        String event = "message";
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                return;
            }
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
                names.add(event);
            } else if (line.startsWith("data:") && event.equals("match")) {
                matches.add(JSON.readTree(line.substring(5).strip()));
            } else if (line.isEmpty()) {
                event = "message";
            }
        }
    }
}
