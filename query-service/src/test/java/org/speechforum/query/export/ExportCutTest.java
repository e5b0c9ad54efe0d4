package org.speechforum.query.export;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.query.IndexedDocuments;
import org.speechforum.query.QueryServiceIntegrationTest;
import org.speechforum.query.index.DocumentIndex;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * When Elasticsearch fails in the middle of an export (here: its index is deleted under it), the client must be
 * able to tell the export is incomplete, and no error text may land among the documents: the connection is cut
 * before the chunked body's last chunk. Its own index, so deleting it disturbs no other test.
 */
@QueryServiceIntegrationTest(properties = {"query.index.name=exportcut", "query.export.page-size=50",
        "spring.kafka.consumer.group-id=export-cut-test"})
class ExportCutTest {

    private static final String FILLER = " padding so that the socket buffers fill long before the end".repeat(10);

    @LocalServerPort
    int port;
    @Autowired
    ElasticsearchClient client;
    @Autowired
    DocumentIndex index;

    @Test
    void aFailureMidwayCutsTheConnectionInsteadOfWritingAnErrorIntoTheExport() throws Exception {
        int documents = 20_000;
        IndexedDocuments.bulk(client, index, documents, i -> Document.builder()
                .id(DocumentIds.of("cut", Integer.toString(i))).kind(DocumentKind.COMMENT).source("cut")
                .externalId(Integer.toString(i)).publishedAt(Instant.parse("2024-01-01T00:00:00Z"))
                .text("Cut " + i + FILLER).schemaVersion(1).build());
        HttpResponse<InputStream> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/export")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue(ExportController.COUNT_HEADER)).hasValue(Integer.toString(documents));

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (InputStream body = answer.body()) {
            received.write(body.readNBytes(1024));
            client.indices().delete(d -> d.index(index.properties().versionedIndex()));
            assertThatThrownBy(() -> body.transferTo(received)).isInstanceOf(IOException.class);
        }
        String text = received.toString(StandardCharsets.UTF_8);
        long complete = text.lines().filter(l -> l.endsWith("}")).count();
        assertThat(complete).isPositive().isLessThan(documents);
        assertThat(text).doesNotContain("problem").doesNotContain("\"status\"").doesNotContain("\"title\"");
    }
}
