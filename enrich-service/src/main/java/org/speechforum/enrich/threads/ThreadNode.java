package org.speechforum.enrich.threads;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.speechforum.contracts.Author;
import org.speechforum.contracts.ThreadInfo;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One document's entry in the thread state: what threading needs of it (declared parent, participant key,
 * publication time), where it sits, and on a root the thread aggregates.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThreadNode(String id, String parentId, String authorKey, Instant publishedAt, ThreadInfo thread,
                         Long replyCount, Long participantCount, Instant lastActivityAt) {

    public ThreadNode {
        Objects.requireNonNull(id, "id");
    }

    /** A document as it arrives, not placed yet. */
    public static ThreadNode arriving(String id, String parentId, Author author, Instant publishedAt) {
        return new ThreadNode(id, parentId, participantKey(author), publishedAt, null, null, null, null);
    }

    @JsonIgnore
    public boolean isRoot() {
        return thread != null && id.equals(thread.rootId());
    }

    /** The same document at another place; aggregates stay only while it is still a root. */
    public ThreadNode placed(ThreadInfo place) {
        boolean root = id.equals(place.rootId());
        return new ThreadNode(id, parentId, authorKey, publishedAt, place,
                root ? replyCount : null, root ? participantCount : null, root ? lastActivityAt : null);
    }

    /** The same document with what it declares now (a redelivered or edited version) and its stored state. */
    public ThreadNode declaring(ThreadNode arrived) {
        return new ThreadNode(id, arrived.parentId, arrived.authorKey, arrived.publishedAt, thread, replyCount,
                participantCount, lastActivityAt);
    }

    public ThreadNode withAggregates(Aggregates a) {
        return new ThreadNode(id, parentId, authorKey, publishedAt, thread, a.replyCount(), a.participantCount(),
                a.lastActivityAt());
    }

    @JsonIgnore
    public Aggregates aggregates() {
        return replyCount == null ? null : new Aggregates(replyCount, participantCount, lastActivityAt);
    }

    /** Replies below a root, distinct participants (the root's author included), newest publication time. */
    public record Aggregates(long replyCount, long participantCount, Instant lastActivityAt) {
    }

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
