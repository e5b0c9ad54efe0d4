package org.speechforum.enrich.retag;

import org.speechforum.contracts.Document;
import org.speechforum.contracts.DocumentIds;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which raw documents a re-tag replays: by source and by {@code publishedAt} in [{@code from}, {@code to}).
 * A document without {@code publishedAt} is left out when a date bound is set. A deletion marker is replayed
 * whenever its source matches, whatever the dates (it has none): an earlier version of the same document that
 * matched is then followed by its deletion again, as on the live topic.
 */
public record RetagFilter(List<String> sources, Instant from, Instant to) {

    public RetagFilter {
        sources = sources == null ? List.of() : List.copyOf(new TreeSet<>(sources));
    }

    public static RetagFilter all() {
        return new RetagFilter(List.of(), null, null);
    }

    public boolean matches(Document raw) {
        if (!sources.isEmpty() && !Set.copyOf(sources).contains(raw.source())) {
            return false;
        }
        if (Boolean.TRUE.equals(raw.deleted())) {
            return true;
        }
        if (from == null && to == null) {
            return true;
        }
        Instant at = raw.publishedAt();
        return at != null && (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }

    /** Stable text of the filter, e.g. {@code sources=[a, b] from=2024-01-01T00:00:00Z to=*}. */
    public String describe() {
        return "sources=" + (sources.isEmpty() ? "*" : sources) + " from=" + (from == null ? "*" : from)
                + " to=" + (to == null ? "*" : to);
    }

    /** The first 8 hex digits of a SHA-256 of {@link #describe()}. */
    public String hash() {
        return DocumentIds.sha256(describe()).substring(0, 8);
    }
}
