package org.speechforum.ingest.web;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.ingest.IngestIntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ingest.max-body-size} is the one body limit: raised to 12MB, a body of 11 MB (over the old hard-wired
 * 10MB of the concurrency filter) reaches the document reader, and one of 13 MB is refused with 413.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ingest-service", "ingest.api-key=test-key", "ingest.max-body-size=12MB"})
class RaisedBodyLimitTest extends IngestIntegrationTest {

    private static byte[] documentOf(int megabytes) {
        String title = "t".repeat(megabytes * 1024 * 1024);
        return ("{\"kind\":\"POST\",\"source\":\"limits\",\"externalId\":\"big\",\"text\":\"x\",\"title\":\"" + title
                + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBodyUnderTheRaisedLimitIsReadEvenAboveTenMegabytes() throws Exception {
        HttpResponse<String> answer = post("/api/v1/documents", "application/json", documentOf(11), KEY);

        // Read and judged on its content (the title is too long), not refused for its size.
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        JsonNode problem = DocumentJson.mapper().readTree(answer.body());
        assertThat(problem.get("type").asString()).endsWith("/field-too-long");
    }

    @Test
    void aBodyOverTheRaisedLimitGets413() throws Exception {
        HttpResponse<String> answer = post("/api/v1/documents", "application/json", documentOf(13), KEY);

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).contains("12582912 bytes");
    }
}
