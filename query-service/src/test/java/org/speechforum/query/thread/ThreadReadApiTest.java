package org.speechforum.query.thread;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.speechforum.contracts.Author;
import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.DocumentKind;
import org.speechforum.contracts.ThreadInfo;
import org.speechforum.query.QueryServiceIntegrationTest;
import org.speechforum.query.QueryTestClient;
import org.speechforum.query.index.DocumentIndex;
import org.speechforum.query.index.IndexProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The thread read API cannot break: a 2,000-deep reply chain and a 20,000-reply flat thread are stored as the
 * indexer stores threaded documents (bulk, with the places enrich-service would give them), then read back whole through
 * HTTP: the chain through nested answers and their continuation links, both through the flat view's pages.
 * Every answer is a 200 with JSON that parses.
 */
@QueryServiceIntegrationTest
class ThreadReadApiTest {

    @LocalServerPort
    int port;

    @Autowired
    ElasticsearchClient elasticsearch;

    @Autowired
    IndexProperties indexProperties;

    @Test
    void aTwoThousandDeepChainIsReadBackWholeNestedAndFlat() throws Exception {
        String source = "chain-" + UUID.randomUUID().toString().substring(0, 8);
        int length = 2_000;
        Map<String, String> parentOf = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            order.add("n" + i);
            if (i > 0) {
                parentOf.put("n" + i, "n" + (i - 1));
            }
        }
        List<Document> docs = store(source, order, parentOf);
        String rootId = docs.getFirst().id();
        QueryTestClient client = new QueryTestClient(port);

        // Nested: each answer is at most 100 levels; the deepest node carries the link that continues the chain.
        List<String> chain = new ArrayList<>();
        String next = "/api/v1/threads/" + rootId;
        int answers = 0;
        while (next != null) {
            JsonNode answer = client.getJson(next);
            answers++;
            assertThat(answer.get("depthLimit").asInt()).isEqualTo(100);
            JsonNode node = answer.get("root");
            if (!chain.isEmpty()) {
                assertThat(node.get("id").asString()).isEqualTo(chain.getLast());
                chain.removeLast();
            }
            next = null;
            while (node != null) {
                chain.add(node.get("id").asString());
                if (node.get("more") != null) {
                    assertThat(node.get("more").get("replies").asInt()).isEqualTo(1);
                    next = node.get("more").get("next").asString();
                }
                node = node.get("children").isEmpty() ? null : node.get("children").get(0);
            }
        }
        assertThat(chain).containsExactlyElementsOf(docs.stream().map(Document::id).toList());
        assertThat(answers).isEqualTo(20);

        // Flat: one page holds every node, each with its parent and depth.
        JsonNode flat = client.getJson("/api/v1/threads/" + rootId + "?view=flat&size=10000");
        assertThat(flat.get("total").asInt()).isEqualTo(length);
        assertThat(flat.get("nodes")).hasSize(length);
        JsonNode last = flat.get("nodes").get(length - 1);
        assertThat(last.get("depth").asInt()).isEqualTo(length - 1);
        assertThat(last.get("parentId").asString()).isEqualTo(docs.get(length - 2).id());
    }

    @Test
    void aTwentyThousandReplyFlatThreadIsReadBackWholeInPages() throws Exception {
        String source = "wide-" + UUID.randomUUID().toString().substring(0, 8);
        int replies = 20_000;
        Map<String, String> parentOf = new HashMap<>();
        List<String> order = new ArrayList<>();
        order.add("post");
        for (int i = 1; i <= replies; i++) {
            order.add("r" + i);
            parentOf.put("r" + i, "post");
        }
        List<Document> docs = store(source, order, parentOf);
        String rootId = docs.getFirst().id();
        QueryTestClient client = new QueryTestClient(port);

        Set<String> seen = new HashSet<>();
        String next = "/api/v1/threads/" + rootId + "?view=flat&size=5000";
        int pages = 0;
        while (next != null) {
            JsonNode page = client.getJson(next);
            pages++;
            assertThat(page.get("total").asInt()).isEqualTo(replies + 1);
            for (JsonNode node : page.get("nodes")) {
                assertThat(seen.add(node.get("id").asString())).as("no node twice").isTrue();
                if (!node.get("id").asString().equals(rootId)) {
                    assertThat(node.get("parentId").asString()).isEqualTo(rootId);
                    assertThat(node.get("depth").asInt()).isEqualTo(1);
                }
            }
            next = page.get("next") == null ? null : page.get("next").asString();
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(docs.stream().map(Document::id).toList());
        assertThat(pages).isBetween(5, 6);

        // Nested: too wide for one answer, so it says so and points at the flat view, still as valid JSON.
        JsonNode nested = client.getJson("/api/v1/threads/" + rootId);
        assertThat(nested.get("truncated").asBoolean()).isTrue();
        assertThat(nested.get("next").asString()).endsWith("?view=flat");
        assertThat(nested.get("root").get("children")).hasSize(9_999);
    }

    @Test
    void wrongParametersAreProblemsNotBrokenAnswers() throws Exception {
        QueryTestClient client = new QueryTestClient(port);
        for (String query : List.of("?depth=0", "?depth=201", "?view=tree", "?view=flat&size=10001",
                "?view=flat&cursor=bm90LWEtY3Vyc29y")) {
            HttpResponse<String> answer = client.get("/api/v1/threads/anything" + query);
            assertThat(answer.statusCode()).as(query).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(client.get("/api/v1/threads/nope?view=flat").statusCode()).isEqualTo(404);
    }

    /** What {@link #store} wrote, bypassing the topic: removed after each test, so the index stays the log's projection. */
    private final List<String> written = new ArrayList<>();

    @AfterEach
    void removeWhatBypassedTheTopic() throws Exception {
        for (int from = 0; from < written.size(); from += 5_000) {
            BulkRequest.Builder bulk = new BulkRequest.Builder().index(indexProperties.writeAlias());
            written.subList(from, Math.min(written.size(), from + 5_000))
                    .forEach(id -> bulk.operations(op -> op.delete(d -> d.id(id))));
            elasticsearch.bulk(bulk.build());
        }
        written.clear();
        elasticsearch.indices().refresh(r -> r.index(indexProperties.writeAlias()));
    }

    /** Threads the documents with {@link ThreadMath} and bulk-writes them as the indexer stores them. */
    private List<Document> store(String source, List<String> order, Map<String, String> parentOf) throws Exception {
        new DocumentIndex(elasticsearch, indexProperties).ensureExists();
        List<Document> docs = new ArrayList<>();
        Map<String, ThreadInfo> places = new HashMap<>();
        Instant start = Instant.parse("2024-06-01T10:00:00Z");
        for (int i = 0; i < order.size(); i++) {
            String ext = order.get(i);
            String parent = parentOf.get(ext);
            Document d = Document.builder().id(DocumentIds.of(source, ext))
                    .kind(parent == null ? DocumentKind.POST : DocumentKind.COMMENT).source(source).externalId(ext)
                    .author(new Author(null, "user" + (i % 37), "lemmy.example", null, null))
                    .publishedAt(start.plusSeconds(i)).text(source + " text " + ext)
                    .parentId(parent == null ? null : DocumentIds.of(source, parent)).schemaVersion(1).build();
            docs.add(d);
            written.add(d.id());
            // Parents come first here, so each place follows from its parent's, as enrich-service decides it.
            ThreadInfo parentPlace = d.parentId() == null ? null : places.get(d.parentId());
            List<String> path = new ArrayList<>(parentPlace == null ? List.of() : parentPlace.path());
            path.add(d.id());
            places.put(d.id(), parentPlace == null ? new ThreadInfo(d.id(), null, 0, List.of(d.id()), false)
                    : new ThreadInfo(parentPlace.rootId(), d.parentId(), parentPlace.depth() + 1, path, false));
        }
        for (int from = 0; from < docs.size(); from += 1_000) {
            BulkRequest.Builder bulk = new BulkRequest.Builder().index(indexProperties.writeAlias());
            for (Document d : docs.subList(from, Math.min(docs.size(), from + 1_000))) {
                ObjectNode json = DocumentJson.mapper().valueToTree(d);
                json.set("thread", DocumentJson.mapper().valueToTree(places.get(d.id())));
                bulk.operations(op -> op.index(ix -> ix.id(d.id())
                        .document(BinaryData.of(DocumentJson.mapper().writeValueAsBytes(json),
                                ContentType.APPLICATION_JSON))));
            }
            BulkResponse response = elasticsearch.bulk(bulk.build());
            assertThat(response.errors()).as("bulk errors").isFalse();
        }
        elasticsearch.indices().refresh(r -> r.index(indexProperties.writeAlias()));
        return docs;
    }
}
