package org.speechforum.enrich.entities;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers, per recently tagged document, the people its thread had named so far, so a reply tagged later links
 * "Lula" to the "Luiz Inácio Lula da Silva" of the speech it discusses. Bounded (least recently used out) and
 * per process: a restart or another instance only loses surname linking for names that are not curated.
 */
public final class ThreadMemory {

    private final Map<String, ThreadContext> byDocument;

    public ThreadMemory(int capacity) {
        this.byDocument = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ThreadContext> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized ThreadContext contextOf(String parentId) {
        return parentId == null ? ThreadContext.NONE : byDocument.getOrDefault(parentId, ThreadContext.NONE);
    }

    public synchronized void remember(String documentId, ThreadContext context) {
        if (!context.bySurname().isEmpty()) {
            byDocument.put(documentId, context);
        }
    }
}
