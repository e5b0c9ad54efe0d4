package org.speechforum.query.thread;

import static org.speechforum.contracts.JsonFields.text;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import org.speechforum.query.index.IndexProperties;
import co.elastic.clients.elasticsearch._types.FieldValue;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.query.search.BadRequest;
import org.speechforum.query.search.NotFound;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/threads/{rootId}}: a thread as a nested tree (cut at a depth limit, with a continuation
 * link on every node whose replies lie below the cut), or with {@code view=flat} as pages of nodes with parent
 * and depth, oldest first. Any depth and any width is served: the nested answer never nests deeper than
 * {@value #MAX_DEPTH} levels and the flat one not at all. The answer is serialised before anything is sent, so a
 * failure becomes a problem+json answer, never a 200 with truncated JSON.
 */
@RestController
class ThreadController {

    static final int EXCERPT_CHARS = 280;
    /** Tree levels of one nested answer, by default and at most (2 JSON levels each, far below Jackson's 500). */
    static final int DEFAULT_DEPTH = 100;
    static final int MAX_DEPTH = 200;
    static final int DEFAULT_FLAT_SIZE = 1_000;
    static final int MAX_FLAT_SIZE = 10_000;
    private static final List<String> NODE_SOURCE = List.of("id", "kind", "author", "publishedAt", "publishedAtPrecision", "text",
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

    @GetMapping(value = "/api/v1/threads/{rootId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> thread(@PathVariable String rootId,
                                  @RequestParam(required = false) String view,
                                  @RequestParam(required = false) String from,
                                  @RequestParam(required = false) Integer depth,
                                  @RequestParam(required = false) Integer size,
                                  @RequestParam(required = false) String cursor) throws IOException {
        Map<String, Object> answer;
        if (view == null || view.equals("nested")) {
            answer = nested(rootId, from == null || from.isBlank() ? rootId : from,
                    bounded(depth, DEFAULT_DEPTH, MAX_DEPTH, "depth"));
        } else if (view.equals("flat")) {
            answer = flat(rootId, bounded(size, DEFAULT_FLAT_SIZE, MAX_FLAT_SIZE, "size"), cursor);
        } else {
            throw new BadRequest("view must be nested or flat", "view");
        }
        // Serialised here, before the status is sent: whatever goes wrong becomes a problem answer.
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(DocumentJson.mapper().writeValueAsBytes(answer));
    }

    private Map<String, Object> nested(String rootId, String startId, int levels) throws IOException {
        ObjectNode rootDoc = store.document(rootId, NODE_SOURCE);
        ObjectNode startDoc = startId.equals(rootId) ? rootDoc : store.document(startId, NODE_SOURCE);
        if (rootDoc == null || startDoc == null || rootDoc.get("kind") == null || startDoc.get("kind") == null
                || !startId.equals(rootId) && !rootId.equals(text(startDoc.get("thread"), "rootId"))) {
            throw new NotFound(startId.equals(rootId) ? "No thread with root " + rootId
                    : "No document " + startId + " in the thread " + rootId);
        }
        int startDepth = startDoc.path("thread").path("depth").asInt(0);
        int cut = startDepth + levels;
        int limit = properties.maxThreadSize();
        List<ObjectNode> docs = startDoc.get("thread") == null ? List.of(startDoc)
                : store.subtree(startId, cut, NODE_SOURCE, limit + 1);
        boolean truncated = docs.size() > limit;
        if (truncated) {
            docs = docs.subList(0, limit);
        }
        List<ThreadTree.Item> items = new ArrayList<>(docs.size());
        List<List<Map.Entry<String, String>>> links = new ArrayList<>();
        Map<String, Map<String, Object>> atCut = new LinkedHashMap<>();
        boolean hasStart = false;
        for (ObjectNode d : docs) {
            String id = d.get("id").asString();
            hasStart |= id.equals(startId);
            Map<String, Object> fields = fields(d);
            String parentId = text(d.get("thread"), "parentId");
            items.add(new ThreadTree.Item(id, id.equals(startId) ? null
                    : parentId != null ? parentId : text(d, "parentId"), instant(text(d, "publishedAt")), fields));
            if (d.path("thread").path("depth").asInt(0) == cut) {
                atCut.put(id, fields);
            }
            links.add(links(d));
        }
        if (!hasStart) {
            items.add(new ThreadTree.Item(startId, null, instant(text(startDoc, "publishedAt")), fields(startDoc)));
        }
        // Replies below the cut: each node there gets a link that continues the tree from it.
        store.replyCounts(startId, cut + 1, atCut.keySet()).forEach((id, replies) -> {
            Map<String, Object> more = new LinkedHashMap<>();
            more.put("replies", replies);
            more.put("next", "/api/v1/threads/" + encode(rootId) + "?from=" + encode(id) + "&depth=" + levels);
            atCut.get(id).put("more", more);
        });
        ThreadTree.Tree tree = ThreadTree.build(startId, items);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("rootId", rootId);
        JsonNode rootThread = rootDoc.get("thread");
        answer.put("size", tree.size() + tree.detached().size());
        answer.put("replyCount", rootThread == null ? null : rootThread.get("replyCount"));
        answer.put("participantCount", rootThread == null ? null : rootThread.get("participantCount"));
        answer.put("lastActivityAt", rootThread == null ? null : rootThread.get("lastActivityAt"));
        answer.put("orphan", rootThread != null && rootThread.path("orphan").asBoolean(false));
        if (startId.equals(rootId)) {
            answer.put("speech", speech(rootDoc, links));
        } else {
            answer.put("from", startId);
        }
        answer.put("depthLimit", levels);
        if (truncated) {
            // Too wide for one nested answer: the flat view pages through every node.
            answer.put("truncated", true);
            answer.put("next", "/api/v1/threads/" + encode(rootId) + "?view=flat");
        }
        answer.put("root", tree.root());
        if (!tree.detached().isEmpty()) {
            answer.put("detached", tree.detached());
        }
        return answer;
    }

    private Map<String, Object> flat(String rootId, int size, String cursor) throws IOException {
        ThreadStore.FlatPage page = store.flat(rootId, NODE_SOURCE, size, cursor == null ? null : decode(cursor));
        if (cursor == null && page.nodes().stream().noneMatch(d -> rootId.equals(text(d, "id")))
                && (store.document(rootId, List.of("id", "kind")) == null
                || store.document(rootId, List.of("id", "kind")).get("kind") == null)) {
            throw new NotFound("No thread with root " + rootId);
        }
        List<Map<String, Object>> nodes = new ArrayList<>(page.nodes().size());
        for (ObjectNode d : page.nodes()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", text(d, "id"));
            String parentId = text(d.get("thread"), "parentId");
            node.put("parentId", parentId != null ? parentId : text(d, "parentId"));
            node.putAll(fields(d));
            nodes.add(node);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("rootId", rootId);
        answer.put("view", "flat");
        answer.put("total", page.total());
        answer.put("nodes", nodes);
        if (page.last() != null) {
            String next = encode(page.last());
            answer.put("cursor", next);
            answer.put("next", "/api/v1/threads/" + encode(rootId) + "?view=flat&size=" + size + "&cursor=" + next);
        }
        return answer;
    }

    private static int bounded(Integer value, int fallback, int max, String parameter) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > max) {
            throw new BadRequest(parameter + " must be between 1 and " + max, parameter);
        }
        return value;
    }

    private static List<Map.Entry<String, String>> links(ObjectNode d) {
        List<Map.Entry<String, String>> own = new ArrayList<>();
        if (d.get("links") != null && d.get("links").isArray()) {
            d.get("links").forEach(l -> own.add(Map.entry(text(l, "type") == null ? "" : text(l, "type"),
                    text(l, "targetId") == null ? "" : text(l, "targetId"))));
        }
        return own;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The flat cursor: the last node's sort values (publishedAt millis, id), opaque to clients. */
    private static String encode(List<FieldValue> last) {
        String raw = last.get(0).longValue() + ":" + last.get(1).stringValue();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static List<FieldValue> decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            return List.of(FieldValue.of(Long.parseLong(raw.substring(0, colon))),
                    FieldValue.of(raw.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new BadRequest("cursor is not one this service returned", "cursor");
        }
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
        if (text(d, "publishedAtPrecision") != null) {
            // The explorer marks dates known only to the month or year with "≈".
            f.put("publishedAtPrecision", text(d, "publishedAtPrecision"));
        }
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


    private static Instant instant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
