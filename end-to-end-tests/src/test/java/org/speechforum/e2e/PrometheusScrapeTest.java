package org.speechforum.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The monitoring as a user runs it: the {@code prometheus} binary on the PATH (Debian's package, 2.42 on Debian 12,
 * which .ci/run installs) scrapes the three running services with its default settings (so OpenMetrics with
 * exemplars), loads {@code deploy/prometheus/alerts.yml}, and after a small load answers every expression of
 * {@code deploy/grafana/dashboards/pipeline.json} and every alert rule through its HTTP API. Every target must be
 * up, every expression must evaluate, every panel except those that only count failures must return series, and
 * every rule must have been evaluated without error. Prints the table of expressions and series counts.
 *
 * <p>Skipped when there is no {@code prometheus} binary, unless {@code PIPELINE_PROMETHEUS_REQUIRED=true} (set by
 * .ci/run): then it fails, so CI cannot pass without the check.
 */
class PrometheusScrapeTest {

    /** Panels whose series only exist after a failure: a healthy run may leave them empty. */
    private static final List<Pattern> FAILURE_ONLY = List.of(
            Pattern.compile("pipeline_documents_failed_total"),
            Pattern.compile("result=\"failure\""));
    /** Metrics registered only when the first failure happens: unknown to Prometheus after a healthy run. */
    private static final Set<String> FAILURE_ONLY_METRICS = Set.of(
            "pipeline_documents_failed_total", "pipeline_index_failures_total");
    /** A metric name in a selector: the identifier before {@code {labels}} or {@code [range]}. */
    private static final Pattern METRIC_NAME = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");
    private static final Duration SCRAPE = Duration.ofSeconds(2);
    /** What Grafana's $__rate_interval becomes: four scrape intervals of this test's Prometheus, at least. */
    private static final String RATE_INTERVAL = "1m";

    private RunningPipeline pipeline;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path root = Path.of(System.getProperty("project.root"));
    private Process prometheus;
    private Path prometheusDir;

    @AfterEach
    void stopPrometheus() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (prometheusDir != null) {
            try (Stream<Path> files = Files.walk(prometheusDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void debiansPrometheusScrapesEveryServiceAndAnswersEveryPanelAndAlert() throws Exception {
        Path binary = prometheusBinary();
        pipeline = RunningPipeline.get();
        pipeline.seed();
        URI api = startPrometheus(binary);

        JsonNode targets = awaitTargetsUp(api);
        System.out.println("Prometheus " + version(api) + " scrapes:");
        targets.forEach(t -> System.out.printf("  %-15s %-45s %s%n", t.get("labels").get("service").asString(),
                t.get("scrapeUrl").asString(), t.get("health").asString()));

        sendSmallLoad();
        awaitKafkaLagSeries(api);
        // A few more scrapes after the load, so every rate() has samples on both sides of it.
        Thread.sleep(SCRAPE.multipliedBy(4).toMillis());

        List<Row> rows = new ArrayList<>();
        JsonNode dashboard = RunningPipeline.JSON.readTree(
                root.resolve("deploy/grafana/dashboards/pipeline.json").toFile());
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.get("expr").asString();
                rows.add(evaluate(api, "panel: " + panel.get("title").asString(), expr,
                        FAILURE_ONLY.stream().noneMatch(p -> p.matcher(expr).find())));
            }
        }
        JsonNode rules = awaitRulesEvaluated(api);
        for (JsonNode group : rules) {
            for (JsonNode rule : group.get("rules")) {
                Row row = evaluate(api, "alert: " + rule.get("name").asString(), rule.get("query").asString(), false);
                rows.add(row.withRuleHealth(rule.get("health").asString(), rule.path("lastError").asString("")));
            }
        }
        rows.add(evaluate(api, "check: every service ready", "pipeline_health_readiness == 1", true));
        rows.add(evaluate(api, "check: refusal burst sets off its alert",
                "ALERTS{alertname=\"PipelineIngestRefusing\"}", true));
        printTable(rows);

        long alertRules = Files.readAllLines(root.resolve("deploy/prometheus/alerts.yml")).stream()
                .filter(line -> line.strip().startsWith("- alert:")).count();
        assertThat(rows.stream().filter(r -> r.source.startsWith("alert: "))).hasSize((int) alertRules);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.error).as("%s evaluates: %s", r.source, r.expr).isEmpty();
            assertThat(r.ruleError).as("%s has no evaluation error", r.source).isEmpty();
            assertThat(r.unknownMetrics).as("metrics %s uses that no service exposes", r.source).isEmpty();
            if (r.mustHaveSeries) {
                assertThat(r.series).as("series of %s: %s", r.source, r.expr).isPositive();
            }
        });
        assertThat(rows.stream().filter(r -> r.source.equals("check: every service ready")).findFirst().orElseThrow()
                .series).as("services whose readiness gauge is 1").isEqualTo(3);
    }

    /** Debian's binary, or a skip (locally) or a failure (under CI) that says how to get it. */
    private static Path prometheusBinary() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "prometheus"))
                .filter(Files::isExecutable)
                .findFirst();
        String missing = "No prometheus binary on the PATH. Install Debian's package "
                + "(apt-get install -y --no-install-recommends prometheus) to run the live scrape check.";
        if (found.isEmpty() && "true".equals(System.getenv("PIPELINE_PROMETHEUS_REQUIRED"))) {
            fail(missing + " PIPELINE_PROMETHEUS_REQUIRED=true (set by .ci/run), so this check must run.");
        }
        assumeTrue(found.isPresent(), missing + " Skipping.");
        return found.get();
    }

    private URI startPrometheus(Path binary) throws Exception {
        Path dir = Files.createTempDirectory("prometheus-e2e");
        prometheusDir = dir;
        String config = """
                global:
                  scrape_interval: %1$s
                  scrape_timeout: %1$s
                  evaluation_interval: %1$s
                rule_files:
                  - %2$s
                scrape_configs:
                  - job_name: pipeline
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: ["%3$s"]
                        labels: {service: ingest-service}
                      - targets: ["%4$s"]
                        labels: {service: enrich-service}
                      - targets: ["%5$s"]
                        labels: {service: query-service}
                """.formatted(SCRAPE.toSeconds() + "s", root.resolve("deploy/prometheus/alerts.yml"),
                hostPort(pipeline.ingest("/")), hostPort(pipeline.enrich("/")), hostPort(pipeline.query("/")));
        Files.writeString(dir.resolve("prometheus.yml"), config);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = root.resolve("end-to-end-tests/target/prometheus-e2e.log");
        Files.createDirectories(log.getParent());
        prometheus = new ProcessBuilder(binary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        URI api = URI.create("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!prometheus.isAlive()) {
                fail("prometheus exited with " + prometheus.exitValue() + ": " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(api.resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return api;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        return fail("prometheus not ready after 30 s: " + Files.readString(log));
    }

    /** The active targets once each of the three has been scraped and is up; fails with their last errors. */
    private JsonNode awaitTargetsUp(URI api) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode targets;
        do {
            Thread.sleep(SCRAPE.toMillis());
            targets = apiGet(api, "/api/v1/targets?state=active").get("activeTargets");
        } while (!(targets.size() == 3 && allUp(targets)) && System.nanoTime() < deadline);
        List<String> states = new ArrayList<>();
        targets.forEach(t -> states.add(t.get("labels").get("service").asString() + " "
                + t.get("health").asString() + " " + t.path("lastError").asString("")));
        assertThat(targets.size()).as("active targets").isEqualTo(3);
        assertThat(allUp(targets)).as("every target up: %s", states).isTrue();
        return targets;
    }

    private static boolean allUp(JsonNode targets) {
        for (JsonNode t : targets) {
            if (!"up".equals(t.get("health").asString())) {
                return false;
            }
        }
        return true;
    }

    /**
     * What the dashboard needs to show something: documents through all three services, refused documents (one,
     * then a burst), and the read API's endpoints.
     */
    private void sendSmallLoad() throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "");
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 20; i++) {
            batch.append(i == 0 ? "" : ",").append("""
                    {"kind":"COMMENT","source":"prometheus-e2e","externalId":"%s-%d",\
                    "text":"Comment %d of %s about Lenin and the BRICS summit."}""".formatted(run, i, i, run));
        }
        assertThat(pipeline.postJson(pipeline.ingest("/api/v1/documents"), batch.append("]").toString())
                .statusCode()).isEqualTo(202);
        assertThat(pipeline.postJson(pipeline.ingest("/api/v1/documents"), """
                {"kind":"COMMENT","source":"prometheus-e2e"}""").statusCode()).isEqualTo(400);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode found = RunningPipeline.JSON.readTree(pipeline.get(
                    pipeline.query("/api/v1/search?q=" + run + "&size=1")).body());
            if (found.path("total").asLong() >= 20) {
                break;
            }
            Thread.sleep(250);
        }
        for (String path : List.of("/api/v1/search?q=Lenin", "/api/v1/search?q=BRICS&sort=newest",
                "/api/v1/entities?q=Len", "/api/v1/stats/top-entities?type=PERSON",
                "/api/v1/stats/activity?by=kind")) {
            assertThat(pipeline.get(pipeline.query(path)).statusCode()).as(path).isEqualTo(200);
        }
        // A scraper gone wrong: a burst of refusals, scraped apart from the first one so that rate() sees it.
        // PipelineIngestRefusing must then go pending on the real series.
        Thread.sleep(SCRAPE.multipliedBy(2).toMillis());
        for (int i = 0; i < 10; i++) {
            assertThat(pipeline.postJson(pipeline.ingest("/api/v1/documents"), """
                    {"kind":"COMMENT","source":"prometheus-e2e"}""").statusCode()).isEqualTo(400);
        }
    }

    /**
     * Kafka client metrics reach Micrometer when its binder next looks for new ones, and per-partition lag only
     * exists once a consumer has fetched from the partition; wait (bounded) until Prometheus has both consumers'.
     */
    private void awaitKafkaLagSeries(URI api) throws Exception {
        String query = "count by (application) (kafka_consumer_fetch_manager_records_lag)";
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (apiGet(api, "/api/v1/query?query=" + encode(query)).get("result").size() >= 2) {
                break;
            }
            Thread.sleep(SCRAPE.toMillis());
        }
        System.out.printf("Consumer lag series of both consumers in Prometheus %d s after the load%n",
                Duration.ofNanos(System.nanoTime() - start).toSeconds());
    }

    /** The rule groups once Prometheus has evaluated every rule at least once. */
    private JsonNode awaitRulesEvaluated(URI api) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode groups;
        boolean evaluated;
        do {
            groups = apiGet(api, "/api/v1/rules").get("groups");
            evaluated = !groups.isEmpty();
            for (JsonNode group : groups) {
                for (JsonNode rule : group.get("rules")) {
                    evaluated &= !"unknown".equals(rule.get("health").asString());
                }
            }
            if (!evaluated) {
                Thread.sleep(SCRAPE.toMillis());
            }
        } while (!evaluated && System.nanoTime() < deadline);
        assertThat(groups).as("rule groups Prometheus loaded from alerts.yml").isNotEmpty();
        return groups;
    }

    private Row evaluate(URI api, String source, String expr, boolean mustHaveSeries) throws Exception {
        Set<String> unknown = new TreeSet<>();
        Matcher names = METRIC_NAME.matcher(expr);
        while (names.find()) {
            if (!knownMetrics(api).contains(names.group(1)) && !FAILURE_ONLY_METRICS.contains(names.group(1))
                    && !names.group(1).equals("ALERTS")) {
                unknown.add(names.group(1));
            }
        }
        String query = expr.replace("$__rate_interval", RATE_INTERVAL);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                api.resolve("/api/v1/query?query=" + encode(query))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = RunningPipeline.JSON.readTree(answer.body());
        if (answer.statusCode() != 200 || !"success".equals(body.path("status").asString())) {
            return new Row(source, expr, -1, answer.statusCode() + " " + body.path("error").asString(answer.body()),
                    mustHaveSeries, unknown, "", "");
        }
        return new Row(source, expr, body.get("data").get("result").size(), "", mustHaveSeries, unknown, "", "");
    }

    private Set<String> knownMetrics;

    /** Every metric name Prometheus has scraped so far. */
    private Set<String> knownMetrics(URI api) throws Exception {
        if (knownMetrics == null) {
            knownMetrics = new TreeSet<>();
            apiGet(api, "/api/v1/label/__name__/values").forEach(name -> knownMetrics.add(name.asString()));
        }
        return knownMetrics;
    }

    private static void printTable(List<Row> rows) {
        StringBuilder table = new StringBuilder("\n| source | expression | series | must have series |"
                + " unknown metrics |\n|---|---|---|---|---|\n");
        for (Row r : rows) {
            table.append("| ").append(r.source).append(r.ruleHealth.isEmpty() ? "" : " (rule " + r.ruleHealth + ")")
                    .append(" | `").append(r.expr.replaceAll("\\s+", " ").replace("|", "\\|")).append("` | ")
                    .append(r.error.isEmpty() ? String.valueOf(r.series) : "ERROR " + r.error)
                    .append(" | ").append(r.mustHaveSeries ? "yes" : "no")
                    .append(" | ").append(r.unknownMetrics.isEmpty() ? "" : String.join(", ", r.unknownMetrics))
                    .append(" |\n");
        }
        System.out.println(table);
    }

    private JsonNode apiGet(URI api, String pathAndQuery) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(api.resolve(pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("%s: %s", pathAndQuery, answer.body()).isEqualTo(200);
        return RunningPipeline.JSON.readTree(answer.body()).get("data");
    }

    private String version(URI api) throws Exception {
        return apiGet(api, "/api/v1/status/buildinfo").get("version").asString();
    }

    private static String hostPort(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }

    private static String encode(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private record Row(String source, String expr, int series, String error, boolean mustHaveSeries,
                       Set<String> unknownMetrics, String ruleHealth, String ruleError) {
        Row withRuleHealth(String health, String lastError) {
            return new Row(source, expr, series, error, mustHaveSeries, unknownMetrics, health,
                    "ok".equals(health) ? "" : health + ": " + lastError);
        }
    }
}
