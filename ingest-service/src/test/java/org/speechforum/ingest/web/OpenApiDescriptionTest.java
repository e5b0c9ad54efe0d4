package org.speechforum.ingest.web;

import org.junit.jupiter.api.Test;
import org.speechforum.ingest.IngestIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /v3/api-docs over real HTTP, without a key: every format has a request example, and the key scheme is there. */
class OpenApiDescriptionTest extends IngestIntegrationTest {

    @Test
    void theDescriptionHasAnExampleForEachFormatTheKeySchemeAndProblemAnswers() throws Exception {
        HttpResponse<String> response = send("GET", "/v3/api-docs", null, null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode api = JsonMapper.builder().build().readTree(response.body());
        JsonNode documents = api.at("/paths/~1api~1v1~1documents/post/requestBody/content");
        assertThat(documents.at("/application~1json/examples/canonical/value").asString()).contains("\"kind\"");
        assertThat(documents.at("/application~1json/examples/array/value").asString()).startsWith("[");
        assertThat(documents.at("/application~1x-ndjson/examples/ndjson/value").asString()).contains("\n");
        JsonNode uploads = api.at("/paths/~1api~1v1~1uploads/post/requestBody/content/text~1plain/examples");
        assertThat(uploads.at("/transcript/value").asString()).contains("THE PRIME MINISTER:");
        assertThat(uploads.at("/thread/value").asString()).contains("posted by");
        JsonNode activityPub = api.at(
                "/paths/~1api~1v1~1activitypub/post/requestBody/content/application~1activity+json/examples");
        assertThat(activityPub.at("/note/value").asString()).contains("\"Note\"");
        assertThat(activityPub.at("/create/value").asString()).contains("\"Create\"");
        assertThat(api.at("/components/securitySchemes/apiKey/name").asString()).isEqualTo("X-API-Key");
        assertThat(api.at("/paths/~1api~1v1~1documents/post/responses/400/content")
                .has("application/problem+json")).isTrue();
    }
}
