package org.speechforum.query.search;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.speechforum.contracts.Author;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.Entity;
import org.speechforum.localstack.TestEngines;
import org.speechforum.query.QueryServiceIntegrationTest;
import org.speechforum.query.QueryTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The facets and entity figures computed on the root-level fields (index version 2) are the ones the previous
 * design computed with nested aggregations: the same generated corpus is asked both ways, through the API and
 * with the version-1 bodies straight to Elasticsearch, and every count must match.
 */
@QueryServiceIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FacetEquivalenceTest {

    private static final String[][] POOL = {
            {"PERSON", "Lenin"}, {"PERSON", "Stalin"}, {"PERSON", "Vladimir Putin"}, {"PERSON", "Fidel Castro"},
            {"PERSON", "Lula"}, {"PERSON", "Karl Marx"}, {"PERSON", "Mao Zedong"}, {"PERSON", "Nelson Mandela"},
            {"PERSON", "Che Guevara"}, {"PERSON", "Simón Bolívar"}, {"PERSON", "Salvador Allende"},
            {"PERSON", "Angela Merkel"}, {"PERSON", "Olaf Scholz"}, {"ORGANIZATION", "NATO"},
            {"ORGANIZATION", "BRICS"}, {"ORGANIZATION", "the IMF"}, {"ORGANIZATION", "OPEC"},
            {"LOCATION", "Cuba"}, {"LOCATION", "Brazil"}, {"LOCATION", "Kenya"}, {"LOCATION", "Latin America"},
            {"GROUP", "Soviet"}, {"GROUP", "Cuban"}, {"DATE", "October 1917"}, {"PERCENT", "12 percent"},
            {"MONEY", "$40 billion"}, {"EVENT", "the BRICS summit"}, {"USER", "@comrade@lemmygrad.ml"},
    };
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    private QueryTestClient query;
    private String run;
    private String sources;

    @BeforeAll
    void generatedCorpus() throws Exception {
        query = new QueryTestClient(port);
        run = UUID.randomUUID().toString().substring(0, 8);
        sources = "gen-a-" + run + ",gen-b-" + run + ",gen-c-" + run;
        List<Document> docs = generate(new Random(18), 400);
        QueryTestClient.send(docs.toArray(Document[]::new));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (query.getJson("/api/v1/search?source=" + sources).get("total").asLong() < docs.size()) {
            assertThat(System.nanoTime()).as("all generated documents indexed").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    @Test
    void searchFacetsMatchTheNestedAggregations() throws Exception {
        String filter = "{\"terms\":{\"source\":" + array(sources.split(",")) + "}}";
        compare("/api/v1/search?source=" + sources, "[" + filter + "]", null);
        compare("/api/v1/search?interval=week&source=" + sources + "&entity=" + id(1),
                "[" + filter + "," + nested("{\"term\":{\"entities.id\":\"" + id(1) + "\"}}") + "]", "week");
        compare("/api/v1/search?source=" + sources + "&entityType=MONEY",
                "[" + filter + "," + nested("{\"terms\":{\"entities.type\":[\"MONEY\"]}}") + "]", null);
        compare("/api/v1/search?q=cooperation&source=" + sources, "[" + filter + "]", null);
    }

    @Test
    void entityPageAndMentionSeriesMatchTheNestedAggregations() throws Exception {
        for (int k : new int[] {0, 2, 14, 17}) {
            String id = id(k);
            JsonNode page = query.getJson("/api/v1/entities/" + id);
            String term = "{\"term\":{\"entities.id\":\"" + id + "\"}}";
            JsonNode old = es("{\"size\":0,\"query\":" + nested(term) + ",\"aggs\":{"
                    + "\"self\":{\"nested\":{\"path\":\"entities\"},\"aggs\":{\"this\":{\"filter\":" + term
                    + ",\"aggs\":{\"ids\":" + byId(1) + "}}}},"
                    + "\"cooccurring\":{\"nested\":{\"path\":\"entities\"},\"aggs\":{\"others\":{\"filter\":{\"bool\":"
                    + "{\"must_not\":[" + term + "]}},\"aggs\":{\"ids\":" + byId(20) + "}}}},"
                    + "\"perWeek\":{\"date_histogram\":{\"field\":\"publishedAt\",\"calendar_interval\":\"week\","
                    + "\"min_doc_count\":1},\"aggs\":{\"e\":{\"nested\":{\"path\":\"entities\"},\"aggs\":{\"this\":"
                    + "{\"filter\":" + term + ",\"aggs\":{\"m\":{\"sum\":{\"field\":\"entities.count\"}}}}}}}}}}");
            JsonNode self = old.at("/aggregations/self/this/ids/buckets/0");
            assertThat(page.get("name").asString()).isEqualTo(self.at("/name/buckets/0/key").asString());
            assertThat(page.get("type").asString()).isEqualTo(self.at("/type/buckets/0/key").asString());
            assertThat(page.get("mentions").asLong()).isEqualTo(self.at("/mentions/value").asLong());
            assertThat(page.get("documentCount").asLong()).isEqualTo(self.get("doc_count").asLong());
            Map<String, List<Long>> cooccurring = new TreeMap<>();
            for (JsonNode b : old.at("/aggregations/cooccurring/others/ids/buckets")) {
                cooccurring.put(b.get("key").asString(), List.of(b.get("doc_count").asLong(),
                        b.at("/mentions/value").asLong()));
            }
            Map<String, List<Long>> answered = new TreeMap<>();
            for (JsonNode e : page.get("cooccurring")) {
                answered.put(e.get("id").asString(), List.of(e.get("documents").asLong(), e.get("mentions").asLong()));
            }
            assertThat(answered).as("co-occurring entities of " + id).isEqualTo(cooccurring);
            List<String> weeks = new ArrayList<>();
            for (JsonNode b : old.at("/aggregations/perWeek/buckets")) {
                weeks.add(b.get("key_as_string").asString() + "=" + b.get("doc_count").asLong() + "/"
                        + b.at("/e/this/m/value").asLong());
            }
            List<String> answeredWeeks = new ArrayList<>();
            page.get("mentionsPerWeek").forEach(p -> answeredWeeks.add(p.get("date").asString() + "="
                    + p.get("documents").asLong() + "/" + p.get("mentions").asLong()));
            assertThat(answeredWeeks).as("mentions per week of " + id).isEqualTo(weeks);

            JsonNode series = query.getJson("/api/v1/stats/mentions?interval=week&entity=" + id);
            List<String> points = new ArrayList<>();
            series.at("/series/0/points").forEach(p -> points.add(p.get("date").asString() + "=" + p.get("value")));
            List<String> oldPoints = new ArrayList<>();
            for (JsonNode b : old.at("/aggregations/perWeek/buckets")) {
                oldPoints.add(b.get("key_as_string").asString() + "=" + b.at("/e/this/m/value").asLong());
            }
            assertThat(points).as("stats/mentions of " + id).isEqualTo(oldPoints);
        }
    }

    /** The API's facets against the version-1 nested body with the same filters. */
    private void compare(String path, String filters, String interval) throws Exception {
        JsonNode answer = query.getJson(path);
        JsonNode facets = answer.get("facets");
        String q = path.contains("q=") ? ",\"must\":[{\"simple_query_string\":{\"query\":\"cooperation\","
                + "\"fields\":[\"title^2\",\"text\",\"author.name\"],\"default_operator\":\"and\"}}]" : "";
        JsonNode old = es("{\"size\":0,\"track_total_hits\":true,\"query\":{\"bool\":{\"filter\":" + filters + q
                + "}},\"aggs\":{"
                + "\"kinds\":{\"terms\":{\"field\":\"kind\",\"size\":10}},"
                + "\"sources\":{\"terms\":{\"field\":\"source\",\"size\":10}},"
                + "\"authors\":{\"terms\":{\"field\":\"author.name.keyword\",\"size\":10}},"
                + "\"handles\":{\"terms\":{\"field\":\"author.handle\",\"size\":10}},"
                + "\"entities\":{\"nested\":{\"path\":\"entities\"},\"aggs\":{\"types\":{\"terms\":{\"field\":"
                + "\"entities.type\",\"size\":10},\"aggs\":{\"ids\":{\"terms\":{\"field\":\"entities.id\",\"size\":10},"
                + "\"aggs\":{\"name\":{\"terms\":{\"field\":\"entities.name.keyword\",\"size\":1}}}}}}}},"
                + "\"dates\":{\"date_histogram\":{\"field\":\"publishedAt\",\"calendar_interval\":\""
                + (interval == null ? "month" : interval) + "\",\"min_doc_count\":1}}}}");
        assertThat(answer.get("total").asLong()).as(path).isEqualTo(old.at("/hits/total/value").asLong());
        assertThat(answer.get("totalRelation").asString()).isEqualTo("eq");
        assertThat(facets.get("sample").isNull()).as("exact facets below twice the sample size").isTrue();
        assertThat(counts(facets.get("kinds"), "value")).as("kinds of " + path)
                .isEqualTo(buckets(old.at("/aggregations/kinds/buckets")));
        assertThat(counts(facets.get("sources"), "value")).as("sources of " + path)
                .isEqualTo(buckets(old.at("/aggregations/sources/buckets")));
        Map<String, Long> authors = buckets(old.at("/aggregations/authors/buckets"));
        authors.putAll(buckets(old.at("/aggregations/handles/buckets")));
        assertThat(new TreeMap<>(counts(facets.get("authors"), "value"))).as("authors of " + path)
                .isEqualTo(new TreeMap<>(authors));
        Map<String, List<String>> entities = new TreeMap<>();
        for (JsonNode type : old.at("/aggregations/entities/types/buckets")) {
            List<String> ids = new ArrayList<>();
            for (JsonNode id : type.at("/ids/buckets")) {
                ids.add(id.get("key").asString() + "|" + id.at("/name/buckets/0/key").asString() + "|"
                        + id.get("doc_count").asLong());
            }
            entities.put(type.get("key").asString(), ids);
        }
        Map<String, List<String>> answered = new TreeMap<>();
        facets.get("entities").properties().forEach(e -> {
            List<String> ids = new ArrayList<>();
            e.getValue().forEach(x -> ids.add(x.get("id").asString() + "|" + x.get("name").asString() + "|"
                    + x.get("count").asLong()));
            answered.put(e.getKey(), ids);
        });
        assertThat(answered).as("entity facets of " + path).isEqualTo(entities);
        assertThat(counts(facets.get("dates"), "date")).as("dates of " + path)
                .isEqualTo(keyed(old.at("/aggregations/dates/buckets")));
    }

    private List<Document> generate(Random r, int n) {
        String[] handles = {"redstar" + run, "volga" + run, "andes" + run};
        String[] speakers = {"Vladimir Putin", "Luiz Inácio Lula da Silva", "William Ruto"};
        String[] words = {"cooperation", "sovereignty", "trade", "summit", "security"};
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String ext = "gen-" + run + "-" + i;
            String source = "gen-" + "abc".charAt(r.nextInt(3)) + "-" + run;
            DocumentKind kind = DocumentKind.values()[r.nextInt(DocumentKind.values().length)];
            Author author = r.nextBoolean() ? new Author(speakers[r.nextInt(3)], null, null, null, null)
                    : new Author(null, handles[r.nextInt(3)], "lemmygrad.ml", null, null);
            List<Entity> entities = new ArrayList<>();
            int many = r.nextInt(7);
            for (int e = 0; e < many; e++) {
                // Skewed towards the first entities of the pool, so top-10 cuts and ties both happen.
                int k = Math.min(POOL.length - 1, (int) Math.abs(r.nextGaussian() * 9));
                if (entities.stream().noneMatch(x -> x.id().equals(id(k)))) {
                    entities.add(new Entity(id(k), POOL[k][1], POOL[k][0], 1 + r.nextInt(4), e * 10, List.of()));
                }
            }
            String text = words[r.nextInt(words.length)] + " and " + words[r.nextInt(words.length)] + " " + run;
            docs.add(Document.builder().id(DocumentIds.of(source, ext)).kind(kind).source(source).externalId(ext)
                    .title("Generated " + i).author(author)
                    .publishedAt(Instant.parse("2023-01-01T00:00:00Z").plusSeconds(r.nextLong(2L * 365 * 86400)))
                    .ingestedAt(Instant.now()).text(text).schemaVersion(1).contentHash(DocumentIds.sha256(text))
                    .enrichedAt(Instant.now()).entities(entities).build());
        }
        return docs;
    }

    private String id(int k) {
        return "Qgen" + k + "x" + run;
    }

    private static String nested(String query) {
        return "{\"nested\":{\"path\":\"entities\",\"query\":" + query + "}}";
    }

    private static String byId(int size) {
        return "{\"terms\":{\"field\":\"entities.id\",\"size\":" + size + "},\"aggs\":{"
                + "\"name\":{\"terms\":{\"field\":\"entities.name.keyword\",\"size\":1}},"
                + "\"type\":{\"terms\":{\"field\":\"entities.type\",\"size\":1}},"
                + "\"mentions\":{\"sum\":{\"field\":\"entities.count\"}}}}";
    }

    private static String array(String[] values) {
        return "[\"" + String.join("\",\"", values) + "\"]";
    }

    private static Map<String, Long> counts(JsonNode list, String key) {
        Map<String, Long> counts = new LinkedHashMap<>();
        list.forEach(c -> counts.put(c.get(key).asString(), c.get("count").asLong()));
        return counts;
    }

    private static Map<String, Long> buckets(JsonNode buckets) {
        Map<String, Long> counts = new LinkedHashMap<>();
        buckets.forEach(b -> counts.put(b.get("key").asString(), b.get("doc_count").asLong()));
        return counts;
    }

    private static Map<String, Long> keyed(JsonNode buckets) {
        Map<String, Long> counts = new LinkedHashMap<>();
        buckets.forEach(b -> counts.put(b.get("key_as_string").asString(), b.get("doc_count").asLong()));
        return counts;
    }

    private static JsonNode es(String body) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                        URI.create(TestEngines.elasticsearchUrl() + "/documents/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return QueryTestClient.JSON.readTree(answer.body());
    }
}
