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
 * {@link ElasticLinkIndex#MAX_SCORED_KEYS} of the query's), a named URL first; forum documents ranked by shared keys
 * (at most {@link ElasticLinkIndex#MAX_SCORED_KEYS} spread over the speech's), a named URL first. Shared keys are
 * counted, where Elasticsearch weighs rarer ones more (BM25).
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
        Set<String> scoredKeys = new HashSet<>(ElasticLinkIndex.spread(keys));
        Set<String> named = url == null ? Set.of() : new HashSet<>(LinkFinder.urls(url));
        List<Map.Entry<Entry, Double>> scored = new ArrayList<>();
        for (Entry e : searchable.values()) {
            if (e.kind() == DocumentKind.SPEECH) {
                continue;
            }
            long shared = e.keys().stream().filter(scoredKeys::contains).count();
            boolean any = shared > 0 || e.keys().stream().anyMatch(wanted::contains);
            boolean names = e.urls().stream().anyMatch(named::contains);
            if (any || names) {
                // As the constant-score clauses of ElasticLinkIndex: 0.1 for a match outside the scored keys.
                scored.add(Map.entry(e, shared + (shared == 0 && any ? 0.1 : 0) + (names ? 1_000 : 0)));
            }
        }
        scored.sort(Map.Entry.<Entry, Double>comparingByValue(Comparator.reverseOrder()));
        return scored.stream().limit(size).map(Map.Entry::getKey).toList();
    }
}
