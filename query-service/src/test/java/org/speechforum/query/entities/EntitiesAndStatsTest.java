package org.speechforum.query.entities;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Entity;
import org.speechforum.query.QueryServiceIntegrationTest;
import org.speechforum.query.QueryTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.speechforum.query.QueryTestClient.enriched;

@QueryServiceIntegrationTest(properties = {"query.cors.allowed-origins=https://grafana.example.org"})
class EntitiesAndStatsTest {

    @LocalServerPort
    int port;

    @Test
    void anEntityPageCountsMentionsListsDocumentsAndCooccurringEntities() throws Exception {
        QueryTestClient query = new QueryTestClient(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String leninId = "Qlenin" + run;
        String stalinId = "Qstalin" + run;
        Entity lenin = new Entity(leninId, "Vladimir Lenin " + run, "PERSON", 2, 0, List.of());
        Entity stalin = new Entity(stalinId, "Joseph Stalin " + run, "PERSON", 1, 10, List.of());
        Document speech = enriched("speech-" + run, "Speech " + run).toBuilder()
                .publishedAt(Instant.parse("2024-03-04T10:00:00Z")).entities(List.of(lenin)).build();
        Document comment = enriched("comment-" + run, "Comment " + run).toBuilder().kind(DocumentKind.COMMENT)
                .publishedAt(Instant.parse("2024-03-20T10:00:00Z")).entities(List.of(lenin, stalin)).build();
        QueryTestClient.send(speech, comment);
        query.awaitHits(run, 2);

        JsonNode page = query.getJson("/api/v1/entities/" + leninId);
        assertThat(page.get("name").asString()).isEqualTo("Vladimir Lenin " + run);
        assertThat(page.get("type").asString()).isEqualTo("PERSON");
        assertThat(page.get("mentions").asLong()).isEqualTo(4);
        assertThat(page.get("documentCount").asLong()).isEqualTo(2);
        assertThat(page.get("documents")).extracting(d -> d.get("id").asString())
                .containsExactly(comment.id(), speech.id());
        assertThat(page.get("cooccurring")).singleElement()
                .satisfies(e -> assertThat(e.get("id").asString()).isEqualTo(stalinId));
        assertThat(page.get("cooccurringSampled").asBoolean()).as("2 documents, under the sample").isFalse();
        assertThat(page.get("cooccurringDocuments").asLong()).isEqualTo(2);
        assertThat(page.get("mentionsPerDay")).hasSize(2);
        assertThat(page.get("mentionsPerWeek").get(0).get("mentions").asLong()).isEqualTo(2);

        JsonNode suggestions = query.getJson("/api/v1/entities?q=lenin%20" + run + "&type=PERSON");
        assertThat(suggestions).extracting(e -> e.get("id").asString()).containsExactly(leninId);
        assertThat(query.getJson("/api/v1/entities?q=vladimir%20le").toString()).contains(leninId);

        JsonNode series = query.getJson("/api/v1/stats/mentions?entity=" + leninId + "," + stalinId
                + "&interval=month");
        assertThat(series.get("series")).hasSize(2);
        assertThat(series.get("series").get(0).get("points").get(0).get("value").asLong()).isEqualTo(4);
        assertThat(series.get("series").get(0).get("points").get(0).get("date").asString()).startsWith("2024-03-01");

        assertThat(query.get("/api/v1/entities/Qnobody" + run).statusCode()).isEqualTo(404);
    }

    @Test
    void topEntitiesAndActivityAreSeriesAChartCanPlot() throws Exception {
        QueryTestClient query = new QueryTestClient(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Entity place = new Entity("Qplace" + run, "Placeland " + run, "LOCATION", 3, 0, List.of());
        QueryTestClient.send(enriched("a-" + run, "Activity " + run).toBuilder()
                        .publishedAt(Instant.parse("1999-01-05T00:00:00Z")).entities(List.of(place)).build(),
                enriched("b-" + run, "Activity " + run).toBuilder().kind(DocumentKind.COMMENT)
                        .publishedAt(Instant.parse("1999-01-06T00:00:00Z")).build());
        query.awaitHits(run, 2);

        JsonNode top = query.getJson("/api/v1/stats/top-entities?type=LOCATION&from=1999-01-01&to=1999-02-01");
        assertThat(top).singleElement().satisfies(e -> {
            assertThat(e.get("id").asString()).isEqualTo("Qplace" + run);
            assertThat(e.get("mentions").asLong()).isEqualTo(3);
        });

        JsonNode activity = query.getJson("/api/v1/stats/activity?interval=day&from=1999-01-01&to=1999-02-01");
        assertThat(activity.get("series")).extracting(s -> s.get("id").asString())
                .containsExactlyInAnyOrder("SPEECH", "COMMENT");
        assertThat(query.get("/api/v1/stats/activity?by=nonsense").statusCode()).isEqualTo(400);
        assertThat(query.get("/api/v1/stats/mentions?entity=").statusCode()).isEqualTo(400);
    }
}
