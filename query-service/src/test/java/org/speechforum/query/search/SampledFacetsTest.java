package org.speechforum.query.search;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.speechforum.contracts.Author;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Entity;
import org.speechforum.query.QueryServiceIntegrationTest;
import org.speechforum.query.QueryTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Above twice {@code query.search.facet-sample} matches (here 100, so above 200) the search answers facets
 * estimated from a random sample and says so; at or below it, exact counts and {@code facets.sample: null}.
 * 600 documents: three in four are comments, one in four speeches; a third mention one entity.
 */
@QueryServiceIntegrationTest(properties = "query.search.facet-sample=100")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampledFacetsTest {

    private static final int DOCUMENTS = 600;

    @LocalServerPort
    int port;
    private QueryTestClient query;
    private String source;
    private String entity;

    @BeforeAll
    void corpus() throws Exception {
        query = new QueryTestClient(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        source = "sampled-" + run;
        entity = "Qsampled" + run;
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            String ext = run + "-" + i;
            String text = "Comrades discuss the summit, item " + i;
            List<Entity> entities = i % 3 == 0
                    ? List.of(new Entity(entity, "BRICS", "ORGANIZATION", 1, 0, List.of())) : List.of();
            docs.add(Document.builder().id(DocumentIds.of(source, ext))
                    .kind(i % 4 == 0 ? DocumentKind.SPEECH : DocumentKind.COMMENT)
                    .source(source).externalId(ext).title("Sampled " + i)
                    .author(new Author(null, "volga" + run, "lemmygrad.ml", null, null))
                    .publishedAt(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i * 3_600L))
                    .ingestedAt(Instant.now()).text(text).schemaVersion(1).contentHash(DocumentIds.sha256(text))
                    .enrichedAt(Instant.now()).entities(entities).build());
        }
        QueryTestClient.send(docs.toArray(Document[]::new));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (query.getJson("/api/v1/search?source=" + source).get("total").asLong() < DOCUMENTS) {
            assertThat(System.nanoTime()).as("all documents indexed").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    @Test
    void manyMatchesGetEstimatedFacetsThatSaySo() throws Exception {
        JsonNode answer = query.getJson("/api/v1/search?source=" + source);
        assertThat(answer.get("total").asLong()).isEqualTo(DOCUMENTS);
        assertThat(answer.get("totalRelation").asString()).isEqualTo("eq");
        JsonNode sample = answer.at("/facets/sample");
        assertThat(sample.get("matches").asLong()).isEqualTo(DOCUMENTS);
        assertThat(sample.get("probability").asDouble()).isCloseTo(100.0 / DOCUMENTS, within(1e-9));
        // About 100 of the 600; a binomial draw, so a wide but failing band (mean 100, sd about 9).
        assertThat(sample.get("documents").asLong()).isBetween(50L, 160L);

        long comments = count(answer.at("/facets/kinds"), "COMMENT");
        long speeches = count(answer.at("/facets/kinds"), "SPEECH");
        // Scaled back to the whole set: 450 and 150 in truth.
        assertThat(comments).isBetween(300L, 600L);
        assertThat(speeches).isBetween(50L, 300L);
        assertThat(count(answer.at("/facets/sources"), source)).isLessThanOrEqualTo(DOCUMENTS).isGreaterThan(400L);
        JsonNode organisations = answer.at("/facets/entities/ORGANIZATION");
        assertThat(organisations).hasSize(1);
        assertThat(organisations.get(0).get("id").asString()).isEqualTo(entity);
        assertThat(organisations.get(0).get("name").asString()).isEqualTo("BRICS");
        assertThat(organisations.get(0).get("count").asLong()).isBetween(80L, 350L);
        answer.at("/facets/dates").forEach(d -> assertThat(d.get("count").asLong()).isLessThanOrEqualTo(DOCUMENTS));

        JsonNode again = query.getJson("/api/v1/search?source=" + source);
        assertThat(again.get("facets")).as("the same question draws the same sample").isEqualTo(answer.get("facets"));
    }

    @Test
    void fewMatchesGetExactFacets() throws Exception {
        // 150 speeches: not above twice the sample size.
        JsonNode answer = query.getJson("/api/v1/search?kind=SPEECH&source=" + source);
        assertThat(answer.get("total").asLong()).isEqualTo(150);
        assertThat(answer.get("facets").has("sample")).isTrue();
        assertThat(answer.at("/facets/sample").isNull()).isTrue();
        assertThat(count(answer.at("/facets/kinds"), "SPEECH")).isEqualTo(150);
        assertThat(answer.at("/facets/entities/ORGANIZATION/0/count").asLong()).as("i % 12 == 0 of 600")
                .isEqualTo(50);
    }

    @Test
    void theNextPageCarriesNoFacetsAndABoundedTotal() throws Exception {
        JsonNode first = query.getJson("/api/v1/search?size=50&sort=newest&source=" + source);
        JsonNode second = query.getJson("/api/v1/search?size=50&sort=newest&source=" + source + "&cursor="
                + first.get("cursor").asString());
        assertThat(second.get("facets").isNull()).isTrue();
        assertThat(second.get("total").asLong()).isEqualTo(DOCUMENTS);
        assertThat(second.get("hits")).hasSize(50);
        assertThat(second.at("/hits/0/id").asString()).isNotEqualTo(first.at("/hits/0/id").asString());
    }

    private static long count(JsonNode counts, String value) {
        for (JsonNode c : counts) {
            if (c.get("value").asString().equals(value)) {
                return c.get("count").asLong();
            }
        }
        return 0;
    }
}
