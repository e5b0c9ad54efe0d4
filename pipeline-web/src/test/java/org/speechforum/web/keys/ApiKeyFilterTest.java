package org.speechforum.web.keys;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key filter over real HTTP, as query-service uses it (scope read): keys from configuration and from a
 * file re-read every 200 ms, 401/403/429 problems, the key's name given to the endpoint.
 */
@SpringBootTest(classes = ApiKeyFilterTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"pipeline.api-keys.enabled=true", "pipeline.api-keys.scope=read",
                "pipeline.api-keys.reload-interval=200ms", "pipeline.api-keys.rate-limit=100/s",
                "pipeline.api-keys.keys[0].name=scraper", "pipeline.api-keys.keys[0].scopes=ingest",
                // sha256("scraper-key")
                "pipeline.api-keys.keys[0].sha256=fc599a17c4a7d8068ba48a04319b40b9d8b6e9c193a5cc26034930d7c24f4519"})
class ApiKeyFilterTest {

    static final Path FILE;

    static {
        try {
            FILE = Files.createTempFile("api-keys", ".txt");
            Files.writeString(FILE, "grafana " + ApiKeys.sha256("grafana-key") + " read\n"
                    + "slow " + ApiKeys.sha256("slow-key") + " read 2/h\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SpringBootApplication
    @RestController
    static class App {
        @GetMapping("/api/whoami")
        Map<String, Object> whoami(@RequestAttribute(ApiKeyFilter.CLIENT) String client) {
            return Map.of("client", client);
        }

        @GetMapping("/open")
        String open() {
            return "open";
        }
    }

    @DynamicPropertySource
    static void file(DynamicPropertyRegistry registry) {
        registry.add("pipeline.api-keys.file", FILE::toString);
    }

    @AfterAll
    static void removeFile() throws IOException {
        Files.deleteIfExists(FILE);
    }

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
    void aKeyWithTheScopeGetsInAndTheEndpointKnowsItsName() throws Exception {
        HttpResponse<String> answer = get("/api/whoami", "grafana-key");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"client\":\"grafana\"");
        assertThat(get("/open", null).statusCode()).as("only /api/ needs a key").isEqualTo(200);
    }

    @Test
    void noKeyOrAnUnknownKeyIs401AndAKeyWithoutTheScopeIs403() throws Exception {
        for (String key : new String[] {null, "", "wrong", "grafana-ke", "GRAFANA-KEY"}) {
            HttpResponse<String> answer = get("/api/whoami", key);
            assertThat(answer.statusCode()).as(String.valueOf(key)).isEqualTo(401);
            assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(answer.body()).contains("X-API-Key").doesNotContain("grafana");
        }
        // sha256 of "scraper-key" is configured above with scope ingest only
        String scraperHash = ApiKeys.sha256("scraper-key");
        assertThat(scraperHash).isEqualTo("fc599a17c4a7d8068ba48a04319b40b9d8b6e9c193a5cc26034930d7c24f4519");
        HttpResponse<String> forbidden = get("/api/whoami", "scraper-key");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("scope-not-granted").contains("needs scope 'read'");
    }

    @Test
    void aKeyOverItsRateGets429WithRetryAfter() throws Exception {
        assertThat(get("/api/whoami", "slow-key").statusCode()).isEqualTo(200);
        assertThat(get("/api/whoami", "slow-key").statusCode()).isEqualTo(200);

        HttpResponse<String> limited = get("/api/whoami", "slow-key");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 3600L);
        assertThat(limited.body()).contains("rate-limited").contains("2/h");
        assertThat(get("/api/whoami", "grafana-key").statusCode()).as("other keys unaffected").isEqualTo(200);
    }

    @Test
    void aKeyAddedToTheFileWorksWithoutRestartAndARemovedOneStops() throws Exception {
        assertThat(get("/api/whoami", "new-key").statusCode()).isEqualTo(401);
        String before = Files.readString(FILE);

        Files.writeString(FILE, before.replace("grafana ", "grafana-old ").replaceFirst("grafana-old \\S+",
                "grafana-old " + ApiKeys.sha256("revoked")) + "newcomer " + ApiKeys.sha256("new-key") + " read\n");
        try {
            long deadline = System.currentTimeMillis() + 5_000;
            while (get("/api/whoami", "new-key").statusCode() != 200 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(get("/api/whoami", "new-key").body()).contains("newcomer");
            assertThat(get("/api/whoami", "grafana-key").statusCode()).as("rotated out").isEqualTo(401);
        } finally {
            Files.writeString(FILE, before);
            Thread.sleep(400);
        }
    }
}
