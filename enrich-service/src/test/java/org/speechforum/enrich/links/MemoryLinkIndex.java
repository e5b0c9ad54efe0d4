package org.speechforum.enrich.links;

import org.speechforum.contracts.DocumentKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link LinkIndex} in memory with Elasticsearch's visibility rule (searches see what was put before the last
 * refresh) and the same lookups as {@link ElasticLinkIndex}: speeches ranked by shared keys (the first
 * {@link ElasticLinkIndex#MAX_SCORED_KEYS} of the query's), a named URL first; forum documents by any shared key.
 */
final class MemoryLinkIndex implements LinkIndex {

    private final Map<String, Entry> written = new LinkedHashMap<>();
    private final Map<String, Entry> searchable = new LinkedHashMap<>();

    @Override
    public synchronized void put(List<Entry> entries) {
        entries.forEach(e -> written.put(e.id(), e));
    }

    @Override
    public synchronized void refresh() {
        searchable.putAll(written);
    }

    @Override
    public synchronized List<Entry> speechesSharing(Collection<String> keys, Collection<String> urls, int size) {
        Set<String> wanted = new HashSet<>(keys.stream().limit(ElasticLinkIndex.MAX_SCORED_KEYS).toList());
        Set<String> named = new HashSet<>(urls);
        List<Map.Entry<Entry, Long>> scored = new ArrayList<>();
        for (Entry e : searchable.values()) {
            if (e.kind() != DocumentKind.SPEECH) {
                continue;
            }
            long shared = e.keys().stream().filter(wanted::contains).count()
                    + (e.url() != null && named.contains(e.url()) ? 1_000 : 0);
            if (shared > 0) {
                scored.add(Map.entry(e, shared));
            }
        }
        scored.sort(Map.Entry.<Entry, Long>comparingByValue(Comparator.reverseOrder()));
        return scored.stream().limit(size).map(Map.Entry::getKey).toList();
    }

    @Override
    public synchronized List<Entry> forumSharing(Collection<String> keys, String url, int size) {
        Set<String> wanted = new HashSet<>(keys);
        Set<String> named = url == null ? Set.of() : new HashSet<>(LinkFinder.urls(url));
        return searchable.values().stream()
                .filter(e -> e.kind() != DocumentKind.SPEECH)
                .filter(e -> e.keys().stream().anyMatch(wanted::contains) || e.urls().stream().anyMatch(named::contains))
                .limit(size).toList();
    }
}
