package org.speechforum.query.thread;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import org.speechforum.query.index.IndexProperties;
import org.speechforum.query.search.NotFound;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/threads/{rootId}}: a whole thread as a nested tree, with the speech it is about. */
@RestController
class ThreadController {

    static final int EXCERPT_CHARS = 280;
    private static final List<String> NODE_SOURCE = List.of("id", "kind", "author", "publishedAt", "text",
            "entities.id", "entities.name", "entities.type", "parentId", "thread", "links", "title", "url",
            "source");

    private final ElasticsearchClient client;
    private final ThreadStore store;
    private final IndexProperties index;
    private final ThreadingProperties properties;

    ThreadController(ElasticsearchClient client, ThreadStore store, IndexProperties index,
                     ThreadingProperties properties) {
        this.client = client;
        this.store = store;
        this.index = index;
        this.properties = properties;
    }

    @GetMapping("/api/v1/threads/{rootId}")
    Map<String, Object> thread(@PathVariable String rootId) throws IOException {
        List<ObjectNode> docs = store.thread(rootId, NODE_SOURCE, properties.maxThreadSize(), true);
        List<ThreadTree.Item> items = new ArrayList<>(docs.size());
        List<List<Map.Entry<String, String>>> links = new ArrayList<>();
        ObjectNode rootDoc = null;
        for (ObjectNode d : docs) {
            String id = d.get("id").asString();
            if (id.equals(rootId)) {
                rootDoc = d;
            }
            String parentId = text(d.get("thread"), "parentId");
            items.add(new ThreadTree.Item(id, parentId != null ? parentId : text(d, "parentId"),
                    instant(text(d, "publishedAt")), fields(d)));
            List<Map.Entry<String, String>> own = new ArrayList<>();
            if (d.get("links") != null && d.get("links").isArray()) {
                d.get("links").forEach(l -> own.add(Map.entry(text(l, "type") == null ? "" : text(l, "type"),
                        text(l, "targetId") == null ? "" : text(l, "targetId"))));
            }
            links.add(own);
        }
        ThreadTree.Tree tree = ThreadTree.build(rootId, items);
        if (tree == null || rootDoc == null) {
            throw new NotFound("No thread with root " + rootId);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("rootId", rootId);
        JsonNode rootThread = rootDoc.get("thread");
        answer.put("size", tree.size() + tree.detached().size());
        answer.put("replyCount", rootThread == null ? null : rootThread.get("replyCount"));
        answer.put("participantCount", rootThread == null ? null : rootThread.get("participantCount"));
        answer.put("lastActivityAt", rootThread == null ? null : rootThread.get("lastActivityAt"));
        answer.put("orphan", rootThread != null && rootThread.path("orphan").asBoolean(false));
        answer.put("speech", speech(rootDoc, links));
        answer.put("root", tree.root());
        if (!tree.detached().isEmpty()) {
            answer.put("detached", tree.detached());
        }
        return answer;
    }

    private Map<String, Object> speech(ObjectNode rootDoc, List<List<Map.Entry<String, String>>> links)
            throws IOException {
        if ("SPEECH".equals(text(rootDoc, "kind"))) {
            return summary(rootDoc);
        }
        String target = ThreadTree.linkedSpeech(links);
        if (target == null) {
            return null;
        }
        GetResponse<ObjectNode> got = client.get(g -> g.index(index.readAlias()).id(target)
                .sourceIncludes(NODE_SOURCE), ObjectNode.class);
        return got.found() && got.source() != null ? summary(got.source()) : null;
    }

    private static Map<String, Object> summary(ObjectNode d) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", text(d, "id"));
        s.put("title", text(d, "title"));
        s.put("author", d.get("author"));
        s.put("publishedAt", text(d, "publishedAt"));
        s.put("url", text(d, "url"));
        s.put("excerpt", ThreadTree.excerpt(text(d, "text"), EXCERPT_CHARS));
        return s;
    }

    private static Map<String, Object> fields(ObjectNode d) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("kind", text(d, "kind"));
        f.put("author", d.get("author"));
        f.put("publishedAt", text(d, "publishedAt"));
        f.put("excerpt", ThreadTree.excerpt(text(d, "text"), EXCERPT_CHARS));
        f.put("entities", d.get("entities") == null ? List.of() : d.get("entities"));
        JsonNode thread = d.get("thread");
        if (thread != null) {
            f.put("depth", thread.path("depth").asInt());
            if (thread.path("orphan").asBoolean(false)) {
                f.put("orphan", true);
            }
        }
        if (d.get("links") != null) {
            f.put("links", d.get("links"));
        }
        return f;
    }

    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static Instant instant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
