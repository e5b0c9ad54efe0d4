package org.speechforum.enrich.threads;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.speechforum.contracts.Author;
import org.speechforum.contracts.Link;
import org.speechforum.contracts.ThreadInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One document's entry in the thread state: what threading needs of it (declared parent, participant key,
 * publication time), where it sits, on a root the thread aggregates, its links, and the people its thread had
 * named down to it ({@code names}, by surname: what entity tagging of its replies links a bare surname to; see
 * entities.ThreadMemory). Null {@code names}: not known (an entry written before names were kept, or only linked).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThreadNode(String id, String parentId, String authorKey, Instant publishedAt, ThreadInfo thread,
                         Long replyCount, Long participantCount, Instant lastActivityAt, List<Link> links,
                         Map<String, Name> names) {

    /** A person a thread named: entity id, full name and entity type (as entity tagging gave them). */
    public record Name(String id, String name, String type) {
    }

    public ThreadNode {
        Objects.requireNonNull(id, "id");
    }

    public ThreadNode(String id, String parentId, String authorKey, Instant publishedAt, ThreadInfo thread,
                      Long replyCount, Long participantCount, Instant lastActivityAt, List<Link> links) {
        this(id, parentId, authorKey, publishedAt, thread, replyCount, participantCount, lastActivityAt, links, null);
    }

    public ThreadNode(String id, String parentId, String authorKey, Instant publishedAt, ThreadInfo thread,
                      Long replyCount, Long participantCount, Instant lastActivityAt) {
        this(id, parentId, authorKey, publishedAt, thread, replyCount, participantCount, lastActivityAt, null);
    }

    /** A document as it arrives, not placed yet. */
    public static ThreadNode arriving(String id, String parentId, Author author, Instant publishedAt) {
        return arriving(id, parentId, author, publishedAt, null);
    }

    /** A document as it arrives with its own links (the forward ones enrichment found, and any it came with). */
    public static ThreadNode arriving(String id, String parentId, Author author, Instant publishedAt,
                                      List<Link> links) {
        return arriving(id, parentId, author, publishedAt, links, null);
    }

    /** As above, with the names its thread had named down to it (null: not known, the stored ones stay). */
    public static ThreadNode arriving(String id, String parentId, Author author, Instant publishedAt,
                                      List<Link> links, Map<String, Name> names) {
        return new ThreadNode(id, parentId, participantKey(author), publishedAt, null, null, null, null, links,
                names == null ? null : Map.copyOf(names));
    }

    /**
     * The same entry with reverse links merged in: per target, the DISCUSSES / QUOTES links of {@code found}
     * replace the ones stored to that target.
     */
    public ThreadNode linked(List<Link> found) {
        return new ThreadNode(id, parentId, authorKey, publishedAt, thread, replyCount, participantCount,
                lastActivityAt, mergeLinks(links, found), names);
    }

    @JsonIgnore
    public boolean isRoot() {
        return thread != null && id.equals(thread.rootId());
    }

    /** The same document at another place; aggregates stay only while it is still a root. */
    public ThreadNode placed(ThreadInfo place) {
        boolean root = id.equals(place.rootId());
        return new ThreadNode(id, parentId, authorKey, publishedAt, place,
                root ? replyCount : null, root ? participantCount : null, root ? lastActivityAt : null, links, names);
    }

    /**
     * The same document with what it declares now (a redelivered or edited version) and its stored state. Its
     * own links replace the stored ones, except DISCUSSES / QUOTES links to targets it does not link itself:
     * those came from speeches that arrived after it (reverse links) and stay. Its names replace the stored ones
     * when it brings any.
     */
    public ThreadNode declaring(ThreadNode arrived) {
        List<Link> merged = links;
        if (arrived.links != null) {
            List<Link> reverse = new ArrayList<>();
            java.util.Set<String> own = new java.util.HashSet<>();
            arrived.links.forEach(l -> own.add(l.targetId()));
            for (Link l : links == null ? List.<Link>of() : links) {
                if (found(l) && !own.contains(l.targetId())) {
                    reverse.add(l);
                }
            }
            merged = new ArrayList<>(arrived.links);
            merged.addAll(reverse);
        }
        return new ThreadNode(id, arrived.parentId, arrived.authorKey, arrived.publishedAt, thread, replyCount,
                participantCount, lastActivityAt, merged, arrived.names != null ? arrived.names : names);
    }

    /** {@code existing} with the DISCUSSES / QUOTES links to each target of {@code found} replaced by those. */
    public static List<Link> mergeLinks(List<Link> existing, List<Link> found) {
        java.util.Set<String> targets = new java.util.HashSet<>();
        found.forEach(l -> targets.add(l.targetId()));
        List<Link> merged = new ArrayList<>();
        for (Link l : existing == null ? List.<Link>of() : existing) {
            if (!(found(l) && targets.contains(l.targetId()))) {
                merged.add(l);
            }
        }
        merged.addAll(found);
        return merged;
    }

    private static boolean found(Link l) {
        return "DISCUSSES".equals(l.type()) || "QUOTES".equals(l.type());
    }

    public ThreadNode withAggregates(Aggregates a) {
        return new ThreadNode(id, parentId, authorKey, publishedAt, thread, a.replyCount(), a.participantCount(),
                a.lastActivityAt(), links, names);
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
