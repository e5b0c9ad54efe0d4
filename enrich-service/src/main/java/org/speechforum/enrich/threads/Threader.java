package org.speechforum.enrich.threads;

import org.speechforum.contracts.ThreadInfo;
import org.speechforum.contracts.ThreadRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Threads a batch of arriving documents against the shared {@link ThreadState}, correct with any number of
 * instances working at once, in any arrival order, with redeliveries; plain Java, no Spring, no Elasticsearch.
 *
 * <p>The one rule every change follows: <em>write, refresh, then look for children; read the child, then its
 * parent, then write the child only if it is unchanged since read</em>. Whoever changes a document's place looks
 * for its children after a refresh and re-places them; whoever writes a child re-reads its parent afterwards.
 * Of two instances racing (a parent and its child written at the same moment), at least one sees the other's
 * write, so no child is left orphaned or under a stale place, and conditional writes make the last write the
 * right one. No reconciler is needed.
 *
 * <p>Aggregates follow the same rule: a root's version is read before the refresh that the aggregation reads
 * after, and the aggregates are written only if the root is still at that version; so the last successful
 * write counted every document written before it.
 *
 * <p>The answer is a {@link ThreadRecord} for every document this batch touched (written or only checked), at
 * the version read or written: publishing them all, changed or not, is what repairs a crash between the state
 * write and the publish, since the redelivered batch publishes them again.
 */
public class Threader {

    /** Bound on conditional-write retries of one document in one batch (only contention can need more than 2). */
    static final int MAX_ROUNDS = 1_000;

    private final ThreadState state;

    public Threader(ThreadState state) {
        this.state = state;
    }

    /** The outcome of a batch: the records to publish, and counts for metrics. */
    public record Result(Map<String, ThreadRecord> records, int moved, int conflicts) {
    }

    public Result thread(List<ThreadNode> arrivals) throws IOException {
        Map<String, ThreadNode> batch = new LinkedHashMap<>();
        arrivals.forEach(a -> batch.put(a.id(), a));
        Touched touched = new Touched();

        // 1. A first place for each document, from the parents as stored now or in the batch, written
        //    conditionally. Whatever this gets wrong (a parent moved meanwhile, a conflict) step 2 repairs.
        Set<String> lookups = new LinkedHashSet<>(batch.keySet());
        batch.values().forEach(a -> {
            if (a.parentId() != null) {
                lookups.add(a.parentId());
            }
        });
        Map<String, ThreadState.Stored> stored = state.get(lookups);
        Map<String, ThreadInfo> known = new HashMap<>();
        stored.forEach((id, s) -> {
            if (s.node().thread() != null) {
                known.put(id, s.node().thread());
            }
        });
        List<ThreadMath.Node> nodes = new ArrayList<>(batch.size());
        batch.values().forEach(a -> nodes.add(new ThreadMath.Node(a.id(), a.parentId(), null)));
        Map<String, ThreadInfo> places = ThreadMath.resolve(nodes, known);
        List<ThreadState.Write> writes = new ArrayList<>();
        Set<String> roots = new LinkedHashSet<>();
        for (ThreadNode a : batch.values()) {
            ThreadState.Stored before = stored.get(a.id());
            ThreadNode base = before == null ? a : before.node().declaring(a);
            ThreadNode next = base.placed(places.get(a.id()));
            if (before != null && before.node().thread() != null) {
                roots.add(before.node().thread().rootId());
            }
            if (before == null || !next.equals(before.node())) {
                writes.add(new ThreadState.Write(next, before));
            } else {
                touched.seen(before);
            }
        }
        Map<String, ThreadState.Stored> written = state.write(writes);
        written.values().forEach(touched::seen);
        int conflicts = writes.size() - written.size();

        // 2. Settle: every batch document and every child of one, until nothing moves.
        state.refresh();
        Set<String> pending = new LinkedHashSet<>(batch.keySet());
        pending.addAll(state.children(batch.keySet()));
        Settled settled = settle(pending, batch, touched, roots);

        // 3. Aggregates of every root touched, old and new.
        touched.all().forEach(s -> {
            if (s.node().thread() != null) {
                roots.add(s.node().thread().rootId());
            }
        });
        conflicts += settled.conflicts() + aggregate(roots, touched);

        Map<String, ThreadRecord> records = new LinkedHashMap<>();
        for (ThreadState.Stored s : touched.all()) {
            records.put(s.node().id(), record(s));
        }
        return new Result(records, settled.moved(), conflicts);
    }

    private record Settled(int moved, int conflicts) {
    }

    /** Re-places {@code ids} under their parents as stored now, then their children, and so on down. */
    private Settled settle(Set<String> ids, Map<String, ThreadNode> batch, Touched touched, Set<String> roots)
            throws IOException {
        int moved = 0;
        int conflicts = 0;
        Set<String> pending = new LinkedHashSet<>(ids);
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round == MAX_ROUNDS) {
                throw new IllegalStateException("Thread state did not settle after " + MAX_ROUNDS + " rounds for "
                        + pending.size() + " documents");
            }
            // The child first, then its parent: a parent changed after this read is caught by the write below.
            Map<String, ThreadState.Stored> children = state.get(pending);
            Set<String> parentIds = new HashSet<>();
            children.values().forEach(c -> {
                ThreadNode declared = batch.getOrDefault(c.node().id(), c.node());
                if (declared.parentId() != null) {
                    parentIds.add(declared.parentId());
                }
            });
            Map<String, ThreadState.Stored> parents = state.get(parentIds);
            List<ThreadState.Write> writes = new ArrayList<>();
            for (ThreadState.Stored c : children.values()) {
                // A batch document keeps what it declares now, whoever wrote its entry last.
                ThreadNode child = batch.containsKey(c.node().id())
                        ? c.node().declaring(batch.get(c.node().id())) : c.node();
                ThreadState.Stored parent = child.parentId() == null ? null : parents.get(child.parentId());
                ThreadInfo place = ThreadMath.place(child.id(), child.parentId(),
                        parent == null ? null : parent.node().thread());
                ThreadNode next = child.placed(place);
                if (next.equals(c.node())) {
                    touched.seen(c);
                } else {
                    if (c.node().thread() != null && !Objects.equals(place, c.node().thread())) {
                        roots.add(c.node().thread().rootId());
                    }
                    writes.add(new ThreadState.Write(next, c));
                }
            }
            Map<String, ThreadState.Stored> written = state.write(writes);
            written.values().forEach(touched::seen);
            moved += written.size();
            Set<String> next = new LinkedHashSet<>();
            for (ThreadState.Write w : writes) {
                if (!written.containsKey(w.node().id())) {
                    next.add(w.node().id()); // conflict: read again, decide again
                    conflicts++;
                }
            }
            if (!written.isEmpty()) {
                state.refresh();
                next.addAll(state.children(written.keySet()));
            }
            pending = next;
        }
        return new Settled(moved, conflicts);
    }

    /** Writes the aggregates of each root that is still a root; returns the conflicts met on the way. */
    private int aggregate(Collection<String> rootIds, Touched touched) throws IOException {
        int conflicts = 0;
        Set<String> pending = new LinkedHashSet<>(rootIds);
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round == MAX_ROUNDS) {
                throw new IllegalStateException("Thread aggregates did not settle after " + MAX_ROUNDS + " rounds");
            }
            // Versions first, then the refresh the aggregation reads after.
            Map<String, ThreadState.Stored> stored = state.get(pending);
            state.refresh();
            Map<String, ThreadNode.Aggregates> aggregates = state.aggregates(stored.keySet());
            List<ThreadState.Write> writes = new ArrayList<>();
            for (ThreadState.Stored s : stored.values()) {
                ThreadNode.Aggregates a = aggregates.get(s.node().id());
                if (!s.node().isRoot() || a == null || a.equals(s.node().aggregates())) {
                    touched.seen(s);
                } else {
                    writes.add(new ThreadState.Write(s.node().withAggregates(a), s));
                }
            }
            Map<String, ThreadState.Stored> written = state.write(writes);
            written.values().forEach(touched::seen);
            Set<String> next = new LinkedHashSet<>();
            for (ThreadState.Write w : writes) {
                if (!written.containsKey(w.node().id())) {
                    next.add(w.node().id());
                    conflicts++;
                }
            }
            pending = next;
        }
        return conflicts;
    }

    /**
     * Merges reverse links (found when a speech arrived after the documents that discuss it) into those documents'
     * entries, conditionally like every other write, so they take the entry's next version and travel in its
     * {@link ThreadRecord}. Answers the records of the entries that changed and have a place; an entry without a
     * place yet keeps the links and publishes them when it is threaded.
     */
    public Map<String, ThreadRecord> link(Map<String, List<org.speechforum.contracts.Link>> found) throws IOException {
        Map<String, ThreadRecord> out = new LinkedHashMap<>();
        Set<String> pending = new LinkedHashSet<>(found.keySet());
        for (int round = 0; !pending.isEmpty() && round < MAX_ROUNDS; round++) {
            Map<String, ThreadState.Stored> stored = state.get(pending);
            List<ThreadState.Write> writes = new ArrayList<>();
            for (String id : pending) {
                ThreadState.Stored s = stored.get(id);
                ThreadNode base = s == null ? new ThreadNode(id, null, null, null, null, null, null, null) : s.node();
                ThreadNode next = base.linked(found.get(id));
                if (s != null && Objects.equals(next.links(), base.links())) {
                    if (base.thread() != null) {
                        out.put(id, record(s));
                    }
                    continue;
                }
                writes.add(new ThreadState.Write(next, s));
            }
            Map<String, ThreadState.Stored> written = state.write(writes);
            Set<String> again = new LinkedHashSet<>();
            for (ThreadState.Write w : writes) {
                ThreadState.Stored s = written.get(w.node().id());
                if (s == null) {
                    again.add(w.node().id());
                } else if (s.node().thread() != null) {
                    out.put(s.node().id(), record(s));
                }
            }
            pending = again;
        }
        return out;
    }

    /**
     * The records of {@code published} whose entry has moved on since (a newer version), to publish again.
     * Called after Kafka acknowledged {@code published}: then the last record of every document on the
     * compacted topic is its newest version, whatever order concurrent instances' records were appended in
     * (compaction keeps the last record per key, not the highest version).
     */
    public Map<String, ThreadRecord> newer(Map<String, ThreadRecord> published) throws IOException {
        Map<String, ThreadRecord> out = new LinkedHashMap<>();
        for (ThreadState.Stored s : state.get(published.keySet()).values()) {
            ThreadRecord sent = published.get(s.node().id());
            if (sent == null || s.version() > sent.version()) {
                out.put(s.node().id(), record(s));
            }
        }
        return out;
    }

    /**
     * The names stored on these entries (the people each one's thread had named down to it), by id; entries
     * without names are absent. One real-time read, for a batch's entity tagging (entities.ThreadMemory).
     */
    public Map<String, Map<String, ThreadNode.Name>> names(Collection<String> ids) throws IOException {
        Map<String, Map<String, ThreadNode.Name>> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        state.get(ids).forEach((id, s) -> {
            if (s.node().names() != null && !s.node().names().isEmpty()) {
                out.put(id, s.node().names());
            }
        });
        return out;
    }

    static ThreadRecord record(ThreadState.Stored s) {
        ThreadNode n = s.node();
        return new ThreadRecord(n.id(), s.version(), n.thread(), n.replyCount(), n.participantCount(),
                n.lastActivityAt(), n.links());
    }

    /** The newest state seen of every entry this batch touched. */
    private static final class Touched {
        private final Map<String, ThreadState.Stored> byId = new LinkedHashMap<>();

        void seen(ThreadState.Stored s) {
            byId.merge(s.node().id(), s, (a, b) -> b.version() >= a.version() ? b : a);
        }

        Collection<ThreadState.Stored> all() {
            return byId.values();
        }
    }
}
