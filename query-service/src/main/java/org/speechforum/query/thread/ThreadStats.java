package org.speechforum.query.thread;

import org.speechforum.contracts.Author;

import java.time.Instant;
import java.util.Locale;

/**
 * Thread-level aggregates kept on the root document: replies under it, distinct participants (the root's author
 * included) and the newest publication time in the thread.
 */
public record ThreadStats(String rootId, long replyCount, long participantCount, Instant lastActivityAt) {

    /**
     * The key that tells participants apart: a forum user by {@code handle@instance} (handles repeat across
     * instances), a speaker by name; null when the document names nobody.
     */
    public static String participantKey(Author author) {
        if (author == null) {
            return null;
        }
        if (author.handle() != null && !author.handle().isBlank()) {
            String handle = author.handle().strip().toLowerCase(Locale.ROOT);
            if (handle.startsWith("@")) {
                handle = handle.substring(1);
            }
            return author.instance() == null || author.instance().isBlank() || handle.contains("@")
                    ? handle : handle + "@" + author.instance().strip().toLowerCase(Locale.ROOT);
        }
        if (author.name() != null && !author.name().isBlank()) {
            return "name:" + author.name().strip().toLowerCase(Locale.ROOT);
        }
        return null;
    }
}
