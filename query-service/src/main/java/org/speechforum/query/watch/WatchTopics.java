package org.speechforum.query.watch;

/** The topics of watches (contract; docs/watches.md). */
public final class WatchTopics {

    /** Watch definitions, key = watch id, value = {@link Watch} JSON, tombstone = deleted; compacted. */
    public static final String WATCHES = "watches.v1";
    /** Matches, key = watch id, value = {@link WatchMatch} JSON; kept for {@code query.watches.match-retention}. */
    public static final String MATCHES = "watches.matches.v1";

    private WatchTopics() {
    }
}
