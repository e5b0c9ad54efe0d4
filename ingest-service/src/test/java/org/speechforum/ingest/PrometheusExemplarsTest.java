package org.speechforum.ingest;

import org.junit.jupiter.api.Test;
import org.speechforum.localstack.TestEngines;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Prometheus receives from {@code /actuator/prometheus} when it asks for OpenMetrics (as every Prometheus
 * does) while tracing is on: the service started as its {@code main} starts it (all traces sampled), one
 * document posted, then scraped over HTTP. Prometheus before 2.43 rejects the whole scrape when a {@code _count}
 * or {@code _sum} line carries an exemplar, so by default none may.
 */
class PrometheusExemplarsTest {

    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    /** An OpenMetrics sample line followed by an exemplar: {@code name{labels} value # {trace_id="…"} …}. */
    private static final Pattern EXEMPLAR = Pattern.compile("^\\S+? .* # \\{.*\\}.*$");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void byDefaultExemplarsStayOnBucketsAndCountersOnly() throws Exception {
        List<String> lines = scrapeAfterOneDocument();

        assertThat(withExemplar(lines, "_bucket"))
                .as("tracing is on, so histogram buckets carry trace exemplars")
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("trace_id="));
        assertThat(withExemplar(lines, "_count")).as("_count lines with an exemplar").isEmpty();
        assertThat(withExemplar(lines, "_sum")).as("_sum lines with an exemplar").isEmpty();
    }

    @Test
    void theSwitchPutsExemplarsOnCountAndSumForPrometheusThatTakesThem() throws Exception {
        List<String> lines = scrapeAfterOneDocument("--pipeline.metrics.exemplars-on-all-series=true");

        assertThat(withExemplar(lines, "_count")).anySatisfy(line ->
                assertThat(line).startsWith("http_server_requests_seconds_count{").contains("trace_id="));
    }

    private List<String> scrapeAfterOneDocument(String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestEngines.kafkaBootstrapServers(),
                "--ingest.api-key=test-key"));
        args.addAll(List.of(extraArgs));
        try (ConfigurableApplicationContext ingest = IngestServiceApplication.application()
                .run(args.toArray(String[]::new))) {
            int port = ((WebServerApplicationContext) ingest).getWebServer().getPort();
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/v1/documents"))
                    .header("Content-Type", "application/json")
                    .header("X-API-Key", "test-key")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"kind":"SPEECH","source":"exemplars","externalId":"%s","text":"Some text."}"""
                            .formatted(UUID.randomUUID())))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                    .header("Accept", OPENMETRICS).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/openmetrics-text"));
            assertThat(scrape.body()).endsWith("# EOF\n");
            return scrape.body().lines().toList();
        }
    }

    /** Sample lines whose metric name ends with {@code suffix} (before the labels) and that carry an exemplar. */
    private static List<String> withExemplar(List<String> lines, String suffix) {
        return lines.stream()
                .filter(line -> !line.startsWith("#"))
                .filter(line -> EXEMPLAR.matcher(line).matches())
                .filter(line -> {
                    int end = line.indexOf('{') >= 0 && line.indexOf('{') < line.indexOf(' ')
                            ? line.indexOf('{') : line.indexOf(' ');
                    return line.substring(0, end).endsWith(suffix);
                })
                .toList();
    }
}
