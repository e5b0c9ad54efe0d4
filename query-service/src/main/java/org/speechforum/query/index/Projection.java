package org.speechforum.query.index;

import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentJson;
import org.speechforum.contracts.ThreadRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the index makes of the topics, free of Kafka and Elasticsearch: per document the latest body from
 * {@code documents.enriched.v1} and the highest-version {@link ThreadRecord} from {@code documents.threads.v1},
 * merged with what is stored so that an older thread record never overwrites a newer one, whatever order the
 * two topics' records come in. A thread record for a document not indexed yet is kept as a stub (no
 * {@code kind}: hidden by the read alias's filter) that the document's body later fills.
 */
public final class Projection {

    private Projection() {
    }

    /** What one batch says about one document. */
    public static final class Intent {
        private Document body;
        private boolean tombstone;
        private ThreadRecord thread;

        public Document body() {
            return body;
        }

        public boolean tombstone() {
            return tombstone;
        }

        public ThreadRecord thread() {
            return thread;
        }
    }

    /**
     * A document as stored: whether it exists, whether it is only a stub, its thread version and state, and its
     * links (which, once a thread record was stored, are that record's).
     */
    public record Stored(boolean stub, Long threadVersion, JsonNode thread, long seqNo, long primaryTerm,
                         JsonNode links) {

        public Stored(boolean stub, Long threadVersion, JsonNode thread, long seqNo, long primaryTerm) {
            this(stub, threadVersion, thread, seqNo, primaryTerm, null);
        }
    }

    /** One write to the index, conditional on {@code expected} (null: the document must not exist). */
    public sealed interface Op permits Put, PutThread, Delete {
        String id();
    }

    /** The whole document (body, thread, thread version). */
    public record Put(String id, ObjectNode json, Stored expected) implements Op {
    }

    /** Only the thread of a stored document, or a stub holding it. */
    public record PutThread(String id, ObjectNode partial, Stored expected) implements Op {
    }

    public record Delete(String id) implements Op {
    }

    /** Folds a batch in record order: bodies last-wins, thread records highest version wins. */
    public static Map<String, Intent> fold(List<Object> records) {
        Map<String, Intent> intents = new LinkedHashMap<>();
        for (Object r : records) {
            if (r instanceof Document d) {
                Intent i = intents.computeIfAbsent(d.id(), k -> new Intent());
                i.tombstone = Boolean.TRUE.equals(d.deleted());
                i.body = i.tombstone ? null : d;
            } else if (r instanceof ThreadRecord t) {
                Intent i = intents.computeIfAbsent(t.documentId(), k -> new Intent());
                if (i.thread == null || t.version() > i.thread.version()) {
                    i.thread = t;
                }
            }
        }
        return intents;
    }

    /** The write that brings the stored document ({@code null}: absent) up to the intent, or null for none. */
    public static Op decide(String id, Intent intent, Stored stored) {
        if (intent.tombstone) {
            return new Delete(id);
        }
        boolean newer = intent.thread != null && intent.thread.newerThan(stored == null ? null : stored.threadVersion());
        if (intent.body != null) {
            ObjectNode json = DocumentJson.mapper().valueToTree(intent.body.toBuilder().thread(null).build());
            RootFields.write(json, intent.body);
            LanguageFields.write(json, intent.body);
            if (newer) {
                json.set("thread", threadJson(intent.thread));
                json.put("threadVersion", intent.thread.version());
                if (intent.thread.links() != null) {
                    json.set("links", DocumentJson.mapper().valueToTree(intent.thread.links()));
                }
            } else if (stored != null && stored.thread() != null && !stored.thread().isNull()) {
                json.set("thread", stored.thread());
                if (stored.threadVersion() != null) {
                    json.put("threadVersion", stored.threadVersion());
                    // The record's links (reverse ones included) outrank the body's: the body carries only the
                    // links found when it was enriched.
                    if (stored.links() != null && !stored.links().isNull()) {
                        json.set("links", stored.links());
                    }
                }
            }
            return new Put(id, json, stored);
        }
        if (!newer) {
            return null;
        }
        ObjectNode partial = DocumentJson.mapper().createObjectNode();
        if (stored == null) {
            partial.put("id", id);
        }
        partial.set("thread", threadJson(intent.thread));
        partial.put("threadVersion", intent.thread.version());
        if (intent.thread.links() != null) {
            partial.set("links", DocumentJson.mapper().valueToTree(intent.thread.links()));
        }
        return new PutThread(id, partial, stored);
    }

    /** The stored {@code thread} object: the place, and aggregates explicitly null on non-roots. */
    static ObjectNode threadJson(ThreadRecord record) {
        ObjectNode thread = DocumentJson.mapper().createObjectNode();
        if (record.thread() != null) {
            thread.put("rootId", record.thread().rootId());
            thread.put("parentId", record.thread().parentId());
            thread.put("depth", record.thread().depth());
            thread.set("path", DocumentJson.mapper().valueToTree(record.thread().path()));
            thread.put("orphan", Boolean.TRUE.equals(record.thread().orphan()));
        }
        if (record.replyCount() != null) {
            thread.put("replyCount", record.replyCount());
        } else {
            thread.putNull("replyCount");
        }
        if (record.participantCount() != null) {
            thread.put("participantCount", record.participantCount());
        } else {
            thread.putNull("participantCount");
        }
        if (record.lastActivityAt() != null) {
            thread.put("lastActivityAt", record.lastActivityAt().toString());
        } else {
            thread.putNull("lastActivityAt");
        }
        return thread;
    }
}
