package org.speechforum.e2e;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class UploadToSearchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RunningPipeline pipeline = RunningPipeline.get();

    @Test
    void anUploadedDocumentIsFoundThroughSearchAndUploadingItAgainKeepsOneCopy() throws Exception {
        String marker = "marker" + UUID.randomUUID().toString().replace("-", "");
        String document = """
                {"kind":"SPEECH","source":"example","externalId":"%s","title":"T",\
                "text":"Some text about %s and the BRICS summit.","publishedAt":"2024-01-01T00:00:00Z"}"""
                .formatted(marker, marker);

        HttpResponse<String> accepted = pipeline.postJson(pipeline.ingest("/api/v1/documents"), document);
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = JSON.readTree(accepted.body()).get("documents").get(0).get("id").asString();

        JsonNode found = awaitSearch(marker, hits -> hits.size() == 1);
        JsonNode hit = found.get("hits").get(0);
        assertThat(hit.get("id").asString()).isEqualTo(id);
        assertThat(hit.get("kind").asString()).isEqualTo("SPEECH");
        assertThat(hit.get("title").asString()).isEqualTo("T");
        assertThat(hit.get("highlight").get("text").get(0).asString()).contains("<mark>" + marker + "</mark>");

        String firstIngest = storedDocument(id).get("ingestedAt").asString();
        HttpResponse<String> again = pipeline.postJson(pipeline.ingest("/api/v1/documents"), document);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(again.body()).get("documents").get(0).get("id").asString()).isEqualTo(id);

        // The second upload overwrote the first (same id, later ingestedAt) instead of adding a copy.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (storedDocument(id).get("ingestedAt").asString().equals(firstIngest) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        JsonNode enriched = storedDocument(id);
        assertThat(enriched.get("ingestedAt").asString()).isNotEqualTo(firstIngest);
        assertThat(enriched.get("contentHash").asString()).hasSize(64);
        assertThat(enriched.get("text").asString()).contains(marker);
        Thread.sleep(1500); // Elasticsearch makes writes visible to search on its 1 s refresh
        assertThat(search(marker).get("hits")).hasSize(1);
    }

    @Test
    void everyServiceCountsTheDocumentsFlowingThrough() throws Exception {
        String marker = "counted" + UUID.randomUUID().toString().replace("-", "");
        pipeline.postJson(pipeline.ingest("/api/v1/documents"), """
                {"kind":"COMMENT","source":"example","externalId":"%s","text":"A comment %s."}"""
                .formatted(marker, marker));
        awaitSearch(marker, hits -> hits.size() == 1);

        assertThat(metric(pipeline.ingest("/actuator/prometheus"), "pipeline_documents_accepted_total"))
                .isGreaterThanOrEqualTo(1);
        assertThat(metric(pipeline.enrich("/actuator/prometheus"), "pipeline_documents_enriched_total"))
                .isGreaterThanOrEqualTo(1);
        assertThat(metric(pipeline.query("/actuator/prometheus"), "pipeline_documents_indexed_total"))
                .isGreaterThanOrEqualTo(1);

        // The meters docs/metrics.md documents, on the service that owns each.
        assertThat(pipeline.get(pipeline.ingest("/actuator/prometheus")).body())
                .contains("pipeline_dlq_depth", "http_server_requests_seconds_bucket", "kafka_producer_record_send_total");
        assertThat(pipeline.get(pipeline.enrich("/actuator/prometheus")).body())
                .contains("pipeline_enrich_entities_count", "pipeline_record_process_seconds_count",
                        "kafka_consumer_fetch_manager_records_lag", "spring_kafka_listener_seconds_count",
                        "pipeline_threading_outcomes_total", "pipeline_threading_seconds_count");
        assertThat(pipeline.get(pipeline.query("/actuator/prometheus")).body())
                .contains("pipeline_index_bulk_seconds_bucket", "pipeline_index_bulk_size_count",
                        "pipeline_record_process_seconds_count");
    }

    @Test
    void aMissingDocumentIsA404Problem() throws Exception {
        HttpResponse<String> answer = pipeline.get(pipeline.query("/api/v1/documents/does-not-exist"));
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void anOversizedPageIsRefused() throws Exception {
        HttpResponse<String> answer = pipeline.get(pipeline.query("/api/v1/search?q=x&size=10000"));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("size");
    }

    private JsonNode search(String q) throws Exception {
        HttpResponse<String> answer = pipeline.get(pipeline.query("/api/v1/search?q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8)));
        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 404);
        return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : JSON.readTree("{\"hits\":[]}");
    }

    private JsonNode awaitSearch(String q, Predicate<JsonNode> hitsWanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode result = search(q);
        while (!hitsWanted.test(result.get("hits")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            result = search(q);
        }
        assertThat(hitsWanted.test(result.get("hits"))).as("search for %s: %s", q, result).isTrue();
        return result;
    }

    private JsonNode storedDocument(String id) throws Exception {
        HttpResponse<String> stored = pipeline.get(pipeline.query("/api/v1/documents/" + id));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        return JSON.readTree(stored.body());
    }

    /** Sums every series of a Prometheus metric. */
    private double metric(java.net.URI endpoint, String name) throws Exception {
        String body = pipeline.get(endpoint).body();
        return body.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
