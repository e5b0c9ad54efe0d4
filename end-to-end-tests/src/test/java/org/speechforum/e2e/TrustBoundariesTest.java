package org.speechforum.e2e;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.speechforum.e2e.RunningPipeline.JSON;

/**
 * The trust boundaries through all three services and the real index: a note of {@code victim.example} is
 * indexed; forged activities (another host, another user, an Announce vouching for it, a forged Undo), a zip
 * bomb, and hostile requests to every service are each refused with a problem+json that shows nothing of the
 * internals; afterwards the note is still in the index unchanged and no forged word is searchable. Then its own
 * author deletes it, and the Kafka tombstone removes it from the index.
 */
class TrustBoundariesTest {

    /** What only a library's, Tomcat's or the JVM's own text contains: never in an answer. */
    private static final String[] INTERNALS = {"Exception", "\tat ", "<html", "org.springframework", "org.apache",
            "tools.jackson", "com.fasterxml", "java.lang", "Tomcat", "Cannot ", "Failed to convert", "<script>"};

    private final RunningPipeline pipeline = RunningPipeline.get();
    private final HttpClient http = HttpClient.newHttpClient();

    record Hostile(String name, String method, URI uri, String contentType, byte[] body, String encoding, int status) {
    }

    @Test
    void forgedActivitiesAndHostileRequestsChangeNothingAndTheOwnDeleteDoes() throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String original = "original" + run;
        String forged = "forged" + run;
        String noteId = "https://victim.example/notes/" + run;
        String note = "{\"id\":\"" + noteId + "\",\"type\":\"Note\",\"attributedTo\":\"https://victim.example/u/alice\","
                + "\"content\":\"<p>%s words of Alice</p>\",\"to\":[\"https://www.w3.org/ns/activitystreams#Public\"]}";

        HttpResponse<String> created = activity("{\"type\":\"Create\",\"actor\":\"https://victim.example/u/alice\","
                + "\"object\":" + note.formatted(original) + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String documentId = JSON.readTree(created.body()).get("documents").get(0).get("id").asString();
        awaitStatus(documentId, 200);

        List<Hostile> corpus = hostile(note.formatted(forged), noteId);
        List<String> report = new ArrayList<>();
        for (Hostile c : corpus) {
            HttpResponse<String> answer = send(c);
            report.add(c.status() + " " + c.name());
            assertThat(answer.statusCode()).as(c.name() + ": " + answer.body()).isEqualTo(c.status());
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(c.name())
                    .startsWith("application/problem+json");
            assertThat(answer.body()).as(c.name()).doesNotContain(INTERNALS).contains("\"detail\"");
        }
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(20);

        // A later accepted document has been indexed: what came before it through the same pipeline has too.
        String sentinel = "sentinel" + run;
        HttpResponse<String> after = activity("{\"type\":\"Create\",\"actor\":\"https://victim.example/u/alice\","
                + "\"object\":" + note.formatted(sentinel).replace(noteId, noteId + "-sentinel") + "}");
        awaitStatus(JSON.readTree(after.body()).get("documents").get(0).get("id").asString(), 200);

        JsonNode stored = JSON.readTree(pipeline.get(pipeline.query("/api/v1/documents/" + documentId)).body());
        assertThat(stored.get("text").asString()).as("unchanged by the forgeries").contains(original)
                .doesNotContain(forged);
        JsonNode hits = JSON.readTree(pipeline.get(pipeline.query("/api/v1/search?q=" + forged)).body());
        assertThat(hits.path("total").asLong(0)).as("no forged word indexed").isZero();

        // Its own author deletes it: 202, and the tombstone removes it from the index.
        HttpResponse<String> deleted = activity("{\"type\":\"Delete\",\"actor\":\"https://victim.example/u/alice\","
                + "\"object\":\"" + noteId + "\"}");
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(202);
        awaitStatus(documentId, 404);
        System.out.println("Trust-boundary corpus through the pipeline:\n  " + String.join("\n  ", report));
    }

    private List<Hostile> hostile(String forgedNote, String noteId) throws Exception {
        URI apub = pipeline.ingest("/api/v1/activitypub");
        String ap = "application/activity+json";
        List<Hostile> cases = new ArrayList<>(List.of(
                post("Delete from another host", apub, ap, "{\"type\":\"Delete\",\"actor\":\"https://evil.example/u/m\","
                        + "\"object\":\"" + noteId + "\"}", 403),
                post("Update from another host", apub, ap, "{\"type\":\"Update\",\"actor\":\"https://evil.example/u/m\","
                        + "\"object\":" + forgedNote + "}", 403),
                post("Update by another user of the host", apub, ap, "{\"type\":\"Update\","
                        + "\"actor\":\"https://victim.example/u/mallory\",\"object\":" + forgedNote + "}", 403),
                post("Create over it from another host", apub, ap, "{\"type\":\"Create\","
                        + "\"actor\":\"https://evil.example/u/m\",\"object\":" + forgedNote + "}", 403),
                post("Announce of a rewritten copy", apub, ap, "{\"type\":\"Announce\","
                        + "\"actor\":\"https://evil.example/u/m\",\"object\":" + forgedNote + "}", 403),
                post("Announce wrapping a forged Delete", apub, ap, "{\"type\":\"Announce\","
                        + "\"actor\":\"https://victim.example/c/main\",\"object\":{\"type\":\"Delete\","
                        + "\"actor\":\"https://evil.example/u/m\",\"object\":\"" + noteId + "\"}}", 403),
                post("Undo of Alice's activity by Mallory", apub, ap, "{\"type\":\"Undo\","
                        + "\"actor\":\"https://victim.example/u/mallory\",\"object\":{\"type\":\"Create\","
                        + "\"actor\":\"https://victim.example/u/alice\",\"object\":\"" + noteId + "\"}}", 403),
                post("Delete without actor", apub, ap, "{\"type\":\"Delete\",\"object\":\"" + noteId + "\"}", 400),
                post("Delete by a look-alike host", apub, ap, "{\"type\":\"Delete\","
                        + "\"actor\":\"https://victim.example.evil.example/u/m\",\"object\":\"" + noteId + "\"}", 403),
                post("canonical JSON with text 42 and deleted=true", pipeline.ingest("/api/v1/documents"), "application/json",
                        "{\"kind\":\"POST\",\"source\":\"victim.example\",\"externalId\":\"" + noteId
                                + "\",\"text\":" + 42 + ",\"deleted\":true}", 400),
                new Hostile("zip bomb", "POST", apub, ap, gzip(("{\"type\":\"Note\",\"id\":\"" + noteId + "\",\"content\":\""
                        + " ".repeat(12_000_000) + "\"}").getBytes(StandardCharsets.UTF_8)), "gzip", 413),
                new Hostile("brotli body", "POST", apub, ap, forgedNote.getBytes(StandardCharsets.UTF_8), "br", 415),
                new Hostile("no key", "POST", apub, ap, forgedNote.getBytes(StandardCharsets.UTF_8), null, 401)));
        for (var service : List.of("ingest", "enrich", "query")) {
            cases.add(get(service + ": NUL in the path", uri(service, "/api/v1/a%00b"), 400));
            cases.add(get(service + ": encoded slash", uri(service, "/api/v1/..%2F..%2Factuator%2Fenv"), 400));
            cases.add(get(service + ": actuator env not exposed", uri(service, "/actuator/env"), 404));
            cases.add(get(service + ": unknown path", uri(service, "/admin"), 404));
        }
        cases.add(get("query: size of the wrong type", pipeline.query("/api/v1/search?q=x&size=ten"), 400));
        cases.add(get("query: date of the wrong form", pipeline.query("/api/v1/search?q=x&from=1e9"), 400));
        cases.add(get("query: forged cursor", pipeline.query("/api/v1/search?cursor=e30"), 400));
        cases.add(get("query: unknown document", pipeline.query("/api/v1/documents/%3Cscript%3E"), 404));
        cases.add(new Hostile("query: DELETE on the read API", "DELETE", pipeline.query("/api/v1/documents/x"), null,
                null, null, 405));
        return cases;
    }

    private URI uri(String service, String path) {
        return switch (service) {
            case "ingest" -> pipeline.ingest(path);
            case "enrich" -> pipeline.enrich(path);
            default -> pipeline.query(path);
        };
    }

    private static Hostile post(String name, URI uri, String type, String body, int status) {
        return new Hostile(name, "POST", uri, type, body.getBytes(StandardCharsets.UTF_8), null, status);
    }

    private static Hostile get(String name, URI uri, int status) {
        return new Hostile(name, "GET", uri, null, null, null, status);
    }

    private HttpResponse<String> send(Hostile c) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(c.uri()).method(c.method(),
                c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        if (c.encoding() != null) {
            request.header("Content-Encoding", c.encoding());
        }
        if (!c.name().equals("no key")) {
            request.header("X-API-Key", RunningPipeline.API_KEY);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> activity(String json) throws Exception {
        return http.send(HttpRequest.newBuilder(pipeline.ingest("/api/v1/activitypub"))
                .header("Content-Type", "application/activity+json")
                .header("X-API-Key", RunningPipeline.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitStatus(String documentId, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = pipeline.get(pipeline.query("/api/v1/documents/" + documentId)).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("document " + documentId + " answered " + last + ", not " + status);
    }

    private static byte[] gzip(byte[] plain) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        }
        return out.toByteArray();
    }
}
