package org.speechforum.query.entities;

import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.Entity;
import org.speechforum.query.QueryServiceIntegrationTest;
import org.speechforum.query.QueryTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.speechforum.query.QueryTestClient.enriched;

/**
 * Index version 3 on the real stack: the co-occurring entities of an entity mentioned in more documents than the
 * configured sample are counted over the sample and the answer says so; {@code speaker=} finds what a person
 * said, not what mentions them.
 */
@QueryServiceIntegrationTest(properties = "query.entities.cooccurrence-sample=3")
class SpokenAndSampledTest {

    @LocalServerPort
    int port;

    @Test
    void coOccurrenceOverMoreDocumentsThanTheSampleIsDeclaredSampledAndSpeakersFilterWhatTheySaid()
            throws Exception {
        QueryTestClient query = new QueryTestClient(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String castroId = "Qcastro" + run;
        String cubaId = "Qcuba" + run;
        Entity cuba = new Entity(cubaId, "Cuba " + run, "LOCATION", 1, 0, List.of());
        Entity castroSpeaking = new Entity(castroId, "Fidel Castro " + run, "PERSON", 1, 5, List.of())
                .asSpoken("Prime Minister of Cuba");
        Entity castroMentioned = new Entity(castroId, "Fidel Castro " + run, "PERSON", 2, 5, List.of());
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            docs.add(enriched("doc-" + i + "-" + run, "Speech " + i + " " + run).toBuilder()
                    .publishedAt(Instant.parse("2024-03-04T10:00:00Z").plusSeconds(86_400L * i))
                    .entities(List.of(cuba, i < 2 ? castroSpeaking : castroMentioned)).build());
        }
        QueryTestClient.send(docs.toArray(Document[]::new));
        query.awaitHits(run, 6);

        JsonNode cubaPage = query.getJson("/api/v1/entities/" + cubaId);
        assertThat(cubaPage.get("documentCount").asLong()).isEqualTo(6);
        assertThat(cubaPage.get("cooccurringSampled").asBoolean()).as("6 documents, a sample of 3").isTrue();
        assertThat(cubaPage.get("cooccurringDocuments").asLong()).isEqualTo(3);
        assertThat(cubaPage.get("cooccurring")).singleElement().satisfies(e -> {
            assertThat(e.get("id").asString()).isEqualTo(castroId);
            assertThat(e.get("documents").asLong()).as("counted over the sample").isEqualTo(3);
        });
        // The rest of the page is exact: every document, every day, and weeks added up from the days.
        assertThat(cubaPage.get("mentions").asLong()).isEqualTo(6);
        assertThat(cubaPage.get("mentionsPerDay")).hasSize(6);
        assertThat(cubaPage.get("mentionsPerWeek")).extracting(p -> p.get("date").asString() + "="
                        + p.get("documents").asLong())
                .containsExactly("2024-03-04T00:00:00.000Z=6");

        JsonNode spoken = query.getJson("/api/v1/search?q=" + run + "&speaker=" + castroId);
        assertThat(spoken.get("total").asLong()).isEqualTo(2);
        assertThat(spoken.get("hits")).extracting(h -> h.get("id").asString())
                .containsExactlyInAnyOrder(docs.get(0).id(), docs.get(1).id());
        assertThat(query.getJson("/api/v1/search?q=" + run + "&entity=" + castroId).get("total").asLong())
                .as("mentioned or spoken").isEqualTo(6);
    }
}
