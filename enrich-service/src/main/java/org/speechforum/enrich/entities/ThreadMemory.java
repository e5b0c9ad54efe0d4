package org.speechforum.enrich.entities;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The people a thread has named so far, per document, so a reply tagged later links "Lula" to the "Luiz Inácio
 * Lula da Silva" of the speech it discusses: {@link #contextOf} a document's parent gives what the thread named down
 * to the parent, {@link #remember} records what a document leaves for its replies.
 * <p>
 * In the service this is one batch's view of the thread state enrich-service owns (docs/threading.md): built by
 * {@link #of} from the names stored on the entries of the batch's parents (one read per batch), it answers a
 * parent of the same batch from what that parent left, else from the stored entry, and hands what the batch's
 * documents leave ({@link #remembered}) to threading, which writes it into each document's entry with its place.
 * So the memory is per thread across instances and survives restarts.
 * <p>
 * {@link #ThreadMemory(int)}: a bounded memory of this process alone (least recently used out), for tools and
 * tests that enrich documents one by one without a thread state.
 */
public final class ThreadMemory {

    private final Map<String, ThreadContext> stored;
    private final Map<String, ThreadContext> byDocument;
    private final boolean batch;

    /** A memory of this process alone, holding the contexts of up to {@code capacity} documents. */
    public ThreadMemory(int capacity) {
        this.stored = Map.of();
        this.batch = false;
        this.byDocument = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ThreadContext> eldest) {
                return size() > capacity;
            }
        };
    }

    private ThreadMemory(Map<String, ThreadContext> stored) {
        this.stored = Map.copyOf(stored);
        this.batch = true;
        this.byDocument = new LinkedHashMap<>();
    }

    /** One batch's memory over {@code stored}: the contexts stored on the entries of the batch's parents. */
    public static ThreadMemory of(Map<String, ThreadContext> stored) {
        return new ThreadMemory(stored);
    }

    public synchronized ThreadContext contextOf(String parentId) {
        if (parentId == null) {
            return ThreadContext.NONE;
        }
        ThreadContext left = byDocument.get(parentId);
        return left != null ? left : stored.getOrDefault(parentId, ThreadContext.NONE);
    }

    /** What {@code documentId} leaves for its replies (empty contexts too, so a re-tag can clear stale names). */
    public synchronized void remember(String documentId, ThreadContext context) {
        // The process memory keeps only what helps a reply; a batch's keeps all it will write to the entries.
        if (batch || !context.bySurname().isEmpty()) {
            byDocument.put(documentId, context);
        }
    }

    /** The contexts the documents remembered here leave for their replies, by document id. */
    public synchronized Map<String, ThreadContext> remembered() {
        return Map.copyOf(byDocument);
    }
}
