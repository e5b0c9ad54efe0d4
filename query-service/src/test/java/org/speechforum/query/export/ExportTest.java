package org.speechforum.query.export;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.speechforum.contracts.Author;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Entity;
import org.speechforum.contracts.TimePrecision;
import org.speechforum.query.IndexedDocuments;
import org.speechforum.query.QueryServiceIntegrationTest;
import org.speechforum.query.QueryTestClient;
import org.speechforum.query.index.DocumentIndex;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports over real HTTP from a real Elasticsearch node: 50,000 documents bulk-loaded as the projection writes
 * them, exported in pages of 500, every one exactly once, while the service's retained heap stays flat.
 */
@QueryServiceIntegrationTest(properties = {"query.export.page-size=500"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportTest {

    static final int DOCUMENTS = 50_000;
    private static final String FILLER = " The delegation discussed grain corridors, energy prices and the summit"
            .repeat(6);
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String source = "export-" + run;
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    ElasticsearchClient client;
    @Autowired
    DocumentIndex index;

    @BeforeAll
    void indexFiftyThousandDocuments() throws Exception {
        Entity putin = new Entity("Q7747", "Vladimir Putin", "PERSON", 1, 0, List.of());
        Instant start = Instant.parse("2020-01-01T00:00:00Z");
        IndexedDocuments.bulk(client, index, DOCUMENTS, i -> Document.builder()
                .id(DocumentIds.of(source, Integer.toString(i)))
                .kind(i % 3 == 0 ? DocumentKind.SPEECH : DocumentKind.COMMENT)
                .source(source).externalId(Integer.toString(i)).title("Export " + i)
                .author(new Author("Author " + (i % 50), "handle" + (i % 50), "example.org", null, null))
                .publishedAt(start.plus(Duration.ofMinutes(i))).publishedAtPrecision(TimePrecision.MINUTE)
                .ingestedAt(start).enrichedAt(start).schemaVersion(1)
                .text("Document " + i + ", \"quoted\"\nsecond line." + FILLER)
                .entities(i % 2 == 0 ? List.of(putin) : List.of())
                .build());
    }

    @Test
    void everyMatchingDocumentIsExportedOnceWhileTheHeapStaysFlat() throws Exception {
        HttpResponse<InputStream> answer = http.send(request("/api/v1/export?source=" + source).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/x-ndjson"));
        assertThat(answer.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).startsWith("attachment").contains("filename=\"documents-").contains(".ndjson"));
        assertThat(answer.headers().firstValue(ExportController.COUNT_HEADER)).hasValue(Integer.toString(DOCUMENTS));

        BitSet seen = new BitSet(DOCUMENTS);
        long lines = 0;
        long heapBefore = retainedHeap();
        long heapEarly = 0;
        long heapLate = 0;
        try (BufferedReader body = new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = body.readLine()) != null) {
                JsonNode document = QueryTestClient.JSON.readTree(line);
                int n = Integer.parseInt(document.get("externalId").asString());
                assertThat(seen.get(n)).as("document %d exported twice", n).isFalse();
                seen.set(n);
                lines++;
                assertThat(document.has("entityMentions")).isFalse();
                // The service is mid-export here, holding one page and blocked on the socket while we pause.
                if (lines == 5_000) {
                    heapEarly = retainedHeap();
                } else if (lines == 45_000) {
                    heapLate = retainedHeap();
                }
            }
        }
        assertThat(lines).isEqualTo(DOCUMENTS);
        assertThat(seen.cardinality()).isEqualTo(DOCUMENTS);
        // 40,000 documents (~25 MB of JSON, several times that as parsed trees) went through between the two
        // measurements; an export that kept them would grow by far more than this bound.
        long growth = heapLate - heapEarly;
        System.out.printf("export heap: before %d MB, after 5,000 %d MB, after 45,000 %d MB%n",
                heapBefore >> 20, heapEarly >> 20, heapLate >> 20);
        assertThat(growth).as("retained heap growth over 40,000 exported documents").isLessThan(16L << 20);
    }

    @Test
    void csvWithGzipHasOneRowPerDocumentAndTheDocumentedColumns() throws Exception {
        // One day of the corpus: 1,440 documents, one a minute.
        String path = "/api/v1/export?format=csv&source=" + source + "&from=2020-01-02&to=2020-01-03";
        HttpResponse<InputStream> answer = http.send(request(path).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/csv"));
        assertThat(answer.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).contains(".csv\""));
        List<List<String>> rows = csv(new GZIPInputStream(answer.body()));
        assertThat(rows.getFirst()).startsWith("id", "kind", "source").endsWith("text");
        assertThat(rows).hasSize(1 + 1_440);
        int text = rows.getFirst().indexOf("text");
        assertThat(rows.subList(1, rows.size())).allSatisfy(row -> {
            assertThat(row.get(2)).isEqualTo(source);
            assertThat(row.get(text)).contains("\"quoted\"\nsecond line.");
        });

        HttpResponse<InputStream> file = http.send(request(path + "&gzip=true").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(file.headers().firstValue("Content-Type")).hasValue("application/gzip");
        assertThat(file.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(file.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).contains(".csv.gz\""));
        assertThat(csv(new GZIPInputStream(file.body()))).hasSize(1 + 1_440);
    }

    @Test
    void theFiltersOfSearchApplyAndAnEmptyExportIsAnEmptyFile() throws Exception {
        QueryTestClient query = new QueryTestClient(port);
        HttpResponse<String> speeches = query.get("/api/v1/export?source=" + source
                + "&kind=SPEECH&entity=Q7747&to=2020-01-01T01:00:00Z");
        // Minutes 0..59, multiples of 3 (speeches) and of 2 (mention Putin): 0, 6, ..., 54.
        assertThat(speeches.body().lines().count()).isEqualTo(10);
        HttpResponse<String> none = query.get("/api/v1/export?source=nothing-" + run);
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).isEmpty();
        assertThat(none.headers().firstValue(ExportController.COUNT_HEADER)).hasValue("0");
    }

    @Test
    void badParametersAreRefusedBeforeAnythingIsStreamed() throws Exception {
        QueryTestClient query = new QueryTestClient(port);
        HttpResponse<String> format = query.get("/api/v1/export?format=xml");
        assertThat(format.statusCode()).isEqualTo(400);
        assertThat(format.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(format.body()).contains("format must be ndjson or csv");
        HttpResponse<String> date = query.get("/api/v1/export?from=yesterday");
        assertThat(date.statusCode()).isEqualTo(400);
        assertThat(date.body()).contains("from must be a date");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private static List<List<String>> csv(InputStream in) throws Exception {
        CsvMapper mapper = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();
        try (in; MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(in)) {
            return it.readAll();
        }
    }

    /** Heap in use after full collections: what is still reachable. */
    static long retainedHeap() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
