package org.speechforum.query.stats;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four documents of one entity in 1905: exact (no precision), DAY, MONTH and YEAR. Day and week histograms count
 * the first two and say two were left out; month buckets take the MONTH date too; year buckets take all four.
 */
@QueryServiceIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApproximateDatesInStatsTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String source = "approx-" + run;
    private final String entity = "Qapprox" + run;

    @LocalServerPort
    int port;
    @Autowired
    ElasticsearchClient client;
    @Autowired
    DocumentIndex index;

    @BeforeAll
    void indexFourDocumentsOfDifferentPrecision() throws Exception {
        List<String> dates = List.of("1905-03-10T09:00:00Z", "1905-03-12T00:00:00Z", "1905-03-01T00:00:00Z",
                "1905-01-01T00:00:00Z");
        List<TimePrecision> precisions = java.util.Arrays.asList(null, TimePrecision.DAY, TimePrecision.MONTH,
                TimePrecision.YEAR);
        Entity mentioned = new Entity(entity, "Approximate " + run, "PERSON", 1, 0, List.of());
        IndexedDocuments.bulk(client, index, 4, i -> Document.builder()
                .id(DocumentIds.of(source, Integer.toString(i))).source(source).externalId(Integer.toString(i))
                .kind(i < 2 ? DocumentKind.SPEECH : DocumentKind.COMMENT)
                .publishedAt(Instant.parse(dates.get(i))).publishedAtPrecision(precisions.get(i))
                .text("Approximate " + run + " " + i).schemaVersion(1).entities(List.of(mentioned)).build());
    }

    @Test
    void activityLeavesOutDatesLessExactThanItsBucketsAndSaysHowMany() throws Exception {
        QueryTestClient query = new QueryTestClient(port);
        String range = "&from=1905-01-01&to=1906-01-01";
        JsonNode day = query.getJson("/api/v1/stats/activity?interval=day" + range);
        assertThat(sum(day.get("series"))).isEqualTo(2);
        assertThat(day.get("approximateDatesLeftOut").asLong()).isEqualTo(2);
        JsonNode comments = series(day, "COMMENT");
        assertThat(comments.get("points")).isEmpty();
        assertThat(comments.get("approximateDatesLeftOut").asLong()).isEqualTo(2);

        JsonNode month = query.getJson("/api/v1/stats/activity?interval=month" + range);
        assertThat(sum(month.get("series"))).isEqualTo(3);
        assertThat(month.get("approximateDatesLeftOut").asLong()).isEqualTo(1);
        assertThat(series(month, "COMMENT").get("points")).singleElement()
                .satisfies(p -> assertThat(p.get("date").asString()).startsWith("1905-03-01"));

        JsonNode year = query.getJson("/api/v1/stats/activity?interval=year" + range);
        assertThat(sum(year.get("series"))).isEqualTo(4);
        assertThat(year.get("approximateDatesLeftOut").asLong()).isZero();
    }

    @Test
    void mentionsTheEntityPageAndSearchFacetsDoTheSame() throws Exception {
        QueryTestClient query = new QueryTestClient(port);
        JsonNode mentions = query.getJson("/api/v1/stats/mentions?entity=" + entity + "&interval=week");
        assertThat(mentions.get("series").get(0).get("points")).singleElement()
                .satisfies(p -> assertThat(p.get("value").asLong()).isEqualTo(2));
        assertThat(mentions.get("series").get(0).get("approximateDatesLeftOut").asLong()).isEqualTo(2);
        assertThat(mentions.get("approximateDatesLeftOut").asLong()).isEqualTo(2);

        JsonNode page = query.getJson("/api/v1/entities/" + entity);
        assertThat(page.get("documentCount").asLong()).isEqualTo(4);
        assertThat(page.get("mentionsPerDay")).extracting(p -> p.get("documents").asLong()).containsExactly(1L, 1L);
        assertThat(page.get("approximateDatesLeftOut").asLong()).isEqualTo(2);
        assertThat(page.get("documents")).anySatisfy(
                d -> assertThat(d.path("publishedAtPrecision").asString()).isEqualTo("YEAR"));

        JsonNode byDay = query.getJson("/api/v1/search?source=" + source + "&interval=day").get("facets");
        assertThat(byDay.get("dates")).extracting(d -> d.get("count").asLong()).containsExactly(1L, 1L);
        assertThat(byDay.get("approximateDatesLeftOut").asLong()).isEqualTo(2);
        JsonNode byYear = query.getJson("/api/v1/search?source=" + source + "&interval=year").get("facets");
        assertThat(byYear.get("dates")).singleElement()
                .satisfies(d -> assertThat(d.get("count").asLong()).isEqualTo(4));
        assertThat(byYear.get("approximateDatesLeftOut").asLong()).isZero();
    }

    private static long sum(JsonNode series) {
        return StreamSupport.stream(series.spliterator(), false)
                .flatMap(s -> StreamSupport.stream(s.get("points").spliterator(), false))
                .mapToLong(p -> p.get("value").asLong()).sum();
    }

    private static JsonNode series(JsonNode answer, String id) {
        return StreamSupport.stream(answer.get("series").spliterator(), false)
                .filter(s -> s.get("id").asString().equals(id)).findFirst().orElseThrow();
    }
}
