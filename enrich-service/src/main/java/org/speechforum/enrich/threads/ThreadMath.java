package org.speechforum.enrich.threads;

import org.speechforum.contracts.ThreadInfo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The tree maths of threading, free of Elasticsearch and Spring: where a document sits given where its parent
 * sits, how a whole batch resolves when parents and children arrive together, and how a fragment (a subtree
 * whose top was an orphan, or a subtree whose ancestor moved) is re-threaded once its top has a new place.
 *
 * <p>An orphan is a document whose declared parent is not (yet) known: it becomes the root of its own
 * fragment ({@code rootId} = its id, depth 0, {@code orphan = true}) so it stays searchable, and its own
 * replies hang under it. When the parent arrives, the fragment is moved under it with {@link #settle}.
 */
public final class ThreadMath {

    private ThreadMath() {
    }

    /** What threading needs of a document: its id, its declared parent (null for a root) and where it sits now. */
    public record Node(String id, String parentId, ThreadInfo thread) {
        public Node {
            Objects.requireNonNull(id, "id");
        }
    }

    /** A document that starts a thread. */
    public static ThreadInfo root(String id) {
        return new ThreadInfo(id, null, 0, List.of(id), false);
    }

    /** A document whose parent is unknown: the root of its own fragment, marked as orphan. */
    public static ThreadInfo orphan(String id, String parentId) {
        return new ThreadInfo(id, parentId, 0, List.of(id), true);
    }

    /** A document replying to a parent that sits at {@code parent}. */
    public static ThreadInfo under(String id, ThreadInfo parent) {
        List<String> path = new ArrayList<>(parent.path().size() + 1);
        path.addAll(parent.path());
        path.add(id);
        return new ThreadInfo(parent.rootId(), parent.path().getLast(), parent.depth() + 1, List.copyOf(path), false);
    }

    /** True when placing {@code id} under {@code parent} would make the document its own ancestor. */
    public static boolean wouldCycle(String id, ThreadInfo parent) {
        return parent.path().contains(id);
    }

    /** Where {@code id} (declaring {@code parentId}) sits, given its parent's place or null when the parent is unknown. */
    public static ThreadInfo place(String id, String parentId, ThreadInfo parent) {
        if (parentId == null || parentId.isBlank() || parentId.equals(id)) {
            return root(id);
        }
        if (parent == null || wouldCycle(id, parent)) {
            return orphan(id, parentId);
        }
        return under(id, parent);
    }

    /**
     * Threads a batch: each document's parent is looked for first in the batch itself (in any order), then in
     * {@code known} (places of documents already stored, by id). Parent cycles inside the batch are broken by
     * making the document where the cycle is found an orphan.
     */
    public static Map<String, ThreadInfo> resolve(Collection<Node> batch, Map<String, ThreadInfo> known) {
        return placeAll(batch, c -> place(c.id(), c.parentId(), c.parentId() == null ? null : known.get(c.parentId())));
    }

    /**
     * Settles a connected set of stored documents (e.g. the subtrees below the documents of a batch and the
     * orphans that waited for them): a document whose parent is in the set is placed under it, again, from the
     * top down; a document whose parent is not in the set (an anchor) keeps its stored place. Returns only the
     * documents whose place changed.
     */
    public static Map<String, ThreadInfo> settle(Collection<Node> nodes) {
        Map<String, ThreadInfo> placed = placeAll(nodes,
                c -> c.thread() != null ? c.thread() : place(c.id(), c.parentId(), null));
        Map<String, ThreadInfo> changed = new LinkedHashMap<>();
        for (Node n : nodes) {
            ThreadInfo p = placed.get(n.id());
            if (p != null && !p.equals(n.thread())) {
                changed.put(n.id(), p);
            }
        }
        return changed;
    }

    private static Map<String, ThreadInfo> placeAll(Collection<Node> nodes, Function<Node, ThreadInfo> anchor) {
        Map<String, Node> byId = new LinkedHashMap<>();
        for (Node n : nodes) {
            byId.put(n.id(), n);
        }
        Map<String, ThreadInfo> placed = new LinkedHashMap<>();
        for (Node n : byId.values()) {
            placeOne(n, byId, anchor, placed);
        }
        return placed;
    }

    private static void placeOne(Node start, Map<String, Node> byId, Function<Node, ThreadInfo> anchor,
                                 Map<String, ThreadInfo> placed) {
        // Walk up inside the set until a placed ancestor or an anchor is found, then place downwards.
        Deque<Node> chain = new ArrayDeque<>();
        Set<String> onChain = new HashSet<>();
        Node n = start;
        while (n != null && !placed.containsKey(n.id())) {
            if (!onChain.add(n.id())) {
                break; // cycle: n is already on the chain
            }
            chain.push(n);
            String parentId = n.parentId();
            n = parentId == null || parentId.equals(n.id()) ? null : byId.get(parentId);
        }
        Node cycleAt = n != null && !placed.containsKey(n.id()) ? n : null;
        while (!chain.isEmpty()) {
            Node c = chain.pop();
            ThreadInfo place;
            if (cycleAt != null && c.id().equals(cycleAt.id())) {
                place = orphan(c.id(), c.parentId()); // the node where the cycle closed becomes an orphan
                cycleAt = null;
            } else if (c.parentId() != null && placed.containsKey(c.parentId())) {
                place = place(c.id(), c.parentId(), placed.get(c.parentId()));
            } else {
                place = anchor.apply(c);
            }
            placed.put(c.id(), place);
        }
    }
}
