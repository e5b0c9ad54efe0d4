package org.speechforum.query.lookup;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.query.IndexedDocuments;
import org.speechforum.query.QueryServiceIntegrationTest;
import org.speechforum.query.QueryTestClient;
import org.speechforum.query.index.DocumentIndex;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@QueryServiceIntegrationTest
class LookupTest {

    @LocalServerPort
    int port;
    @Autowired
    ElasticsearchClient client;
    @Autowired
    DocumentIndex index;

    @Test
    void aThousandIdsAnswerWhichDocumentsAreFoundAndWhichAreMissing() throws Exception {
        String source = "lookup-" + UUID.randomUUID().toString().substring(0, 8);
        IndexedDocuments.bulk(client, index, 900, i -> Document.builder()
                .id(DocumentIds.of(source, Integer.toString(i))).kind(DocumentKind.COMMENT).source(source)
                .externalId(Integer.toString(i)).publishedAt(Instant.parse("2024-01-01T00:00:00Z"))
                .text("Lookup " + i).schemaVersion(1).build());
        // Thread state that arrived before its document: in the index, but not a document yet.
        String stub = DocumentIds.of(source, "stub");
        client.index(i -> i.index(index.properties().writeAlias()).id(stub).document(Map.of("id", stub,
                "threadVersion", 1)).refresh(co.elastic.clients.elasticsearch._types.Refresh.True));

        List<String> ids = new ArrayList<>();
        IntStream.range(0, 900).forEach(i -> ids.add(DocumentIds.of(source, Integer.toString(i))));
        IntStream.range(0, 99).forEach(i -> ids.add(DocumentIds.of(source, "never-" + i)));
        ids.add(stub);
        assertThat(ids).hasSize(1_000);

        HttpResponse<String> answer = post(body(ids));
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode result = QueryTestClient.JSON.readTree(answer.body());
        assertThat(result.get("found")).hasSize(900);
        assertThat(result.get("found").get(0).get("id").asString()).isEqualTo(ids.getFirst());
        assertThat(result.get("found").get(899).get("externalId").asString()).isEqualTo("899");
        assertThat(result.get("found").get(0).has("entityMentions")).isFalse();
        assertThat(result.get("missing")).extracting(JsonNode::asString).containsExactlyElementsOf(ids.subList(900, 1_000));
    }

    @Test
    void moreThanAThousandIdsOrNoneAreRefusedWithAReason() throws Exception {
        List<String> tooMany = IntStream.range(0, 1_001).mapToObj(i -> "id" + i).toList();
        HttpResponse<String> refused = post(body(tooMany));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = QueryTestClient.JSON.readTree(refused.body());
        assertThat(problem.get("detail").asString())
                .isEqualTo("a lookup takes at most 1,000 ids; this one has 1,001, so split it into requests of "
                        + "1,000 or fewer");
        assertThat(problem.get("maxIds").asInt()).isEqualTo(1_000);

        assertThat(post("{}").statusCode()).isEqualTo(400);
        assertThat(post("{\"ids\":[]}").statusCode()).isEqualTo(400);
        assertThat(post("not json").statusCode()).isEqualTo(400);
        HttpResponse<String> duplicates = post("{\"ids\":[\"x\",\"x\"]}");
        assertThat(QueryTestClient.JSON.readTree(duplicates.body()).get("missing")).hasSize(1);
    }

    @Test
    void theOpenApiDescriptionDescribesLookupAndExportWithTheCsvColumns() throws Exception {
        JsonNode api = new QueryTestClient(port).getJson("/v3/api-docs");
        assertThat(api.get("paths").has("/api/v1/documents/_lookup")).isTrue();
        JsonNode export = api.get("paths").get("/api/v1/export").get("get");
        assertThat(export.get("description").asString())
                .contains("- `publishedAtPrecision`: how exact publishedAt is").doesNotContain("{columns}");
        assertThat(export.get("parameters")).extracting(p -> p.get("name").asString())
                .contains("q", "kind", "source", "entity", "from", "to", "format", "gzip");
        assertThat(export.get("responses").get("200").get("content").has("text/csv")).isTrue();
    }

    private HttpResponse<String> post(String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/documents/_lookup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String body(List<String> ids) {
        return QueryTestClient.JSON.writeValueAsString(Map.of("ids", ids));
    }
}
