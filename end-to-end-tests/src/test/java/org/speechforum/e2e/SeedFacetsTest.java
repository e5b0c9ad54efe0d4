package org.speechforum.e2e;

import org.junit.jupiter.api.Test;
import org.speechforum.localstack.TestEngines;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.speechforum.e2e.RunningPipeline.JSON;

/**
 * On the real seed, tagged by the real enricher: the facets and entity figures query-service computes on the
 * root-level fields of index version 2 equal what the version-1 nested aggregations give on the same index.
 */
class SeedFacetsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final RunningPipeline pipeline = RunningPipeline.get();

    @Test
    void theSeedsFacetsAndEntityFiguresAreTheNestedAggregationsCounts() throws Exception {
        pipeline.seed();
        JsonNode facets = json("/api/v1/search?source=seed-e2e").get("facets");
        JsonNode old = es("{\"size\":0,\"query\":{\"bool\":{\"filter\":[{\"terms\":{\"source\":[\"seed-e2e\"]}}]}},"
                + "\"aggs\":{\"entities\":{\"nested\":{\"path\":\"entities\"},\"aggs\":{\"types\":{\"terms\":{\"field\":"
                + "\"entities.type\",\"size\":10},\"aggs\":{\"ids\":{\"terms\":{\"field\":\"entities.id\",\"size\":10},"
                + "\"aggs\":{\"name\":{\"terms\":{\"field\":\"entities.name.keyword\",\"size\":1}}}}}}}},"
                + "\"kinds\":{\"terms\":{\"field\":\"kind\",\"size\":10}},"
                + "\"authors\":{\"terms\":{\"field\":\"author.handle\",\"size\":10}}}}");
        Map<String, List<String>> expected = new TreeMap<>();
        for (JsonNode type : old.at("/aggregations/entities/types/buckets")) {
            List<String> ids = new ArrayList<>();
            type.at("/ids/buckets").forEach(id -> ids.add(id.get("key").asString() + "|"
                    + id.at("/name/buckets/0/key").asString() + "|" + id.get("doc_count").asLong()));
            expected.put(type.get("key").asString(), ids);
        }
        Map<String, List<String>> answered = new TreeMap<>();
        facets.get("entities").properties().forEach(e -> {
            List<String> ids = new ArrayList<>();
            e.getValue().forEach(x -> ids.add(x.get("id").asString() + "|" + x.get("name").asString() + "|"
                    + x.get("count").asLong()));
            answered.put(e.getKey(), ids);
        });
        assertThat(expected).isNotEmpty();
        assertThat(answered).isEqualTo(expected);
        Map<String, Long> kinds = new TreeMap<>();
        facets.get("kinds").forEach(k -> kinds.put(k.get("value").asString(), k.get("count").asLong()));
        Map<String, Long> oldKinds = new TreeMap<>();
        old.at("/aggregations/kinds/buckets").forEach(b -> oldKinds.put(b.get("key").asString(),
                b.get("doc_count").asLong()));
        assertThat(kinds).isEqualTo(oldKinds);

        for (String id : List.of("Q1394", "Q7747")) {
            JsonNode page = json("/api/v1/entities/" + id);
            String term = "{\"term\":{\"entities.id\":\"" + id + "\"}}";
            JsonNode self = es("{\"size\":0,\"query\":{\"nested\":{\"path\":\"entities\",\"query\":" + term + "}},"
                    + "\"aggs\":{\"e\":{\"nested\":{\"path\":\"entities\"},\"aggs\":{\"this\":{\"filter\":" + term
                    + ",\"aggs\":{\"m\":{\"sum\":{\"field\":\"entities.count\"}}}},\"others\":{\"filter\":{\"bool\":"
                    + "{\"must_not\":[" + term + "]}},\"aggs\":{\"ids\":{\"terms\":{\"field\":\"entities.id\","
                    + "\"size\":20},\"aggs\":{\"m\":{\"sum\":{\"field\":\"entities.count\"}}}}}}}}}}");
            assertThat(page.get("mentions").asLong()).as(id).isEqualTo(self.at("/aggregations/e/this/m/value").asLong());
            assertThat(page.get("documentCount").asLong()).as(id).isEqualTo(self.at("/hits/total/value").asLong());
            Map<String, String> cooccurring = new TreeMap<>();
            self.at("/aggregations/e/others/ids/buckets").forEach(b -> cooccurring.put(b.get("key").asString(),
                    b.get("doc_count").asLong() + "/" + b.at("/m/value").asLong()));
            Map<String, String> answeredOthers = new TreeMap<>();
            page.get("cooccurring").forEach(e -> answeredOthers.put(e.get("id").asString(),
                    e.get("documents").asLong() + "/" + e.get("mentions").asLong()));
            assertThat(answeredOthers).as("co-occurring with " + id).isEqualTo(cooccurring);
        }
    }

    private JsonNode json(String path) throws Exception {
        var answer = pipeline.get(pipeline.query(path));
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static JsonNode es(String body) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                        URI.create(TestEngines.elasticsearchUrl() + "/documents/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
