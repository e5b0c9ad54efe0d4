package org.speechforum.e2e;

import org.speechforum.enrich.EnrichServiceApplication;
import org.speechforum.ingest.IngestServiceApplication;
import org.speechforum.localstack.TestEngines;
import org.speechforum.query.QueryServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The three services, started once per test JVM on free ports against the shared test engines, exactly as
 * their {@code main} methods start them apart from ports and addresses.
 */
final class RunningPipeline {

    static final String API_KEY = "e2e-key";

    private static RunningPipeline instance;

    private final ConfigurableApplicationContext ingest;
    private final ConfigurableApplicationContext enrich;
    private final ConfigurableApplicationContext query;
    private final HttpClient http = HttpClient.newHttpClient();
    private SeedIds seed;
    static final JsonMapper JSON = JsonMapper.builder().build();

    private RunningPipeline() {
        // Both engines start in parallel: together they are most of the start-up time.
        CompletableFuture<String> elasticsearch = CompletableFuture.supplyAsync(TestEngines::elasticsearchUrl);
        String kafka = TestEngines.kafkaBootstrapServers();
        String elasticsearchUrl = elasticsearch.join();
        ingest = start(IngestServiceApplication.application(), kafka, elasticsearchUrl);
        // The light tagging configuration: these tests cover the pipeline's mechanics, and loading the NLP4J model
        // would add ~30 s and 1.5 GB to this JVM (enrich-service's EnrichmentFlowTest runs the users' configuration).
        enrich = start(EnrichServiceApplication.application().properties("enrich.entities.statistical.enabled=false"),
                kafka, elasticsearchUrl);
        query = start(QueryServiceApplication.application(), kafka, elasticsearchUrl);
    }

    static synchronized RunningPipeline get() {
        if (instance == null) {
            instance = new RunningPipeline();
        }
        return instance;
    }

    private static ConfigurableApplicationContext start(SpringApplicationBuilder app, String kafka,
                                                        String elasticsearch) {
        // As command-line arguments, these outrank the services' own configuration files.
        return app.run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka,
                "--spring.elasticsearch.uris=" + elasticsearch,
                "--ingest.api-key=" + API_KEY);
    }

    /** A bean of query-service's context (the rebuild test drives its indexer and reindexer). */
    <T> T queryBean(Class<T> type) {
        return query.getBean(type);
    }

    URI ingest(String path) {
        return uri(ingest, path);
    }

    URI enrich(String path) {
        return uri(enrich, path);
    }

    URI query(String path) {
        return uri(query, path);
    }

    HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(URI uri, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postText(URI uri, String text) throws Exception {
        return http.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(text))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The real sample (a Kremlin speech and a Lemmy thread about it), uploaded once and awaited in the index. */
    synchronized SeedIds seed() throws Exception {
        if (seed == null) {
            String text = Files.readString(Path.of(System.getProperty("project.root"),
                    "ingest-service/src/test/resources/samples/seed.txt"));
            HttpResponse<String> answer = postText(ingest("/api/v1/uploads?source=seed-e2e"), text);
            if (answer.statusCode() != 202) {
                throw new AssertionError("Seed upload answered " + answer.statusCode() + ": " + answer.body());
            }
            JsonNode documents = JSON.readTree(answer.body()).get("documents");
            List<String> ids = new ArrayList<>();
            documents.forEach(d -> ids.add(d.get("id").asString()));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode found = JSON.readTree(get(query("/api/v1/search?source=seed-e2e&size=10")).body());
                if (found.has("total") && found.get("total").asLong() >= ids.size()) {
                    break;
                }
                Thread.sleep(250);
            }
            seed = new SeedIds(ids.getFirst(), ids.subList(1, ids.size()));
        }
        return seed;
    }

    record SeedIds(String speech, List<String> comments) {
    }

    /**
     * The thread answer of {@code rootId} once its aggregates are written (replyCount no longer null) and
     * {@code done} holds, polled for up to 90 s: threading settles asynchronously in enrich-service.
     */
    JsonNode awaitThread(String rootId, java.util.function.Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = get(query("/api/v1/threads/" + rootId));
            last = answer.statusCode() + " " + answer.body();
            if (answer.statusCode() == 200) {
                JsonNode t = JSON.readTree(answer.body());
                if (!t.get("replyCount").isNull() && done.test(t)) {
                    return t;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Thread " + rootId + " did not settle: " + last);
    }

    private static URI uri(ConfigurableApplicationContext context, String path) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
