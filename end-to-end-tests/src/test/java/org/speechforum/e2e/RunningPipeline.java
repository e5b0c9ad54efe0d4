package org.speechforum.e2e;

import org.speechforum.enrich.EnrichServiceApplication;
import org.speechforum.ingest.IngestServiceApplication;
import org.speechforum.localstack.TestEngines;
import org.speechforum.query.QueryServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
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

    private RunningPipeline() {
        // Both engines start in parallel: together they are most of the start-up time.
        CompletableFuture<String> elasticsearch = CompletableFuture.supplyAsync(TestEngines::elasticsearchUrl);
        String kafka = TestEngines.kafkaBootstrapServers();
        String elasticsearchUrl = elasticsearch.join();
        ingest = start(IngestServiceApplication.application(), kafka, elasticsearchUrl);
        enrich = start(EnrichServiceApplication.application(), kafka, elasticsearchUrl);
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

    private static URI uri(ConfigurableApplicationContext context, String path) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
