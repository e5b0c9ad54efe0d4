package org.speechforum.query.watch;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.localstack.TestEngines;
import org.speechforum.query.QueryServiceApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.speechforum.query.QueryTestClient.JSON;
import static org.speechforum.query.QueryTestClient.enriched;
import static org.speechforum.query.QueryTestClient.send;

/**
 * A watch survives a restart of query-service: created on one instance, which is then stopped, it is listed by the
 * next one (read back from watches.v1) and announces a document indexed after the restart over Server-Sent Events.
 */
class WatchRestartTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext start() {
        return QueryServiceApplication.application().run("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestEngines.kafkaBootstrapServers(),
                "--spring.elasticsearch.uris=" + TestEngines.elasticsearchUrl());
    }

    private static URI uri(ConfigurableApplicationContext context, String path) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Test
    void aWatchCreatedBeforeARestartIsListedAndAnnouncesAfterIt() throws Exception {
        String word = "restarted" + UUID.randomUUID().toString().replace("-", "");
        String id;
        try (ConfigurableApplicationContext first = start()) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(uri(first, "/api/v1/watches"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Survives\",\"q\":\"" + word + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            id = JSON.readTree(created.body()).get("id").asString();
        }

        try (ConfigurableApplicationContext second = start()) {
            HttpResponse<String> listed = http.send(HttpRequest.newBuilder(uri(second, "/api/v1/watches/" + id))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            assertThat(JSON.readTree(listed.body()).get("name").asString()).isEqualTo("Survives");

            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            HttpResponse<Stream<String>> events = http.sendAsync(HttpRequest.newBuilder(
                            uri(second, "/api/v1/watches/" + id + "/events"))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines())
                    .get(10, TimeUnit.SECONDS);
            assertThat(events.statusCode()).isEqualTo(200);
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    events.body().forEach(lines::add);
                } catch (RuntimeException e) {
                    // closed at the end of the test
                }
            });
            assertThat(lines.poll(10, TimeUnit.SECONDS)).contains("watching " + id);

            Document matching = enriched(word + "-after", "Indexed after the restart: " + word + ".");
            send(matching);
            JsonNode match = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            boolean inMatch = false;
            while (match == null && System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                if (line.startsWith("event:")) {
                    inMatch = line.contains("match");
                } else if (inMatch && line.startsWith("data:")) {
                    match = JSON.readTree(line.substring(5).strip());
                }
            }
            assertThat(match).as("a match event after the restart").isNotNull();
            assertThat(match.get("documentId").asString()).isEqualTo(matching.id());
            reader.interrupt();
            http.send(HttpRequest.newBuilder(uri(second, "/api/v1/watches/" + id)).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }
}
