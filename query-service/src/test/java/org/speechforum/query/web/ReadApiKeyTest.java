package org.speechforum.query.web;

import org.junit.jupiter.api.Test;
import org.speechforum.query.QueryServiceIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read API with keys switched on, as the deploy manifests run it ({@code QUERY_REQUIRE_API_KEY=true}): the
 * API needs a key with scope read; the explorer page, OpenAPI and health stay open.
 */
@QueryServiceIntegrationTest(properties = {"QUERY_REQUIRE_API_KEY=true", "QUERY_API_KEY=dashboard-key",
        // an ingest-only key (sha256 of "scraper-key")
        "pipeline.api-keys.keys[0].name=scraper", "pipeline.api-keys.keys[0].scopes=ingest",
        "pipeline.api-keys.keys[0].sha256=fc599a17c4a7d8068ba48a04319b40b9d8b6e9c193a5cc26034930d7c24f4519"})
class ReadApiKeyTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theReadApiNeedsAReadKeyAndThePageAndHealthStayOpen() throws Exception {
        assertThat(get("/api/v1/search?q=x", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/search?q=x", "wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> scraper = get("/api/v1/search?q=x", "scraper-key");
        assertThat(scraper.statusCode()).isEqualTo(403);
        assertThat(scraper.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(get("/api/v1/search?q=x", "dashboard-key").statusCode()).isIn(200, 404);

        assertThat(get("/", null).statusCode()).isEqualTo(200);
        assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).body()).contains("pipeline_api_requests_total")
                .contains("client=\"scraper\"").contains("outcome=\"forbidden\"");
    }
}
